"""Grades Moodle refuses when it saves an imported question.

A question can read perfectly and still never reach learners: the importer
refuses a weight that is not one of Moodle's grades ("invalid grade"), a
single-answer question without a 100 % answer ("fractionsnomax"), and a
several-answer question whose positive weights do not add up to 100 %
("fractionsaddwrong"). The QZ107/QZ108 rules report these, and the bank's
count of test items leaves such questions out, so ST109 and DC105 count what
Moodle would really import.
"""

from __future__ import annotations

from .model import Bank, Kind, Question
from .moodle import FULL_CREDIT, allowed_grade, nearest_grade


def fractions(question: Question) -> list[float]:
    if question.kind in (Kind.MULTICHOICE, Kind.SHORTANSWER):
        return [c.fraction for c in question.choices]
    if question.kind is Kind.NUMERICAL:
        return [n.fraction for n in question.numbers]
    return []


def grade_problems(question: Question) -> list[tuple[str, dict]]:
    """(message code, params) for each reason Moodle would refuse this question's grades."""
    grades = fractions(question)
    if not grades:
        return []
    found: list[tuple[str, dict]] = []
    several = question.kind is Kind.MULTICHOICE and not question.single
    best = max(grades)
    if best <= 0:
        found.append(("none_correct", {}))
    elif best < FULL_CREDIT and not several:
        found.append(("no_full_credit", {"best": round(best * 100, 2)}))
    odd = [g for g in grades if allowed_grade(g) is None]
    if odd:
        found.append(("weight_not_allowed", {"weight": round(odd[0] * 100, 5),
                                             "nearest": round(nearest_grade(odd[0]) * 100, 5)}))
    if several and best > 0:
        total = sum(g for g in grades if g > 0)
        if round(total, 2) != 1:  # Moodle rounds the sum to two places
            found.append(("weights_sum", {"total": round(total * 100, 2)}))
    return found


def importable_count(bank: Bank) -> int:
    """Test items Moodle would import: gradable questions whose grades it accepts."""
    return sum(1 for q in bank.questions if q.is_gradable and not grade_problems(q))
