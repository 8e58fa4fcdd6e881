"""Open a bank file: decode it, tell its format, read it.

Files come from Windows machines: UTF-8 with or without BOM, UTF-16, cp1251,
Windows-1252; CRLF or CR line ends. ``moocforge.textio`` detects the encoding
and normalises line ends, so every encoding reads into the same questions.
Current Moodle refuses a file that is not UTF-8 outright
(``question/format.php`` ``validate_is_utf8_file``, "importwrongfileencoding"):
that is reported as a problem on line 1 naming the encoding found — or, when
the bytes read about as well in another code page, both candidates — and
``quiz fix`` rewrites the file as UTF-8 (asking for ``--encoding`` when the
guess is uncertain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..i18n import has_text, t
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


class EncodingProblem(UserError):
    """``--encoding`` names no encoding Python knows, or the file's bytes are not in it."""


class UncertainEncoding(UserError):
    """The file is not UTF-8 and its bytes read about as well in more than one code page."""

    def __init__(self, name: str, decoded: DecodedText):
        super().__init__("quiz.encoding.uncertain", file=name, encoding=encoding_name(decoded.encoding),
                         alternative=encoding_name(decoded.alternatives[0]), hint="quiz.encoding.uncertain_hint",
                         hint_params={"encoding": decoded.encoding, "alternative": decoded.alternatives[0]})


def encoding_name(codec: str) -> dict | str:
    """How messages name an encoding: its catalogue label ("Windows-1252 (Western European)"), else the codec."""
    key = "quiz.encoding." + codec.replace("-", "_")
    return {"i18n": key} if has_text(key) else codec


def encoding_label(codec: str, lang: str) -> str:
    """An encoding's name as the reader reads it."""
    name = encoding_name(codec)
    return t(name["i18n"], lang) if isinstance(name, dict) else name


def decode_bank(data: bytes, name: str, encoding: str | None = None) -> DecodedText:
    """The bank's text: detected, or decoded as ``encoding`` (an EncodingProblem if it cannot be)."""
    try:
        return decode_bytes(data, encoding)
    except LookupError:
        raise EncodingProblem("quiz.encoding.unknown", encoding=encoding, hint="quiz.encoding.unknown_hint") from None
    except UnicodeDecodeError as exc:
        raise EncodingProblem("quiz.encoding.not_this_one", file=name, encoding=encoding,
                              byte=f"0x{data[exc.start]:02X}", offset=exc.start,
                              hint="quiz.encoding.not_this_one_hint") from None


def _encoding_problem(decoded: DecodedText) -> Problem:
    """QZ103 on line 1: the encoding found and, when the guess is uncertain, the close alternative."""
    if decoded.certain:
        return Problem("not_utf8", 1, {"encoding": encoding_name(decoded.encoding)})
    return Problem("not_utf8_uncertain", 1, {"encoding": encoding_name(decoded.encoding),
                                             "alternative": encoding_name(decoded.alternatives[0])})


def read_bank_bytes(data: bytes, name: str, fmt: str | None = None, source: str | None = None, *,
                    encoding: str | None = None) -> LoadedBank:
    """Decode and read a bank; an unknown format is a problem in the bank, not an exception."""
    decoded = decode_bank(data, source or name, encoding)
    chosen = fmt or detect_format(name, decoded.text)
    if chosen is None:
        bank = Bank(format="unknown", source=source)
        bank.problems.append(Problem("unknown_format", 1, {"file": name}))
    else:
        bank = parse_text(decoded.text, chosen, source)
    if decoded.encoding not in MOODLE_READABLE and data:
        bank.problems.insert(0, _encoding_problem(decoded))
    return LoadedBank(bank, Path(name), decoded)


def load_bank(path: str | Path, fmt: str | None = None, *, source: str | None = None,
              strict: bool = False, encoding: str | None = None) -> LoadedBank:
    """Read a bank file. ``strict`` raises QuizSyntaxError at the first error (with its line).

    OSError (missing or unreadable file) propagates: the caller says which file.
    """
    path = Path(path)
    loaded = read_bank_bytes(path.read_bytes(), path.name, fmt, source or str(path), encoding=encoding)
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
