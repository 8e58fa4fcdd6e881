"""Quiz bank evidence: every bank the subject refers to, read exactly as Moodle reads it.

For each bank (lesson quizzes, module and final assessments, surveys; or the
files given to ``quiz lint``) the evidence holds the parsed bank, its
problems with lines, and the number of test items Moodle would import
intact. ST109 (practice questions per week), DC105 (≥ 100 test items) and
ST115 (survey length) count with ``question_count``; the QZ rules read the
bank itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..quiz.load import read_bank_bytes
from ..quiz.model import Bank
from ..quiz.problems import Problem
from ..quiz.stats import bank_stats
from ..quiz.validity import importable_count
from . import Gathering, collector


@dataclass
class QuizBankEvidence:
    question_count: int  # test items Moodle imports intact: no descriptions, no refused grades
    format: str  # "aiken" | "gift" | "moodlexml" | "unknown"
    error: str | None = None  # the file could not be read at all
    bank: Bank | None = None
    problems: list[Problem] = field(default_factory=list)
    role: str = "quiz"  # "quiz" or "survey": surveys have no correct answers to check
    module: str | None = None
    lesson: str | None = None
    encoding: str | None = None


def inspect_bank(path: Path, display: str, *, role: str = "quiz", module: str | None = None,
                 lesson: str | None = None) -> QuizBankEvidence:
    """Read one bank file into evidence; an unreadable file becomes a problem, not an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return QuizBankEvidence(0, "unknown", reason, None, [Problem("unreadable", 1, {"error": reason})],
                                role, module, lesson)
    loaded = read_bank_bytes(data, path.name, source=display)
    bank = loaded.bank
    # A survey question has no correct answer to refuse: every question counts (ST115).
    count = importable_count(bank) if role == "quiz" else bank.question_count
    return QuizBankEvidence(count, bank.format, None, bank, list(bank.problems), role, module, lesson,
                            loaded.encoding)


def evidence_json(item: QuizBankEvidence) -> dict[str, Any]:
    """What the JSON result keeps of a bank: counts and statistics, not the questions."""
    return {
        "format": item.format, "role": item.role, "module": item.module, "lesson": item.lesson,
        "encoding": item.encoding, "error": item.error, "question_count": item.question_count,
        "stats": bank_stats(item.bank) if item.bank is not None else None,
    }


@collector("quiz", to_json=evidence_json)
def collect_quiz(g: Gathering) -> dict[str, QuizBankEvidence]:
    """Evidence for every quiz and survey bank file of the subject."""
    banks: dict[str, QuizBankEvidence] = {}
    for ref in g.subject.refs_by_role("quiz", "survey"):
        if ref.is_url or ref.path in banks:
            continue
        path = g.subject.readable_file(ref.path)
        if path is None:
            continue  # LK rules report missing files and paths outside the course
        banks[ref.path] = inspect_bank(path, ref.path, role="survey" if ref.role == "survey" else "quiz",
                                       module=ref.module, lesson=ref.lesson)
    return banks
