"""Adapter: moocforge's quiz model → the JSON shape of the gift-pegjs corpus.

The corpus (../shared/conformance/gift-pegjs) describes each parsed question as
a dict with pegjs's own names (type MC/TF/Short/…, stem, choices, matchPairs …).
This module maps a parsed ``Bank`` to that shape so the corpus can be compared
question by question. It maps names only; it never changes what was parsed.
"""

from __future__ import annotations

from moocforge.quiz.model import Bank, Kind, Question, Text

TYPE_NAMES = {Kind.MULTICHOICE: "MC", Kind.TRUEFALSE: "TF", Kind.SHORTANSWER: "Short", Kind.NUMERICAL: "Numerical",
              Kind.MATCH: "Matching", Kind.ESSAY: "Essay", Kind.DESCRIPTION: "Description"}


def _text(text: Text | None) -> dict | None:
    return None if text is None else {"format": text.format, "text": text.text}


def _number_value(number) -> dict:
    if number.style == "range":
        return {"type": "high-low", "numberHigh": number.high, "numberLow": number.low}
    if number.style == "tolerance":
        return {"type": "range", "number": number.value, "range": number.tolerance}
    return {"type": "simple", "number": number.value}


def _numerical_choices(question: Question):
    numbers = question.numbers
    if len(numbers) == 1 and not numbers[0].marked and numbers[0].style != "other":
        return _number_value(numbers[0])  # pegjs: one unmarked answer is an object, not a list
    choices = []
    for number in numbers:
        if number.style == "other":
            text = {"format": question.stem.format, "text": "*"}
        else:
            text = _number_value(number)
        choices.append({"isCorrect": number.marked, "weight": number.weight, "text": text,
                        "feedback": _text(number.feedback)})
    return choices


def question_shape(question: Question) -> dict:
    shape = {"id": question.idnumber, "tags": question.tags or None, "type": TYPE_NAMES[question.kind],
             "title": question.title, "stem": _text(question.stem), "hasEmbeddedAnswers": question.blank is not None}
    if question.kind is not Kind.DESCRIPTION:
        shape["globalFeedback"] = _text(question.general_feedback)
    if question.kind in (Kind.MULTICHOICE, Kind.SHORTANSWER):
        # pegjs calls every short answer correct; in multiple choice, those written with '='.
        short = question.kind is Kind.SHORTANSWER
        shape["choices"] = [{"isCorrect": short or c.marked, "weight": c.weight, "text": _text(c.text),
                             "feedback": _text(c.feedback)} for c in question.choices]
    elif question.kind is Kind.NUMERICAL:
        shape["choices"] = _numerical_choices(question)
    elif question.kind is Kind.MATCH:
        shape["matchPairs"] = [{"subquestion": _text(p.question), "subanswer": p.answer} for p in question.pairs]
    elif question.kind is Kind.TRUEFALSE:
        shape.update(isTrue=question.truth, trueFeedback=_text(question.feedback_true),
                     falseFeedback=_text(question.feedback_false))
    return shape


def bank_shape(bank: Bank) -> list[dict]:
    """The bank in corpus order: category switches interleaved with questions."""
    marks = {}
    for mark in bank.categories:
        marks.setdefault(mark.index, []).append(mark)
    out: list[dict] = []
    for index in range(len(bank.questions) + 1):
        out.extend({"type": "Category", "title": mark.name} for mark in marks.get(index, []))
        if index < len(bank.questions):
            out.append(question_shape(bank.questions[index]))
    return out
