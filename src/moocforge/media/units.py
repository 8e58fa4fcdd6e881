"""How media figures are written for people: times, rates, sizes.

Numbers are formatted here; the unit words around them come from the
catalogue in the reader's language (812.4 MB, 812.4 МБ). Sizes and bit rates
share one unit system, the decimal one of the regulation's "Mbit/s"
(1 MB = 10^6 bytes), so that 8 Mbit/s for 60 seconds reads as the 60 MB the
file really holds, not as 57.2.
"""

from __future__ import annotations

from typing import Any

from ..i18n import t


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


# Decimal size steps, each 1000 times the last, as in Mbit/s.
SIZE_UNITS = ("B", "kB", "MB", "GB", "TB")


def size(num_bytes: int | None, lang: str = "en") -> str:
    """A file size in decimal units: 812.4 MB for 812 400 000 bytes (catalogue keys ``media.size.*``)."""
    if num_bytes is None:
        return "?"
    value, step = float(num_bytes), 0
    while round(value, 1) >= 1000 and step < len(SIZE_UNITS) - 1:
        value, step = value / 1000, step + 1
    number = f"{value:.0f}" if step == 0 else f"{value:.1f}"
    return f"{number} {t('media.size.' + SIZE_UNITS[step], lang)}"


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
