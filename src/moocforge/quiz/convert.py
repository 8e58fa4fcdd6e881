"""``quiz convert``: write a bank in another format, as safely as ``quiz lint`` judges it.

Three promises, each kept here rather than in the command line:

- **Lint and convert agree.** A bank with a problem ``quiz lint`` calls an
  error of its questions (``validity.import_errors``: QZ101, and QZ107/QZ108
  at error level) is refused, so a weight Moodle refuses is never written to
  Moodle XML as ``fraction="37"``. A problem of the source file alone — its
  encoding, which the conversion decodes — does not stop it; an encoding that
  is only a guess does, because the output would carry the guess
  (``--encoding`` settles it).
- **Nothing the user wrote is overwritten.** An existing file at the target
  is replaced only when moocforge wrote it there itself and nobody has
  changed it since, or with ``force``. What moocforge wrote is remembered in
  the user cache (``cache.ResultCache``, kind ``quiz-convert``): the file's
  identity (path, size, modification time) and a digest of its bytes. A
  forgotten entry (a cleared cache) only means asking for ``--force``.
- **Categories alone are content.** A GIFT file holding only ``$CATEGORY:``
  converts to a Moodle XML (or GIFT) file with that category.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..cache import ResultCache, default_user_cache_dir, file_identity
from ..errors import UserError
from ..fileio import write_atomically, write_output
from ..i18n import t
from .load import LoadedBank, UncertainEncoding, read_bank_bytes
from .problems import Problem
from .validity import import_errors
from .writers import CARRIES_CATEGORIES, TARGETS, Output, write_bank

_BANK_SUFFIXES = (".aiken.txt", ".gift", ".aiken", ".xml", ".txt")
_LEDGER_KIND = "quiz-convert"
_LEDGER_VERSION = "1"


class ConversionRefused(UserError):
    """The conversion would write something wrong, or over something the user wrote."""


class BankHasErrors(ConversionRefused):
    """The bank has errors ``quiz lint`` reports; the first one is shown in the reader's language."""

    def __init__(self, path: str, errors: list[Problem]):
        self.first = errors[0]
        super().__init__("quiz.convert.has_errors", file=path, count=len(errors), first_line=self.first.line,
                         hint="quiz.convert.has_errors_hint", hint_params={"path": path})

    def what(self, lang: str) -> str:
        return t(self.key, lang, **self.params, message=self.first.text(lang))


@dataclass
class Conversion:
    """What was written where: the writer's output and the number of questions in it."""

    target: str
    output: Output
    questions: int
    categories: int


def bank_stem(path: Path) -> str:
    """The bank's name without its format suffix: ``final`` for ``final.aiken.txt``."""
    name = path.name
    for suffix in _BANK_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[:-len(suffix)]
    return path.stem


def default_target(source: Path, target_format: str) -> Path:
    return source.with_name(bank_stem(source) + TARGETS[target_format][1])


def convert_file(source: Path, target_format: str, *, output: Path | None = None, force: bool = False,
                 encoding: str | None = None) -> Conversion:
    """Read ``source``, check it as ``quiz lint`` does, and write it as ``target_format``.

    ``output`` is where the user's ``-o`` points (``-``, a device, a FIFO, a
    link or a file); without it the target sits next to the source.
    """
    loaded = _read(source, encoding)
    errors = import_errors(loaded.bank)
    if errors:
        raise BankHasErrors(str(source), errors)
    target = output if output is not None else default_target(source, target_format)
    _refuse_unsafe_target(source, target, force)
    written = write_bank(loaded.bank, target_format, name=bank_stem(source))
    questions = len(loaded.bank.questions) - len(written.dropped)
    categories = len(loaded.bank.categories) if target_format in CARRIES_CATEGORIES else 0
    if questions == 0 and categories == 0:
        raise ConversionRefused("quiz.convert.nothing_to_write", file=str(source), target=target_format)
    _write(target, written.data, to_user_path=output is not None)
    return Conversion(str(target), written, questions, categories)


def _read(source: Path, encoding: str | None) -> LoadedBank:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ConversionRefused("quiz.cli.cannot_read", file=str(source), error=exc.strerror or str(exc)) from None
    loaded = read_bank_bytes(data, source.name, source=str(source), encoding=encoding)
    if not loaded.decoded.certain:
        raise UncertainEncoding(str(source), loaded.decoded)
    return loaded


# ---------------------------------------------------------------- the target

def _is_stream(target: Path) -> bool:
    """Standard output, a device or a FIFO: written through, never 'overwritten'."""
    return str(target) == "-" or str(target).startswith("/dev/") or (target.exists() and not target.is_file()
                                                                      and not target.is_dir())


def _refuse_unsafe_target(source: Path, target: Path, force: bool) -> None:
    if _is_stream(target):
        return
    if target.resolve() == source.resolve():
        raise ConversionRefused("quiz.convert.same_file", file=str(target), hint="quiz.convert.same_file_hint")
    if target.is_file() and not force and not _wrote_it(target):
        raise ConversionRefused("quiz.convert.would_overwrite", file=str(target),
                                hint="quiz.convert.would_overwrite_hint")


def _write(target: Path, data: bytes, *, to_user_path: bool) -> None:
    if to_user_path:
        write_output(target, data)  # '-', devices, FIFOs, links and folders as every -o treats them
    else:
        write_atomically(target, data)
    if not _is_stream(target):
        _remember(target, data)


# ---------------------------------------------------------------- what moocforge wrote

def _ledger() -> ResultCache:
    return ResultCache(default_user_cache_dir())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _remember(target: Path, data: bytes) -> None:
    _ledger().store(_LEDGER_KIND, file_identity(target), _LEDGER_VERSION, None, {"sha256": _digest(data)})


def _wrote_it(target: Path) -> bool:
    """Did moocforge write this file, and has it stayed as written?"""
    entry = _ledger().lookup(_LEDGER_KIND, file_identity(target), _LEDGER_VERSION)
    if not isinstance(entry, dict):
        return False
    try:
        return entry.get("sha256") == _digest(target.read_bytes())
    except OSError:
        return False
