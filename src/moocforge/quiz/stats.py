"""``quiz stats``: what a bank holds, counted the way the rules count it."""

from __future__ import annotations

from collections import Counter

from ..findings import Severity
from .model import Bank, Kind
from .validity import bank_grade_problems


def bank_stats(bank: Bank) -> dict:
    """Counts for one bank: kinds, categories, answer keys, options per choice question, problems."""
    gradable = bank.gradable
    keys = Counter()
    for question in gradable:
        index = question.correct_index()
        if index is not None:
            keys[chr(65 + index) if index < 26 else str(index + 1)] += 1
    choice_questions = [q for q in gradable if q.kind is Kind.MULTICHOICE]
    options = sum(len(q.choices) for q in choice_questions)
    problems = bank.problems + bank_grade_problems(bank)  # what `quiz lint` reports for the file
    return {
        "format": bank.format,
        "questions": len(gradable),
        "descriptions": len(bank.questions) - len(gradable),
        "by_kind": dict(sorted(Counter(q.kind.value for q in gradable).items())),
        "by_category": dict(sorted(Counter(q.category or "" for q in gradable).items())),
        "answer_keys": dict(sorted(keys.items())),
        "average_options": round(options / len(choice_questions), 2) if choice_questions else None,
        "errors": sum(1 for p in problems if p.severity is Severity.ERROR),
        "warnings": sum(1 for p in problems if p.severity is Severity.WARNING),
    }


def combine(stats: list[dict]) -> dict:
    """Totals over several banks (averages weighted by the number of choice questions)."""
    total: dict = {"questions": 0, "descriptions": 0, "by_kind": Counter(), "by_category": Counter(),
                   "answer_keys": Counter(), "errors": 0, "warnings": 0}
    options = choices = 0
    for item in stats:
        for key in ("questions", "descriptions", "errors", "warnings"):
            total[key] += item[key]
        for key in ("by_kind", "by_category", "answer_keys"):
            total[key].update(item[key])
        count = item["by_kind"].get(Kind.MULTICHOICE.value, 0)
        if item["average_options"] is not None:
            options += item["average_options"] * count
            choices += count
    for key in ("by_kind", "by_category", "answer_keys"):
        total[key] = dict(sorted(total[key].items()))
    total["average_options"] = round(options / choices, 2) if choices else None
    return total
