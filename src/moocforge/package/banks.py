"""Quiz banks as the packagers take them: from the check's evidence, question by question.

The banks were parsed once by the pre-flight check (``evidence.quiz``);
nothing here reads a file again. A question Moodle would refuse (QZ101,
QZ107, QZ108 at error level, the same list ``quiz convert`` refuses) is left
out of every package with that reason; a question the parser could not read
at all is reported by its line. What a target writer then cannot express (an
Omission of ``quiz.writers``) is reported too, so every question of every bank
is accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..quiz.model import Bank, Question
from ..quiz.problems import SOURCE_ONLY_CODES, errors_of
from ..quiz.validity import grade_problems
from ..quiz.writers import Omission
from .report import CONVERTED, DOWNGRADED, ConversionReport, Reason


@dataclass
class BankQuestions:
    """A bank's questions a package may carry, by their index in the bank."""

    path: str
    bank: Bank
    questions: list[tuple[int, Question]] = field(default_factory=list)
    left_out: int = 0  # questions already reported as skipped


def usable_questions(result, path: str, report: ConversionReport) -> BankQuestions | None:
    """The bank at ``path`` (course-relative) from the evidence; what cannot go is reported as skipped."""
    evidence = result.evidence.quiz.get(path)
    if evidence is None or evidence.bank is None:
        error = evidence.error if evidence is not None else None
        report.skipped("bank", path, "package.reason.bank_unreadable", source=path, error=error or "-")
        return None
    bank = evidence.bank
    found = BankQuestions(path, bank)
    for problem in errors_of([p for p in bank.problems if p.code not in SOURCE_ONLY_CODES]):
        report.add("skipped", "question", f"{path}:{problem.line}", source=path,
                   reasons=[Reason(problem.message_key, dict(problem.params))])
        found.left_out += 1
    for index, question in enumerate(bank.questions):
        errors = errors_of(grade_problems(question))
        if errors:
            report.add("skipped", "question", question.label(), source=f"{path}:{question.line}",
                       reasons=[Reason(errors[0].message_key, dict(errors[0].params))])
            found.left_out += 1
            continue
        found.questions.append((index, question))
    return found


def record_omissions(report: ConversionReport, path: str, omissions: list[Omission]) -> int:
    """Report what a writer left out or changed; returns how many questions it left out."""
    for omission in omissions:
        reason = Reason(f"quiz.convert.{omission.reason}", dict(omission.params))
        report.add("skipped" if omission.dropped else "downgraded", "question", omission.label,
                   source=f"{path}:{omission.line}", reasons=[reason])
    return len({o.index for o in omissions if o.dropped})


def record_bank(report: ConversionReport, label: str, bank: BankQuestions, written: int, target: str,
                changed: int = 0) -> None:
    """One line for the bank as a whole: how many of its questions reached the package, how many changed."""
    unreadable = len(errors_of([p for p in bank.bank.problems if p.code not in SOURCE_ONLY_CODES]))
    total = len(bank.bank.questions) + unreadable
    if written < total or changed:
        report.add(DOWNGRADED, "bank", label, source=bank.path, target=target,
                   reasons=[Reason("package.reason.bank_partial",
                                   {"written": written, "total": total, "changed": changed})])
    else:
        report.add(CONVERTED, "bank", label, source=bank.path, target=target)


def filtered_bank(found: BankQuestions) -> Bank:
    """A bank of the questions a package may carry (its own categories dropped: a package files them itself)."""
    return Bank(questions=[question for _, question in found.questions], format=found.bank.format)


def with_bank_positions(found: BankQuestions, omissions: list[Omission]) -> list[Omission]:
    """Omissions of a writer that ran on ``filtered_bank(found)``, renumbered as questions of the bank file."""
    positions = [index for index, _ in found.questions]
    for omission in omissions:
        omission.index = positions[omission.index]
    return omissions
