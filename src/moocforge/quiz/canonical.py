"""What a question *is* once Moodle has it, without how it was written.

Two readers of different formats agree on a question when their canonical
forms are equal: GIFT's ``=`` versus ``~%100%``, ``lo..hi`` versus
``mid:tolerance``, or a missing title versus the name Moodle makes from the
stem are notation, not content. Round-trip tests through Moodle XML compare
these forms; the GIFT round trip compares whole models.
"""

from __future__ import annotations

import re
from typing import Any

from .model import Kind, Question, Text

_TAG = re.compile(r"<[^>]*>")
DEFAULT_NAME = "Question"
NAME_LENGTH = 80


def default_name(stem: Text) -> str:
    """The name Moodle gives a question without one: the stem's start, tags removed."""
    text = " ".join(_TAG.sub(" ", stem.text).split())
    if len(text) > NAME_LENGTH:
        cut = text.rfind(" ", 0, NAME_LENGTH - 3)
        text = text[:cut if cut > 0 else NAME_LENGTH - 3] + "..."
    return text or DEFAULT_NAME


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _text(text: Text | None) -> tuple[str, str] | None:
    return None if text is None or not text.text else (text.text, text.format)


def canonical(question: Question) -> dict[str, Any]:
    """The content of a question as Moodle stores it, comparable across formats."""
    form: dict[str, Any] = {
        "kind": question.kind.value,
        "name": question.title if question.title is not None else default_name(question.stem),
        "stem": _text(question.stem),
        "general_feedback": _text(question.general_feedback),
        "idnumber": question.idnumber or None,
        "tags": list(question.tags),
        "category": question.category,
    }
    kind = question.kind
    if kind in (Kind.MULTICHOICE, Kind.SHORTANSWER):
        form["choices"] = [(_text(c.text), _round(c.fraction), _text(c.feedback)) for c in question.choices]
        if kind is Kind.MULTICHOICE:
            form["single"] = question.single
    elif kind is Kind.NUMERICAL:
        form["numbers"] = [(_round(n.value), _round(n.tolerance) if n.value is not None else None,
                            _round(n.fraction), _text(n.feedback)) for n in question.numbers]
    elif kind is Kind.MATCH:
        form["pairs"] = [(_text(p.question), p.answer) for p in question.pairs]
    elif kind is Kind.TRUEFALSE:
        form["truth"] = question.truth
        form["feedback"] = (_text(question.feedback_true), _text(question.feedback_false))
    return form
