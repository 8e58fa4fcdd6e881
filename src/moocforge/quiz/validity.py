"""Grades Moodle checks when it saves an imported question, and what stops an import.

A question can read perfectly and still not reach learners as written. What
current Moodle does (``quiz.problems`` cites the files):

- a weight that is not one of Moodle's grades: "invalid grade", and with the
  default "Stop on error" nothing in the file is imported — an error;
- a short-answer question without a 100 % answer: the question type returns an
  error ("fractionsnomax") and the import stops at that question — an error;
- a multiple-choice question without a 100 % answer, or whose several correct
  answers do not add up to 100 % ("fractionsaddwrong"): imported as written,
  with only a notice the import does not act on — a warning; likewise a
  numerical question without a 100 % answer (Moodle does not check it).

QZ107 and QZ108 report these; ``importable_count`` leaves out the questions
Moodle refuses, so ST109 and DC105 count what Moodle would really import; and
``import_errors`` is the one list ``quiz lint`` calls errors and ``quiz
convert`` refuses, so the two commands agree.
"""

from __future__ import annotations

from .model import Bank, Kind, Question
from .moodle import FULL_CREDIT, allowed_grade, nearest_grade
from .problems import SOURCE_ONLY_CODES, Problem, errors_of


def fractions(question: Question) -> list[float]:
    if question.kind in (Kind.MULTICHOICE, Kind.SHORTANSWER):
        return [c.fraction for c in question.choices]
    if question.kind is Kind.NUMERICAL:
        return [n.fraction for n in question.numbers]
    return []


def _best_answer_problem(question: Question, best: float) -> Problem | None:
    """No answer worth full marks: an error for a short answer, a warning otherwise (see the module docstring)."""
    several = question.kind is Kind.MULTICHOICE and not question.single
    if question.kind is Kind.SHORTANSWER and best < FULL_CREDIT:
        return Problem("shortanswer_no_full_credit", question.line, {"best": round(best * 100, 2)})
    if best <= 0:
        return Problem("none_correct", question.line)
    if best < FULL_CREDIT and not several:
        return Problem("no_full_credit", question.line, {"best": round(best * 100, 2)})
    return None


def _weight_problems(question: Question, grades: list[float], best: float) -> list[Problem]:
    found = []
    odd = [g for g in grades if allowed_grade(g) is None]
    if odd:
        found.append(Problem("weight_not_allowed", question.line, {
            "weight": round(odd[0] * 100, 5), "nearest": round(nearest_grade(odd[0]) * 100, 5)}))
    if question.kind is Kind.MULTICHOICE and not question.single and best > 0:
        total = sum(g for g in grades if g > 0)
        if round(total, 2) != 1:  # Moodle rounds the sum to two places
            found.append(Problem("weights_sum", question.line, {"total": round(total * 100, 2)}))
    return found


def grade_problems(question: Question) -> list[Problem]:
    """What Moodle says about this question's grades when it saves it (QZ107, QZ108)."""
    grades = fractions(question)
    if not grades:
        return []
    best = max(grades)
    found = [problem for problem in (_best_answer_problem(question, best),) if problem is not None]
    return found + _weight_problems(question, grades, best)


def bank_grade_problems(bank: Bank) -> list[Problem]:
    return [problem for question in bank.questions for problem in grade_problems(question)]


def import_errors(bank: Bank) -> list[Problem]:
    """Everything ``quiz lint`` calls an error of the questions (QZ101, QZ107, QZ108), in line order.

    Problems of the file alone (its encoding) are left out: a conversion
    decodes the file and writes UTF-8, so they do not reach its output.
    """
    readable = [p for p in bank.problems if p.code not in SOURCE_ONLY_CODES]
    return errors_of(readable + bank_grade_problems(bank))


def importable_count(bank: Bank) -> int:
    """Test items Moodle would import: gradable questions whose grades it does not refuse."""
    return sum(1 for q in bank.questions if q.is_gradable and not errors_of(grade_problems(q)))
