"""Writers: one module per target format, all reading the same ``Bank``.

Every writer returns an ``Output``: the bytes to write and an ``Omission``
for each question the target cannot express (left out, with the reason) or
can express only with a change (written, with what changed). Nothing is
dropped silently: the command line prints every omission.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field

from ..model import Bank, Question

# Characters XML 1.0 cannot carry (most C0 controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# target name -> (module, default file suffix)
TARGETS = {
    "gift": ("gift", ".gift"),
    "aiken": ("aiken", ".aiken.txt"),
    "moodlexml": ("moodlexml", ".xml"),
    "capa": ("capa", ".capa.zip"),
    "qti": ("qti", ".qti.zip"),
}
# Targets that write $CATEGORY switches: a bank of categories alone is still worth writing there.
CARRIES_CATEGORIES = frozenset({"gift", "moodlexml"})


@dataclass
class Omission:
    """A question a target could not take as it is.

    ``reason`` is a catalogue key below ``quiz.convert.``; ``dropped`` says
    whether the question was left out (True) or written with a change (False).
    """

    index: int
    line: int
    label: str
    reason: str
    dropped: bool = True
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        from ...i18n import t

        return t(f"quiz.convert.{self.reason}", lang, **self.params)


@dataclass
class Output:
    """What a writer produced: the file's bytes, and what it could not express."""

    data: bytes
    omissions: list[Omission] = field(default_factory=list)

    @property
    def dropped(self) -> list[Omission]:
        return [o for o in self.omissions if o.dropped]

    @property
    def changed(self) -> list[Omission]:
        return [o for o in self.omissions if not o.dropped]


class OmissionLog:
    """Collects omissions while a writer walks the bank."""

    def __init__(self) -> None:
        self.items: list[Omission] = []

    def drop(self, index: int, question: Question, reason: str, **params) -> None:
        self.items.append(Omission(index, question.line, question.label(), reason, True, params))

    def change(self, index: int, question: Question, reason: str, **params) -> None:
        if not any(o.index == index and o.reason == reason for o in self.items):
            self.items.append(Omission(index, question.line, question.label(), reason, False, params))

    def xml_text(self, index: int, question: Question, value: str) -> str:
        """``value`` made safe for XML; replaced characters are reported as a change."""
        if _NOT_XML.search(value):
            self.change(index, question, "xml_characters_replaced")
            return _NOT_XML.sub("\ufffd", value)
        return value


def write_bank(bank: Bank, target: str, *, name: str = "bank") -> Output:
    """Write ``bank`` in ``target`` format (see TARGETS). ``name`` titles packages."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; one of {', '.join(TARGETS)}")
    module = importlib.import_module(f"{__name__}.{TARGETS[target][0]}")
    return module.write(bank, name=name)
