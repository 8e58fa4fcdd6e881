"""Spelling (ATU §10.4): words of slide and PDF text that no installed Hunspell dictionary knows.

Optional by design. Dictionaries are looked for where Hunspell itself keeps
them (``$DICPATH``, the user's and the system's hunspell and myspell folders)
and in ``$MOOCFORGE_DICTIONARIES``; Debian ships them as ``hunspell-kk``,
``hunspell-ru`` and ``hunspell-en-us``. They are read with spylls, a
pure-Python port of Hunspell, so nothing needs compiling. When the course's
language has no dictionary, nothing is checked and the rule says how to
enable it.

Each word goes to the dictionary of its script: Cyrillic words to the
course's language (Kazakh or Russian), Latin words to English. Words that
are not prose are left alone: abbreviations (all capitals), identifiers
(digits, underscores, inner capitals such as ``DataFrame``), code set in a
monospace font, links, e-mail addresses, and the words the caller knows to
be right (glossary terms, names from the descriptor).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

ENV_FOLDERS = "MOOCFORGE_DICTIONARIES"
# Dictionary file stems per language, most usual first.
DICTIONARY_NAMES = {"kk": ("kk_KZ", "kk"), "ru": ("ru_RU", "ru"), "en": ("en_US", "en_GB", "en")}
DEBIAN_PACKAGES = {"kk": "hunspell-kk", "ru": "hunspell-ru", "en": "hunspell-en-us"}
CYRILLIC_LANGUAGES = ("kk", "ru")
_SYSTEM_FOLDERS = ("~/.local/share/hunspell", "~/Library/Spelling", "/usr/share/hunspell", "/usr/local/share/hunspell",
                   "/usr/share/myspell/dicts", "/usr/share/myspell", "/Library/Spelling", "/opt/homebrew/share/hunspell")
_LINKS = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.I)
# Whole tokens, digits and underscores included, so that an identifier (code_1) is one token, left alone.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.U)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_INNER_CAPITAL = re.compile(r".[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
MIN_LETTERS = 3  # shorter tokens are mostly abbreviations, units and variable names


def search_folders() -> list[Path]:
    """Where dictionaries are looked for, in order."""
    named = [part for var in (ENV_FOLDERS, "DICPATH") for part in os.environ.get(var, "").split(os.pathsep) if part]
    return [Path(folder).expanduser() for folder in (*named, *_SYSTEM_FOLDERS)]


def find_dictionaries(languages: Iterable[str], folders: list[Path] | None = None) -> dict[str, Path]:
    """The .dic/.aff pair (as a path without extension) of each language found."""
    found: dict[str, Path] = {}
    for language in languages:
        for folder in folders if folders is not None else search_folders():
            stem = next((folder / name for name in DICTIONARY_NAMES.get(language, ())
                         if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file()), None)
            if stem is not None:
                found[language] = stem
                break
    return found


def wanted_languages(course_language: str | None) -> tuple[str, ...]:
    """Dictionaries a course needs: its Cyrillic language (Kazakh when unknown) and English for Latin words."""
    cyrillic = course_language if course_language in CYRILLIC_LANGUAGES else "kk" if course_language != "en" else None
    return tuple(language for language in (cyrillic, "en") if language)


def dictionary_identity(stems: dict[str, Path]) -> dict[str, list]:
    """What a cached result depends on: each dictionary's files, sizes and times."""
    identity: dict[str, list] = {}
    for language, stem in sorted(stems.items()):
        parts = []
        for suffix in (".dic", ".aff"):
            stat = stem.with_suffix(suffix).stat()
            parts.append([str(stem.with_suffix(suffix)), stat.st_size, stat.st_mtime_ns])
        identity[language] = parts
    return identity


def spylls_version() -> str | None:
    """The spylls version, or None when it is not installed."""
    try:
        from importlib.metadata import version

        return version("spylls")
    except Exception:
        return None


@lru_cache(maxsize=8)
def _load(stem: str):
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(stem)


@dataclass
class UnknownWord:
    word: str
    count: int
    first: int  # the first page or slide it is on


@dataclass
class SpellChecker:
    """Words checked against the dictionaries of one course (loaded on first use, once per process)."""

    dictionaries: dict[str, Path]
    course_language: str | None = None
    known: set[str] = field(default_factory=set)  # words the course itself vouches for (lower case)
    # Verdicts so far: a course repeats its words across files, and a dictionary look-up is the cost.
    verdicts: dict[str, bool] = field(default_factory=dict)

    def _language_of(self, word: str) -> str | None:
        if _CYRILLIC.search(word):
            if _LATIN.search(word):
                return None  # mixed scripts: a look-alike slip or a code name, not a dictionary word
            language = self.course_language if self.course_language in CYRILLIC_LANGUAGES else "kk"
            return language if language in self.dictionaries else None
        return "en" if "en" in self.dictionaries else None

    def is_prose(self, word: str) -> bool:
        return (len(word) >= MIN_LETTERS and not word.isupper() and not any(ch.isdigit() or ch == "_" for ch in word)
                and not _INNER_CAPITAL.search(word) and word.lower() not in self.known)

    def knows(self, word: str) -> bool:
        language = self._language_of(word)
        if language is None:
            return True  # no dictionary for it: not reported
        return bool(_load(str(self.dictionaries[language])).lookup(word))

    def unknown_words(self, pieces: Iterable[tuple[int, str, set[str]]]) -> list[UnknownWord]:
        """Unknown words of ``(page or slide, text, words to skip there)``, most frequent first."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        verdicts = self.verdicts
        for where, text, skip in pieces:
            for token in _TOKEN.findall(_LINKS.sub(" ", text)):
                for word in re.split(r"[-'’]", token):
                    if word in skip or not self.is_prose(word):
                        continue
                    if word not in verdicts:
                        verdicts[word] = self.knows(word)
                    if not verdicts[word]:
                        counts[word] += 1
                        first.setdefault(word, where)
        return [UnknownWord(word, count, first[word]) for word, count in
                sorted(counts.items(), key=lambda item: (-item[1], first[item[0]], item[0]))]
