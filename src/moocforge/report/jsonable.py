"""Turn whatever a rule measured into plain JSON values.

Rules may measure dates, durations, tuples, sets, paths, pydantic models or
numbers that are not finite. JSON (and SARIF property bags) take none of
those, and ``json.dumps`` would either fail or write ``NaN``, which strict
parsers refuse. Every report that embeds a measured value goes through here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import PurePath
from typing import Any


def to_jsonable(value: Any) -> Any:
    """A JSON-serialisable copy of ``value``; anything unknown becomes its ``str``."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal, Fraction)):
        number = float(value)
        # NaN and ±inf have no JSON form; keep them readable as text.
        return number if math.isfinite(number) else str(number)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        # sets have no order; sort so that the same course gives the same report
        return sorted((to_jsonable(v) for v in value), key=lambda v: (type(v).__name__, str(v)))
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(dataclasses.asdict(value))
    if hasattr(value, "model_dump"):  # pydantic models (the course model's parts)
        return to_jsonable(value.model_dump(mode="json"))
    return str(value)
