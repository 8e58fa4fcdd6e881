"""Reading the review's YAML files (a rubric, a YAML sheet, a merged review) with the line of every key.

Each is parsed keeping lines (``course.yaml_lines``) and validated by a
pydantic model; the first problem becomes one ``UserError`` of the caller's
class that names the file, the line and the field: an unknown key (with the
closest known one), a missing key, or a value of the wrong kind.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable, TypeVar

from pydantic import BaseModel, ValidationError

from ..course.yaml_lines import YamlSyntaxError, load_with_lines, nearest_line
from ..errors import UserError
from ..model_errors import field_names, format_path

Model = TypeVar("Model", bound=BaseModel)


def parse_yaml(text: str, file: str, error: type[UserError]) -> tuple[Any, dict]:
    """The document and the line of each key; ``error`` naming the line when the text is not YAML."""
    try:
        return load_with_lines(text)
    except YamlSyntaxError as exc:
        raise error("review.yaml.syntax", file=file, line=exc.line, problem=exc.params.get("problem", exc.key),
                    hint=exc.hint) from None


def validate(model: type[Model], data: Any, lines: dict, file: str, error: type[UserError]) -> Model:
    """``data`` as ``model``; the first problem as ``error`` with its file, line and field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = tuple(first["loc"])
        raise validation_error(error, first, path, file, nearest_line(lines, path), field_names(model, path[:-1])) from None


def validation_error(cls: type[UserError], error: dict, path: tuple, where: str, line: int | None,
                     known: Iterable[str] = ()) -> UserError:
    """One pydantic error as a UserError of ``cls``: an unknown key (with the closest ``known`` one),
    a missing key, or a wrong value."""
    field = format_path(path)
    if error["type"] == "extra_forbidden":
        closest = difflib.get_close_matches(str(path[-1]), list(known), n=1, cutoff=0.6)
        return cls("review.yaml.unknown_key", file=where, line=line, field=field, name=str(path[-1]),
                   hint="review.yaml.closest_hint" if closest else None,
                   hint_params={"closest": closest[0] if closest else ""})
    if error["type"] == "missing":
        return cls("review.yaml.missing_key", file=where, line=line, field=field, name=str(path[-1]))
    return cls("review.yaml.bad_value", file=where, line=line, field=field, value=_short(error.get("input")),
               problem=error["msg"])


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
