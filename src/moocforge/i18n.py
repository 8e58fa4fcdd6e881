"""The one translation layer for everything a person reads.

Messages live in keyed catalogues, ``locales/*.yaml`` inside the package, one
file per area (``core.yaml``, ``structure.yaml``, ``quiz.yaml``, ``media.yaml``
…) so that areas can grow without touching each other. Each key maps to its
text in every supported language::

    ST101.title:
      en: Course has 4 to 6 modules
      ru: В курсе от 4 до 6 модулей
      kk: Курста 4-тен 6-ға дейін модуль бар

Texts are ``str.format`` templates; parameters are passed by name. A missing
translation falls back to English and then to the key itself, so a report is
never blocked by a gap — but ``missing_translations`` lets the test suite fail
on one.
"""

from __future__ import annotations

import locale
import os
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

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


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All keys of all area catalogues, merged. Duplicate keys are a bug."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("moocforge") / "locales"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        for key, texts in data.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice (again in {entry.name})")
            merged[key] = {str(lang): str(text) for lang, text in (texts or {}).items()}
    return merged


class _SafeParams(dict):
    """Leave unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``."""
    texts = catalogue().get(key)
    if not texts:
        template = key
    else:
        template = texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or key
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
