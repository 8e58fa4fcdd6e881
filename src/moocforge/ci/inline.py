"""Exceptions written next to what they excuse: comments in course.yaml, GIFT and Aiken banks.

One grammar everywhere, after the file's own comment mark::

    # moocforge: ignore CD105 -- committee protocol No. 7, 2026-03-12        (course.yaml)
    // moocforge: ignore QZ104, QZ109 until 2026-12-31 -- department rule 4   (GIFT, Aiken)

Rules are ids, id prefixes or names separated by commas or spaces; ``until
DATE`` is optional; the reason after ``--`` is required. What a directive
covers depends on where a file format lets it stand:

- **course.yaml**: the entry the comment stands on, or (on a line of its own)
  the entry below it, with everything nested in it.
- **GIFT**: the question that follows the comment line. Moodle ignores ``//``
  lines inside a question and drops a block of comments alone.
- **Aiken**: the whole bank, from its last line. Current Moodle
  (``question/format/aiken/format.php``) reads any line without an option or
  ANSWER prefix as the start of a question, and an earlier unfinished question
  is an import error ("questionnotcomplete") — so no header line is possible.
  A question still open at the end of the file is dropped without a word, so
  the last line is the one place a comment can stand. The bank reader reports
  that line as a question without an ANSWER line (QZ101); the pipeline knows it
  is the directive (``AIKEN_DIRECTIVE_FINDING``).

A directive that cannot apply (no reason, a malformed date, a header line in
an Aiken bank) is returned with ``problem`` set; the pipeline reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..quiz.moodle import PHP_WHITESPACE, php_empty

# What the Aiken reader says of the directive line itself (see the module doc).
AIKEN_DIRECTIVE_FINDING = ("QZ101", "no_answer_line_at_end")

_BODY = r"moocforge\s*:\s*ignore\b(?P<body>.*)$"
_YAML_DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*" + _BODY, re.I)
_GIFT_DIRECTIVE = re.compile(r"^//\s*" + _BODY, re.I)
_AIKEN_DIRECTIVE = re.compile(r"^(?://|#)?\s*" + _BODY, re.I)
_REASON_MARKS = ("--", "—")
_RULE_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9-]*\Z")


@dataclass(frozen=True)
class Directive:
    """One ``moocforge: ignore`` comment: what it excuses, why, and the lines it covers."""

    file: str  # the file it stands in (course-relative, '/'-separated)
    line: int
    rules: tuple[str, ...] = ()
    reason: str | None = None
    expires: dt.date | None = None
    covers: tuple[int, int] | None = None  # first and last line covered; None: the whole file
    problem: str | None = None  # catalogue key when the directive cannot apply
    params: dict[str, Any] = field(default_factory=dict)


def parse_body(body: str) -> tuple[tuple[str, ...], dt.date | None, str | None, str | None, dict[str, Any]]:
    """(rules, expiry, reason, problem key, problem params) of what follows ``moocforge: ignore``."""
    cut = min((body.find(mark) for mark in _REASON_MARKS if mark in body), default=-1)
    head = body if cut < 0 else body[:cut]
    reason = None if cut < 0 else body[cut:].lstrip("-—").strip() or None
    tokens = [token for token in re.split(r"[\s,;]+", head.strip()) if token]
    expires: dt.date | None = None
    if "until" in (token.lower() for token in tokens):
        at = [token.lower() for token in tokens].index("until")
        written = tokens[at + 1] if at + 1 < len(tokens) else ""
        try:
            expires = dt.date.fromisoformat(written)
        except ValueError:
            return (), None, reason, "bad_date", {"date": written or "?"}
        del tokens[at:at + 2]
    rules = tuple(tokens)
    if not rules:
        return (), expires, reason, "no_rules", {}
    odd = [token for token in rules if not _RULE_TOKEN.match(token)]
    if odd:
        return rules, expires, reason, "bad_rule", {"rule": odd[0]}
    if reason is None:
        return rules, expires, None, "no_reason", {"rules": ", ".join(rules)}
    return rules, expires, reason, None, {}


def _directive(file: str, line: int, body: str, covers: tuple[int, int] | None) -> Directive:
    rules, expires, reason, problem, params = parse_body(body)
    return Directive(file, line, rules, reason, expires, covers, problem, params)


# ---------------------------------------------------------------- course.yaml

def _comment_positions(text: str) -> list[tuple[int, int, str]]:
    """(line, column, body) of each directive that is a real YAML comment, not text inside a value."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        match = _YAML_DIRECTIVE.search(line)
        if match:
            found.append((number, match.start(), match.group("body")))
    if not found:
        return []
    # "title: 'a # moocforge: ignore …'" is a value: the scanner's tokens tell the two apart.
    try:
        spans = [(token.start_mark, token.end_mark) for token in yaml.scan(text)]
    except yaml.YAMLError:
        return found  # the loader has accepted the file; keep what the pattern found
    def inside_a_value(line: int, column: int) -> bool:
        place = (line - 1, column)
        return any((start.line, start.column) <= place < (end.line, end.column) for start, end in spans)
    return [item for item in found if not inside_a_value(item[0], item[1])]


def _entry_span(lines: dict[tuple, int], line: int) -> tuple[int, int]:
    """The lines of the outermost entry starting on ``line``, with everything nested in it."""
    starting = [path for path, at in lines.items() if at == line and path]
    if not starting:
        return line, line
    entry = min(starting, key=len)
    nested = [at for path, at in lines.items() if path[:len(entry)] == entry]
    return line, max(nested)


def yaml_directives(text: str, lines: dict[tuple, int], file: str) -> list[Directive]:
    """Directives in course.yaml comments; ``lines`` maps each key's path to its line (course.yaml_lines)."""
    source = text.split("\n")
    directives = []
    for number, column, body in _comment_positions(text):
        own_line = not source[number - 1][:column].strip()
        target = number
        if own_line:
            target = next((n for n in range(number + 1, len(source) + 1)
                           if source[n - 1].strip() and not source[n - 1].lstrip().startswith("#")), number)
        first, last = _entry_span(lines, target)
        directives.append(_directive(file, number, body, (min(number, first), last)))
    return directives


# ---------------------------------------------------------------- GIFT

def _gift_blocks(source: list[str]) -> list[tuple[int, int]]:
    """(first, last) line of each block Moodle reads as one question: lines up to an empty one."""
    blocks, first = [], None
    for number, raw in enumerate(source, 1):
        if php_empty(raw.strip(PHP_WHITESPACE)):
            if first is not None:
                blocks.append((first, number - 1))
                first = None
        elif first is None:
            first = number
    if first is not None:
        blocks.append((first, len(source)))
    return blocks


def gift_directives(text: str, file: str) -> list[Directive]:
    """Directives on ``//`` lines of a GIFT bank, each covering the question after it."""
    source = text.split("\n")
    blocks = _gift_blocks(source)
    directives = []
    for number, raw in enumerate(source, 1):
        match = _GIFT_DIRECTIVE.match(raw.strip(PHP_WHITESPACE))
        if not match:
            continue
        question = next((n for n in range(number + 1, len(source) + 1)
                         if not php_empty(source[n - 1].strip(PHP_WHITESPACE))
                         and not source[n - 1].strip(PHP_WHITESPACE).startswith("//")), None)
        if question is None:
            directives.append(Directive(file, number, problem="no_question"))
            continue
        last = next(end for start, end in blocks if start <= question <= end)
        directives.append(_directive(file, number, match.group("body"), (number, last)))
    return directives


# ---------------------------------------------------------------- Aiken

def aiken_directives(text: str, file: str) -> list[Directive]:
    """The directive on an Aiken bank's last line (covering the whole bank); elsewhere one is refused."""
    source = text.split("\n")
    filled = [n for n, raw in enumerate(source, 1) if raw.strip(PHP_WHITESPACE)]
    directives = []
    for number in filled:
        match = _AIKEN_DIRECTIVE.match(source[number - 1].strip(PHP_WHITESPACE))
        if not match:
            continue
        if number != filled[-1]:
            directives.append(Directive(file, number, problem="aiken_not_last"))
            continue
        directives.append(_directive(file, number, match.group("body"), None))
    return directives


def bank_directives(text: str, bank_format: str, file: str) -> list[Directive]:
    """Directives of a bank in ``bank_format`` (gift, aiken; other formats have none)."""
    if bank_format == "gift":
        return gift_directives(text, file)
    if bank_format == "aiken":
        return aiken_directives(text, file)
    return []
