"""Typed values as a person reads them: "14:59", "≥ 15:00", "4–6", "52.3 Mbit/s", "≥ 48 kHz".

Rules measure and expect typed values (``findings.Quantity`` and
``findings.Bound``) with a unit code; this module is the one place that turns
them into text, in the reader's language. The unit codes:

=============  =============================================  ==========
code           the value is                                   shown as
=============  =============================================  ==========
(none), count  a plain number or text                         3
modules …      a count of things the message names            3
chars, h, min, s, percent, samples  numbers with a unit        15 min
ratio          a share 0–1                                    40 %
clock          seconds of media                               14:59
bit/s          bits per second                                52.3 Mbit/s
Hz             samples per second                             48 kHz
fps, bit, px   frames per second, bits, pixels (a pair: W×H)  1920×1080
bytes          a file size                                    1.5 MB
LUFS, LU, dBTP, dBFS  loudness figures                        −16 LUFS
=============  =============================================  ==========
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import PurePath
from typing import Any

from ..findings import Bound, Quantity
from ..i18n import t
from ..media import units as media_units

# Counts whose noun the message already says: shown as the bare number.
COUNT_UNITS = frozenset({"count", "modules", "lessons", "outcomes", "questions", "options", "fields", "sentences",
                         "errors", "samples"})
# Units written after the number with a translated symbol (catalogue key unit.<code>).
TRANSLATED_UNITS = frozenset({"chars", "h", "min", "s", "fps", "bit", "px", "bit/s", "Hz", "bytes"})
# Symbols that are the same in every language.
SYMBOL_UNITS = {"percent": "%", "ratio": "%", "LUFS": "LUFS", "LU": "LU", "dBTP": "dBTP", "dBFS": "dBFS"}

_OPERATOR_SIGNS = {">=": "≥", "<=": "≤", "!=": "≠", ">": ">", "<": "<", "=": ""}


def plain(value: Any, lang: str | None = None) -> str:
    """A value without a unit: numbers without needless decimals, lists joined, dates ISO;
    yes/no in ``lang`` (the words "true"/"false" when no language is given)."""
    if value is None:
        return "?"
    if isinstance(value, bool):
        return t(f"report.{'yes' if value else 'no'}", lang) if lang else str(value).lower()
    if isinstance(value, float):
        if not math.isfinite(value):
            return "NaN" if value != value else ("∞" if value > 0 else "−∞")
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return ", ".join(plain(v, lang) for v in items)
    if isinstance(value, PurePath):
        return value.as_posix()
    return str(value)


def _number(value: Any, unit: str | None, lang: str) -> str:
    """The number part, converted to the unit people read (bit/s → Mbit/s, Hz → kHz …)."""
    if unit == "clock":
        return media_units.clock(value) if isinstance(value, (int, float)) else plain(value)
    if unit == "bit/s" and isinstance(value, (int, float)):
        return media_units.mbit(value)
    if unit == "Hz" and isinstance(value, (int, float)):
        return media_units.khz(value)
    if unit == "ratio" and isinstance(value, (int, float)):
        return plain(round(value * 100, 1))
    if unit == "bytes" and isinstance(value, (int, float)):
        return media_units.size(int(value), lang)
    if unit == "px" and isinstance(value, (list, tuple)):
        return "×".join(plain(v) for v in value)
    return plain(value, lang)


def unit_text(unit: str | None, lang: str) -> str:
    """The symbol written after a number ("" for counts and clock times)."""
    if not unit or unit in COUNT_UNITS or unit in ("clock", "bytes"):
        return ""
    if unit in SYMBOL_UNITS:
        return SYMBOL_UNITS[unit]
    if unit == "px":
        return ""  # 1920×1080 reads as a resolution without a unit
    return t(f"unit.{unit}", lang) if unit in TRANSLATED_UNITS else unit


def with_unit(value: Any, unit: str | None, lang: str) -> str:
    number = _number(value, unit, lang)
    symbol = unit_text(unit, lang)
    return f"{number} {symbol}" if symbol and value is not None else number


def format_quantity(quantity: Quantity | None, lang: str) -> str:
    if quantity is None:
        return ""
    return with_unit(quantity.value, quantity.unit, lang)


def format_bound(bound: Bound | None, lang: str) -> str:
    """"≥ 15:00", "4–6", "≤ 100 chars", "one of: beginner, …", "filled in"."""
    if bound is None:
        return ""
    if bound.op == "filled":
        return t("report.bound.filled", lang)
    if bound.op == "between":
        symbol = unit_text(bound.unit, lang)
        span = f"{_number(bound.value, bound.unit, lang)}–{_number(bound.upper, bound.unit, lang)}"
        return f"{span} {symbol}" if symbol else span
    if bound.op in ("in", "not in"):
        key = "report.bound.one_of" if bound.op == "in" else "report.bound.none_of"
        return t(key, lang, values=", ".join(_number(v, bound.unit, lang) for v in bound.value))
    sign = _OPERATOR_SIGNS[bound.op]
    text = with_unit(bound.value, bound.unit, lang)
    return f"{sign} {text}" if sign else text


def format_time_span(start: float | None, end: float | None) -> str:
    """A stretch of media time: 04:12–04:31, or one moment: 04:12."""
    if start is None:
        return ""
    if end is None:
        return media_units.clock(start)
    return f"{media_units.clock(start)}–{media_units.clock(end)}"
