"""pydantic's validation errors read the way people read a settings file.

course.yaml and preset files are both validated by pydantic models, and both
turn its errors into catalogue messages. What they share lives here: the kind
of value an error type says was expected (``int_parsing`` → ``whole_number``),
a field path written as people write it (``renditions[0].name``), and the
model a path leads to, whose field names a did-you-mean suggestion comes from.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

# pydantic error type → what was expected; each area's catalogue has a message per kind.
EXPECTED_KIND = {
    "missing": "required",
    "extra_forbidden": "unknown",
    "literal_error": "one_of",
    "int_parsing": "whole_number", "int_type": "whole_number", "int_from_float": "whole_number",
    "float_parsing": "number", "float_type": "number",
    "bool_parsing": "boolean", "bool_type": "boolean",
    "string_type": "text",
    "string_pattern_mismatch": "pattern",
    "list_type": "list", "tuple_type": "list",
    "model_type": "mapping", "dict_type": "mapping", "model_attributes_type": "mapping",
    "greater_than_equal": "too_small", "greater_than": "too_small",
    "less_than_equal": "too_large", "less_than": "too_large",
}
# The bound an error of these types names, as a sign before its limit.
RELATION = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}


def limit_of(error: dict) -> Any:
    """The limit a bound error names (``ge=1`` → 1; 4.0 shown as 4), "?" when pydantic gives none."""
    limit = next(iter(error.get("ctx", {}).values()), "?")
    return int(limit) if isinstance(limit, float) and limit.is_integer() else limit


def format_path(path: tuple) -> str:
    """("modules", 0, "workload_hours") → "modules[0].workload_hours"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes a field's type holds: Module in list[Module], Assessment in Assessment | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in models_in(arg)]


def field_model(model: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    """The model a field of ``model`` holds, if any."""
    if model is None or name not in model.model_fields:
        return None
    found = models_in(model.model_fields[name].annotation)
    return found[0] if found else None


def model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class whose fields may stand at ``path`` below ``root`` (Course, ("modules", 0) → Module).

    Indexes, keys of a mapping and the union member names pydantic adds to a
    location are not fields: the walk stays where it is. A field that holds
    no model leads nowhere (None).
    """
    model: type[BaseModel] | None = root
    for part in path:
        if model is not None and isinstance(part, str) and part in model.model_fields:
            model = field_model(model, part)
    return model


def field_names(root: type[BaseModel], path: tuple) -> list[str]:
    """The names allowed at ``path`` below ``root``, sorted: where a did-you-mean looks."""
    model = model_at(root, path)
    return sorted(model.model_fields) if model is not None else []
