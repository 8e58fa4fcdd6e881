"""Validating course.yaml against the model, and saying what is wrong in the author's words.

pydantic reports problems in English and in its own terms ("Input should be a
valid number, unable to parse string as a number"). Each becomes a
``DescriptorProblem``: a catalogue key with the value the author wrote, the
line it is on, the field's form 01 label where it has one, and a hint that
fixes the usual slip (``weight: 10%`` → ``weight: 10``; ``titel`` → did you
mean ``title``?).
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from ..i18n import has_text
from ..model_errors import EXPECTED_KIND, RELATION, field_model, field_names, format_path, limit_of
from .errors import DescriptorError, DescriptorProblem
from .model import Course
from .yaml_lines import nearest_line

# Fields that take either a date or free text (deadline: 2026-02-08, or "end of week 4").
_DATE_OR_TEXT = {"deadline"}
MAX_VALUE_CHARS = 60


def validate_descriptor(data: dict, lines: dict, file: str) -> Course:
    """The course model of ``data``; DescriptorError naming every problem, first in the file first."""
    try:
        return Course.model_validate(data)
    except ValidationError as exc:
        problems = _problems(exc.errors(), lines)
    raise DescriptorError(problems, file=file)


def _problems(errors: list[dict], lines: dict) -> list[DescriptorProblem]:
    by_field: dict[tuple, DescriptorProblem] = {}
    for error in errors:
        path = field_path(tuple(error["loc"]), error["type"])
        # A field of two types (a date or a text) fails once per type: say it once.
        if path not in by_field:
            by_field[path] = _problem(error, path, nearest_line(lines, path))
    return sorted(by_field.values(), key=lambda p: (p.line is None, p.line or 0, p.field))


# ---------------------------------------------------------------- where in the model

def field_path(loc: tuple, kind: str) -> tuple:
    """The loc of an error as a path of fields and indexes.

    pydantic adds the member type of a union (``deadline.date``,
    ``deadline.constrained-str``) to the loc; that is no place an author can
    find. An unknown key (``extra_forbidden``) is kept: it is what they wrote.
    """
    path: list = []
    model: type[BaseModel] | None = Course
    for i, part in enumerate(loc):
        if isinstance(part, int):
            path.append(part)
        elif model is not None and part in model.model_fields:
            path.append(part)
            model = field_model(model, part)
        elif kind == "extra_forbidden" and i == len(loc) - 1:
            path.append(part)
    return tuple(path)


def label_key(path: tuple) -> str | None:
    """The catalogue key of a field's form 01 label ("field.authors.workplace"), when it has one."""
    key = "field." + ".".join(str(part) for part in path if isinstance(part, str))
    return key if has_text(key) else None


# ---------------------------------------------------------------- what is wrong and how to fix it

def shown_value(value: Any) -> str:
    """What the author wrote, short enough for one line."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def _problem(error: dict, path: tuple, line: int | None) -> DescriptorProblem:
    kind, value = error["type"], error.get("input")
    where = {"field": format_path(path), "line": line, "label": label_key(path)}
    if kind == "extra_forbidden":
        return _unknown_field(path, value, where)
    if path and path[-1] in _DATE_OR_TEXT:
        return DescriptorProblem("course.field.date_or_text", {"value": shown_value(value)}, **where,
                                 hint="course.field.date_hint")
    key = f"course.field.{EXPECTED_KIND.get(kind, 'invalid')}"
    if not has_text(key):  # a kind course.yaml's fields cannot fail (a name pattern): said in pydantic's words
        key = "course.field.invalid"
    params = {"value": shown_value(value)}
    if kind == "literal_error":
        params["allowed"] = ", ".join(re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", ""))))
    if kind in RELATION:
        params["limit"] = limit_of(error)
    if key == "course.field.invalid":
        params["detail"] = error.get("msg", "")
    hint, hint_params = _value_hint(key, value, path)
    return DescriptorProblem(key, params, **where, hint=hint, hint_params=hint_params)


def _unknown_field(path: tuple, value: Any, where: dict) -> DescriptorProblem:
    """An unknown key, with the field it most resembles (and that field's form 01 label)."""
    name = str(path[-1])
    known = field_names(Course, path[:-1])
    closest = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    params: dict = {}
    where = {**where, "label": None}  # an unknown key has no label; the suggestion may
    if not closest and value is None:
        # `{id: M1.1, text: код жазып, орындайды}`: the comma made the text's tail a key without a value.
        return DescriptorProblem("course.field.unknown", params, **where, hint="course.field.colon_hint")
    if not closest:
        return DescriptorProblem("course.field.unknown", params, **where, hint="course.field.unknown_hint")
    suggestion = closest[0]
    label = label_key(path[:-1] + (suggestion,))
    if label:
        return DescriptorProblem("course.field.unknown", params, **where, hint="course.field.did_you_mean_label",
                                 hint_params={"closest": suggestion, "label": {"i18n": label}})
    return DescriptorProblem("course.field.unknown", params, **where, hint="course.field.did_you_mean",
                             hint_params={"closest": suggestion})


# "10%", "10 %": a percentage written with its sign; "2,5": a decimal comma; "4 сағат", "4 h": a unit.
_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")
_DECIMAL_COMMA = re.compile(r"^\s*(\d+),(\d+)\s*$")
_NUMBER_AND_WORDS = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*\D+$")
_YES_NO = {"иә": "true", "да": "true", "yes": "true", "жоқ": "false", "нет": "false", "no": "false"}


def _number_hint(value: Any, name: str) -> tuple[str | None, dict]:
    text = str(value)
    for pattern, hint in ((_PERCENT, "course.field.percent_hint"), (_DECIMAL_COMMA, "course.field.decimal_comma_hint"),
                          (_NUMBER_AND_WORDS, "course.field.number_only_hint")):
        match = pattern.match(text)
        if match:
            number = match.group(1).replace(",", ".") if pattern is not _DECIMAL_COMMA else ".".join(match.groups())
            return hint, {"fixed": f"{name}: {number}"}
    return None, {}


def _value_hint(key: str, value: Any, path: tuple) -> tuple[str | None, dict]:
    """How to write the value so that it is read: the slip behind the usual mistakes."""
    name = str(path[-1]) if path and isinstance(path[-1], str) else "…"
    if key in ("course.field.number", "course.field.whole_number"):
        return _number_hint(value, name)
    if key == "course.field.boolean":
        guess = _YES_NO.get(str(value).strip().lower())
        return ("course.field.boolean_hint", {"fixed": f"{name}: {guess or 'true'}"})
    if key == "course.field.text" and isinstance(value, dict):
        return "course.field.colon_hint", {}  # `text: a: b` or `{id: X, text: a, b}` split the text
    if key == "course.field.text" and isinstance(value, list):
        return "course.field.one_text_hint", {}
    if key == "course.field.list":
        return "course.field.list_hint", {"name": name}
    if key == "course.field.mapping":
        return "course.field.mapping_hint", {}
    if key == "course.field.required":
        return "course.field.required_hint", {}
    return None, {}
