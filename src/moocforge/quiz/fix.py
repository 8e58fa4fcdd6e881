"""``quiz fix``: correct what has one obvious correction, and nothing else.

The corrections are the line fixes the readers attach to their problems
(Latin letters for Cyrillic look-alikes, ``ANSWER:`` for ``answer:``, an
ordinary space for a non-breaking one, a question joined back onto one
line …), plus UTF-8 and LF line ends for the whole file. Reading, fixing
and re-reading repeat until nothing more changes, because one correction
can reveal the next (a joined question line exposes its option letters).

A file whose encoding is uncertain (``textio.DecodedText.certain``) is not
fixed: rewriting it as UTF-8 from a wrong guess would turn ``ö`` into ``ц``
for good. ``UncertainEncoding`` asks for ``--encoding`` instead.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .load import LoadedBank, UncertainEncoding, parse_text, read_bank_bytes
from .problems import SOURCE_ONLY_CODES, Problem

MAX_PASSES = 4


@dataclass
class FixResult:
    original: str  # the decoded text, line ends normalised
    fixed: str
    encoding: str  # what the file was stored as
    line_ending: str
    applied: list[Problem] = field(default_factory=list)
    remaining: list[Problem] = field(default_factory=list)

    @property
    def encoding_changed(self) -> bool:
        return self.encoding != "utf-8"

    @property
    def line_ends_changed(self) -> bool:
        return self.line_ending not in ("\n",)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original or self.encoding_changed or self.line_ends_changed

    def diff(self, old_name: str, new_name: str) -> str:
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True),
                                            self.fixed.splitlines(keepends=True), old_name, new_name))


def apply_line_fixes(text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
    """Apply every problem's line fixes (a later fix of the same line wins)."""
    edits: dict[int, str | None] = {}
    applied = []
    for problem in problems:
        if problem.fixes:
            applied.append(problem)
            for fix in problem.fixes:
                edits[fix.line] = fix.text
    if not edits:
        return text, []
    lines = text.split("\n")
    kept = []
    for number, line in enumerate(lines, 1):
        if number in edits:
            if edits[number] is not None:
                kept.append(edits[number])
        else:
            kept.append(line)
    return "\n".join(kept), applied


def fix_bank(data: bytes, name: str, *, encoding: str | None = None) -> FixResult:
    """Correct a bank file's bytes; the result says what changed and what still needs a person.

    ``encoding`` overrides detection; without it an uncertain guess raises UncertainEncoding.
    """
    loaded: LoadedBank = read_bank_bytes(data, name, encoding=encoding)
    if not loaded.decoded.certain:
        raise UncertainEncoding(name, loaded.decoded)
    fmt = loaded.bank.format
    text = loaded.decoded.text
    result = FixResult(text, text, loaded.decoded.encoding, loaded.decoded.line_ending)
    problems = [p for p in loaded.bank.problems if p.code not in SOURCE_ONLY_CODES]
    for _ in range(MAX_PASSES):
        text, applied = apply_line_fixes(text, problems)
        if not applied:
            break
        result.applied.extend(applied)
        problems = parse_text(text, fmt).problems if fmt != "unknown" else []
    result.fixed = text
    result.remaining = problems
    return result
