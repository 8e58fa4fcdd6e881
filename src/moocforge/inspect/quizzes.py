"""Quiz bank evidence: how many questions each referenced bank holds.

Foundation version: a simple item count (Aiken ``ANSWER:`` lines, GIFT
question blocks). The quiz package replaces it with exact parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textio import read_text

_AIKEN_ANSWER = re.compile(r"^\s*ANSWER\s*:", re.I | re.M)
_GIFT_BLOCK = re.compile(r"\{[^}]*\}", re.S)


@dataclass
class QuizBankEvidence:
    question_count: int
    format: str  # "aiken" | "gift" | "unknown"
    error: str | None = None


def count_questions(text: str) -> tuple[int, str]:
    answers = len(_AIKEN_ANSWER.findall(text))
    if answers:
        return answers, "aiken"
    stripped = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    blocks = len(_GIFT_BLOCK.findall(stripped))
    return blocks, "gift" if blocks else "unknown"


def collect(course, profile, options) -> dict[str, QuizBankEvidence]:
    banks: dict[str, QuizBankEvidence] = {}
    for ref in course.refs_by_role("quiz", "survey"):
        if ref.is_url or ref.path in banks:
            continue
        path = course.resolve(ref.path)
        if not course.inside(path) or not path.is_file():
            continue
        try:
            count, kind = count_questions(read_text(path).text)
            banks[ref.path] = QuizBankEvidence(count, kind)
        except OSError as exc:
            banks[ref.path] = QuizBankEvidence(0, "unknown", str(exc))
    return banks
