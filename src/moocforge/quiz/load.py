"""Open a bank file: decode it, tell its format, read it.

Files come from Windows machines: UTF-8 with or without BOM, UTF-16, cp1251;
CRLF or CR line ends. ``moocforge.textio`` detects the encoding and
normalises line ends, so every encoding reads into the same questions. What
Moodle itself would make of a non-UTF-8 file (garbled text) is reported as a
problem on line 1, and ``quiz fix`` rewrites the file as UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..textio import DecodedText, decode_bytes
from .aiken import parse_aiken
from .gift import parse_gift
from .model import Bank
from .moodlexml import parse_moodlexml
from .problems import Problem, QuizSyntaxError, first_error

FORMATS = ("aiken", "gift", "moodlexml")
# Moodle strips a UTF-8 BOM and reads everything else as UTF-8.
MOODLE_READABLE = ("utf-8",)

_ANSWER_LINE = re.compile(r"^[ \t\u00a0\ufeff]*(answer|ответ|жауап)\s*[:：]", re.I | re.M)
_OPTION_LINE = re.compile(r"^[ \t]*[A-ZА-Я][.)]", re.M)


@dataclass
class LoadedBank:
    """A bank and the facts about the file it came from."""

    bank: Bank
    path: Path
    decoded: DecodedText

    @property
    def encoding(self) -> str:
        return self.decoded.encoding


def detect_format(name: str, text: str) -> str | None:
    """The bank format from the file name, else from the content; None if it cannot tell."""
    lower = name.lower()
    if lower.endswith(".gift"):
        return "gift"
    if lower.endswith((".aiken", ".aiken.txt")):
        return "aiken"
    if lower.endswith(".xml"):
        return "moodlexml"
    head = text.lstrip("\ufeff \t\n")
    if head.startswith(("<?xml", "<quiz")):
        return "moodlexml"
    if _ANSWER_LINE.search(text):
        return "aiken"
    if "{" in text and "}" in text:
        return "gift"
    if _OPTION_LINE.search(text):
        return "aiken"
    return None


def parse_text(text: str, fmt: str, source: str | None = None) -> Bank:
    """Read decoded text of a known format."""
    if fmt == "aiken":
        return parse_aiken(text, source)
    if fmt == "gift":
        return parse_gift(text, source)
    if fmt == "moodlexml":
        return parse_moodlexml(text, source)
    raise ValueError(f"unknown quiz format {fmt!r}; one of {', '.join(FORMATS)}")


def read_bank_bytes(data: bytes, name: str, fmt: str | None = None, source: str | None = None) -> LoadedBank:
    """Decode and read a bank; an unknown format is a problem in the bank, not an exception."""
    decoded = decode_bytes(data)
    chosen = fmt or detect_format(name, decoded.text)
    if chosen is None:
        bank = Bank(format="unknown", source=source)
        bank.problems.append(Problem("unknown_format", 1, {"file": name}))
    else:
        bank = parse_text(decoded.text, chosen, source)
    if decoded.encoding not in MOODLE_READABLE and data:
        bank.problems.insert(0, Problem("not_utf8", 1, {"encoding": decoded.encoding}))
    return LoadedBank(bank, Path(name), decoded)


def load_bank(path: str | Path, fmt: str | None = None, *, source: str | None = None,
              strict: bool = False) -> LoadedBank:
    """Read a bank file. ``strict`` raises QuizSyntaxError at the first error (with its line).

    OSError (missing or unreadable file) propagates: the caller says which file.
    """
    path = Path(path)
    loaded = read_bank_bytes(path.read_bytes(), path.name, fmt, source or str(path))
    loaded.path = path
    if strict:
        problem = first_error(loaded.bank.problems)
        if problem is not None:
            raise QuizSyntaxError(problem, source or str(path))
    return loaded


def parse_strict(text: str, fmt: str, source: str | None = None) -> Bank:
    """Read text; raise QuizSyntaxError (never anything else) at the first error."""
    bank = parse_text(text, fmt, source)
    problem = first_error(bank.problems)
    if problem is not None:
        raise QuizSyntaxError(problem, source)
    return bank
