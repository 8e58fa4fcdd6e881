"""Reading text that authors produce on Windows machines.

Course files arrive as UTF-8 (with or without BOM), UTF-16 (usually with a BOM,
sometimes without), or a legacy single-byte code page, cp1251 above all. The
encoding is detected, never assumed, and line ends are normalised so that every
parser downstream sees one form.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

# Single-byte code pages Kazakh and Russian text is found in, most likely first.
_LEGACY_CANDIDATES = ("cp1251", "koi8_r", "cp866", "mac_cyrillic")


@dataclass(frozen=True)
class DecodedText:
    """Text with the facts about how it was stored."""

    text: str
    encoding: str
    had_bom: bool
    line_ending: str  # "\n", "\r\n", "\r" or "mixed"


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when every other byte is mostly NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Latin text in UTF-16 has NUL high bytes; Cyrillic has 0x04. Count both.
    if odd_nuls > half * 0.3 or sample[1::2].count(4) > half * 0.3:
        return "utf-16-le"
    if even_nuls > half * 0.3 or sample[0::2].count(4) > half * 0.3:
        return "utf-16-be"
    return None


def _cyrillic_score(text: str) -> float:
    """Share of letters that are Cyrillic or Latin; junk decodings score low."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    plausible = sum(1 for ch in text if ("\u0400" <= ch <= "\u04ff") or ("a" <= ch.lower() <= "z"))
    # Penalise box-drawing and other symbols typical of a wrong code page.
    junk = sum(1 for ch in text if "\u2500" <= ch <= "\u259f" or ch in "ЃЌЋЏђѓ‚„…†‡€‰‹ЉЊЪ")
    return (plausible - 3 * junk) / letters


def _detect_line_ending(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if not kinds:
        return "\n"
    return kinds[0] if len(kinds) == 1 else "mixed"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes) -> DecodedText:
    """Decode author-supplied bytes, detecting the encoding.

    Order: BOM; BOM-less UTF-16; strict UTF-8; the single-byte Cyrillic code
    page whose decoding reads most like Kazakh/Russian text.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            text = data[len(bom):].decode(name, errors="replace")
            return DecodedText(normalise_newlines(text), name, True, _detect_line_ending(text))

    utf16 = _looks_like_bomless_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
            return DecodedText(normalise_newlines(text), utf16, False, _detect_line_ending(text))
        except UnicodeDecodeError:
            pass

    try:
        text = data.decode("utf-8")
        return DecodedText(normalise_newlines(text), "utf-8", False, _detect_line_ending(text))
    except UnicodeDecodeError:
        pass

    best_name, best_text, best_score = "cp1251", data.decode("cp1251", errors="replace"), -1e9
    for name in _LEGACY_CANDIDATES:
        try:
            candidate = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _cyrillic_score(candidate)
        if score > best_score:
            best_name, best_text, best_score = name, candidate, score
    return DecodedText(normalise_newlines(best_text), best_name, False, _detect_line_ending(best_text))


def read_text(path: Path) -> DecodedText:
    """Read and decode a text file written by an author."""
    return decode_bytes(Path(path).read_bytes())
