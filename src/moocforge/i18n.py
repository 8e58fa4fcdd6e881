"""The one translation layer for everything a person reads.

Messages live in keyed catalogues, ``locales/*.yaml`` inside the package, one
file per area (``core.yaml``, ``structure.yaml``, ``quiz.yaml``, ``media.yaml``
…) so that areas can grow without touching each other. Each key maps to its
text in every supported language::

    ST101.out_of_range:
      en: course has {count} modules; {min}–{max} required
      ru: в курсе модулей — {count}; требуется {min}–{max}
      kk: курста {count} модуль бар; {min}–{max} болуы тиіс

Texts are ``str.format`` templates; parameters are passed by name. Words that
change with a number use ICU's plural syntax, with each language's CLDR plural
rules (from Babel): ``{count, plural, one {# вопрос} few {# вопроса} many {#
вопросов} other {# вопроса}}`` — ``#`` is the number; ``=0 {…}`` picks an exact
value; ``other`` is the fallback every language has. A missing
translation falls back to English and then to the key itself, so a report is
never blocked by a gap — but ``missing_translations`` lets the test suite fail
on one.
"""

from __future__ import annotations

import hashlib
import locale
import os
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from . import yamlio

from .languages import DEFAULT_LANGUAGE, LANGUAGES

# Ways authors name the language of instruction in a descriptor.
_LANGUAGE_ALIASES = {
    "kk": "kk", "kaz": "kk", "kazakh": "kk", "қазақ": "kk", "қазақша": "kk", "қазақ тілі": "kk",
    "казахский": "kk", "qazaq": "kk", "qazaqsha": "kk",
    "ru": "ru", "rus": "ru", "russian": "ru", "русский": "ru", "орыс": "ru", "орыс тілі": "ru",
    "en": "en", "eng": "en", "english": "en", "ағылшын": "en", "английский": "en",
}


def normalise_language(value: str | None) -> str | None:
    """Map a descriptor's language name to a catalogue code, or None."""
    if not value:
        return None
    key = value.strip().lower()
    if key in _LANGUAGE_ALIASES:
        return _LANGUAGE_ALIASES[key]
    head = key.replace("_", "-").split("-")[0]
    return _LANGUAGE_ALIASES.get(head)


def system_language() -> str | None:
    """The user's locale language if it is one we ship."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return normalise_language(value.split(".")[0])
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    return normalise_language(loc)


def choose_language(explicit: str | None, course_language: str | None = None) -> str:
    """--lang wins, then the course's language, then the system locale."""
    for candidate in (explicit, course_language, system_language()):
        code = normalise_language(candidate)
        if code:
            return code
    return DEFAULT_LANGUAGE


def _catalogue_files() -> list[tuple[str, bytes]]:
    folder = resources.files("moocforge") / "locales"
    return [(entry.name, entry.read_bytes()) for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".yaml")]


# A catalogue key is a top-level mapping key: a line that starts with neither space nor comment.
_TOP_LEVEL_KEY = re.compile(r"^([^\s#][^:]*):", re.MULTILINE)


def _parse(files: list[tuple[str, bytes]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name, data in files:
        text = data.decode("utf-8")
        # YAML keeps the last of two equal keys in one file without a word; a key
        # defined twice is a bug whether the second is in the same file or another.
        twice = sorted(key for key, count in Counter(_TOP_LEVEL_KEY.findall(text)).items() if count > 1)
        if twice:
            raise RuntimeError(f"message key {twice[0]!r} defined twice in {name}")
        for key, texts in (yamlio.load(text) or {}).items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice (again in {name})")
            merged[key] = {str(lang): str(value) for lang, value in (texts or {}).items()}
    return merged


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All keys of all area catalogues in every language, merged. Duplicate keys are a bug."""
    return _parse(_catalogue_files())


@lru_cache(maxsize=None)
def _texts(lang: str) -> dict[str, str]:
    """One language's texts (English where a text is missing), from the user cache when it has them.

    Parsing every catalogue in every language costs a warm ``check`` more than
    the check itself; one language's texts, once parsed, are a small JSON
    file keyed by the catalogues' content, so a new moocforge (or an edited
    catalogue) never reads stale texts.
    """
    from .cache import ResultCache, default_user_cache_dir

    files = _catalogue_files()
    identity = {"catalogues": hashlib.sha256(b"".join(name.encode() + data for name, data in files)).hexdigest()}
    cache = ResultCache(default_user_cache_dir())

    def one_language() -> dict[str, str]:
        return {key: texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or key for key, texts in catalogue().items()}

    return cache.cached("catalogue", identity, "1", {"lang": lang}, one_language)
@lru_cache(maxsize=None)
def _plural_rule(lang: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).plural_form
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE).plural_form


def plural_category(count: Any, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang``: one, few, many or other.

    Russian: 1 вопрос (one), 2 вопроса (few), 5 вопросов (many), 1.5 вопроса
    (other); Kazakh and English: one and other. Text that is not a number is "other".
    """
    try:
        number = float(str(count).replace(",", "."))
    except ValueError:
        return "other"
    return _plural_rule(lang)(int(number) if number.is_integer() else number)


_PLURAL_START = re.compile(r"\{(\w+),\s*plural\s*,")
_SELECTOR = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{")


def _balanced(text: str, start: int) -> int:
    """The index just past the brace that closes the one opened before ``start``."""
    depth = 1
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("unbalanced braces in a plural")


def _expand_plurals(template: str, lang: str, params: dict[str, Any]) -> str:
    """Replace each ``{name, plural, …}`` block by the variant ``params[name]`` calls for."""
    out: list[str] = []
    position = 0
    while (found := _PLURAL_START.search(template, position)) is not None:
        out.append(template[position:found.start()])
        name, cursor, variants = found.group(1), found.end(), {}
        while (selector := _SELECTOR.match(template, cursor)) is not None:
            end = _balanced(template, selector.end())
            variants[selector.group(1)] = template[selector.end():end - 1]
            cursor = end
        closing = template.index("}", cursor)
        value = params.get(name)
        exact = f"={value}" if isinstance(value, int) else None
        chosen = variants.get(exact) or variants.get(plural_category(value, lang)) or variants.get("other", "")
        out.append(chosen.replace("#", str(value)))
        position = closing + 1
    out.append(template[position:])
    return "".join(out)


def has_text(key: str) -> bool:
    """Is ``key`` in the catalogue? (Answered from one language's cached texts, not a full parse.)"""
    return key in _texts(DEFAULT_LANGUAGE)


class _SafeParams(dict):
    """Leave unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``."""
    template = _texts(lang).get(key, key)
    if "plural" in template:
        try:
            template = _expand_plurals(template, lang, params)
        except ValueError:
            pass
    try:
        return template.format_map(_SafeParams(params))
    except (ValueError, IndexError):
        return template


def missing_translations(keys: Iterable[str], languages: Iterable[str] = LANGUAGES) -> list[str]:
    """Return 'key [lang]' for every key lacking a text in any language."""
    cat = catalogue()
    missing = []
    for key in keys:
        texts = cat.get(key, {})
        for lang in languages:
            if not texts.get(lang, "").strip():
                missing.append(f"{key} [{lang}]")
    return missing
