"""How media figures are written for people: times, rates, sizes.

Language-neutral on purpose: units (Mbit/s, kHz, LUFS) are the international
symbols the ATU regulation itself uses, so a finding's numbers read the same
in Kazakh, Russian and English; the words around them come from the catalogue.
"""

from __future__ import annotations

from typing import Any


def clock(seconds: float | None) -> str:
    """04:12 for 252 s; 1:02:03 past an hour."""
    if seconds is None:
        return "?"
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def stretch(start: float, end: float) -> str:
    """A stretch of time as findings show it: 04:12–04:31."""
    return f"{clock(start)}–{clock(end)}"


def minutes(seconds: float | None) -> str:
    """Minutes with one decimal: 14.5."""
    return "?" if seconds is None else f"{seconds / 60:.1f}".rstrip("0").rstrip(".")


def mbit(bits_per_second: float | None) -> str:
    """Mbit/s: 52.3, 8, 0.04 (small rates keep two decimals so they do not read as 0)."""
    if bits_per_second is None:
        return "?"
    value = bits_per_second / 1e6
    return plain(round(value, 2 if value < 10 else 1))


def khz(hertz: float | None) -> str:
    return "?" if hertz is None else f"{hertz / 1000:g}"


def plain(value: Any) -> str:
    """Numbers without needless decimals (25, 23.976, 1.5); others as text."""
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def size(num_bytes: int | None) -> str:
    if num_bytes is None:
        return "?"
    value = float(num_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


_OPERATOR_SIGNS = {">=": "≥", "<=": "≤", "!=": "≠"}


def operator(op: str) -> str:
    """A policy operator as people write it: >= becomes ≥."""
    return _OPERATOR_SIGNS.get(op, op)


# How each facts field is shown in tables and messages: (formatter, unit).
FIELD_DISPLAY: dict[str, tuple] = {
    "video.bit_rate": (mbit, "Mbit/s"),
    "general.overall_bit_rate": (mbit, "Mbit/s"),
    "audio.bit_rate": (lambda v: "?" if v is None else f"{v / 1000:.0f}", "kbit/s"),
    "audio.sampling_rate": (khz, "kHz"),
    "video.frame_rate": (plain, "fps"),
    "video.bit_depth": (plain, "bit"),
    "audio.bit_depth": (plain, "bit"),
    "general.duration": (clock, ""),
    "video.duration": (clock, ""),
    "audio.duration": (clock, ""),
    "file.size": (size, ""),
}


# The unit code (see report/values.py) of each facts field a policy may test.
FIELD_UNITS: dict[str, str] = {
    "video.bit_rate": "bit/s",
    "general.overall_bit_rate": "bit/s",
    "audio.bit_rate": "bit/s",
    "audio.sampling_rate": "Hz",
    "video.frame_rate": "fps",
    "video.bit_depth": "bit",
    "audio.bit_depth": "bit",
    "video.width": "px",
    "video.height": "px",
    "general.duration": "clock",
    "video.duration": "clock",
    "audio.duration": "clock",
    "file.size": "bytes",
}


def show(field: str, value: Any, with_unit: bool = True) -> str:
    """A field's value as a person reads it (``video.bit_rate`` 52300000 → "52.3 Mbit/s")."""
    formatter, unit = FIELD_DISPLAY.get(field, (plain, ""))
    text = formatter(value) if value is not None else "?"
    return f"{text} {unit}" if with_unit and unit and value is not None else text
