"""Matching what a document says against what the descriptor says, the way a reader would.

Authors type the same title with other quotes («», "", “”), another case, a
line break in the middle or a word hyphenated across lines; a committee
member reads past all of that, and so does ``normalise``. ``labelled``
finds what follows a label such as "Тақырыбы:" so that a mismatch can say
what the document shows instead. ``find_dates`` recognises a date written
with digits or with a month's name in Kazakh, Russian or English (the
month names come from the CLDR data Babel ships).
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTES = dict.fromkeys(map(ord, "«»“”„‟\"'‘’‚‛`´"), None)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_HYPHENATED = re.compile(r"(\w)-\s*\n\s*(\w)")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, no quotes, one kind of dash, words joined across line-end hyphens, single spaces."""
    text = _HYPHENATED.sub(r"\1\2", text or "")
    text = text.translate(_QUOTES).translate(_DASHES).casefold().replace("ё", "е")
    return _SPACE.sub(" ", text).strip()


def contains(text: str, phrase: str) -> bool:
    """Does ``text`` say ``phrase`` (both compared normalised)?"""
    wanted = normalise(phrase)
    return bool(wanted) and wanted in normalise(text)


def contains_any(text: str, phrases) -> bool:
    normalised = normalise(text)
    return any(normalise(phrase) and normalise(phrase) in normalised for phrase in phrases)


def labelled(text: str, labels) -> str | None:
    """What follows the first of ``labels`` on its line ("Тақырыбы: Массивтер" → "Массивтер")."""
    for label in labels:
        pattern = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)\s*[:.\-–—№]*\s*(.*)", re.I)
        for line in (text or "").splitlines():
            match = pattern.search(line)
            if match and match.group(1).strip(" :«»\"'"):
                return match.group(1).strip()
    return None


def numbers_after(text: str, words) -> list[int]:
    """Numbers written with one of ``words``: "Дәріс №2", "Лекция 2", "2-дәріс" (Kazakh ordinal), "Lecture No. 2"."""
    found: list[int] = []
    for word in words:
        stem = re.escape(word)
        for pattern in (rf"(?<!\w){stem}\w*\s*(?:№|no\.|nr\.|n°)?\s*(\d+)", rf"(\d+)\s*[-–]\s*{stem}"):
            found += [int(n) for n in re.findall(pattern, text or "", re.I)]
    return found


def _month_names() -> list[str]:
    """Month names and abbreviations in Kazakh, Russian and English, as CLDR (through Babel) spells them.

    Loading three locales' data costs a check more than reading a PDF, so the
    names are kept in the user cache, keyed by the Babel version that gave them.
    """
    import babel

    from ..cache import ResultCache, default_user_cache_dir

    def from_cldr() -> list[str]:
        from babel.dates import get_month_names

        names: set[str] = set()
        for locale in ("kk", "ru", "en"):
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    names.update(name.casefold().rstrip(".")
                                 for name in get_month_names(width, context, locale).values())
        return sorted(names)

    return ResultCache(default_user_cache_dir()).cached("month-names", {"babel": babel.__version__}, "1", None,
                                                        from_cldr)


@lru_cache(maxsize=1)
def _month_pattern() -> re.Pattern:
    names = _month_names()
    alternatives = "|".join(sorted((re.escape(n) for n in names if len(n) >= 3), key=len, reverse=True))
    return re.compile(rf"(?<!\d)(?:«\s*)?\d{{1,2}}(?:\s*»)?\s*(?:{alternatives})\w*\.?\s*(?:19|20)\d{{2}}"
                      rf"|(?<!\d)\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)?\d{{2}}(?!\d)"
                      rf"|(?<!\d)(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}(?!\d)"
                      rf"|(?:{alternatives})\w*\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}", re.I)


def find_dates(text: str) -> list[str]:
    """Dates the text states (a blank form's "« ____ » _____ 20__" is none)."""
    return [match.group(0) for match in _month_pattern().finditer(text or "")]


# Monospace fonts print code: words in them are identifiers, not prose (spelling leaves them alone).
MONOSPACE_FONT = re.compile(r"mono|courier|consol|menlo|code|typewriter|fixed", re.I)
YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])")
