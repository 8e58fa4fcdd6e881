"""Justified exceptions: which findings they excuse, and what is wrong with the exceptions themselves.

An exception comes from the configuration (``check.exceptions`` in course.yaml
or moocforge.toml: rules, gitignore-style paths, a reason, an optional expiry)
or from a comment next to what it excuses (``inline``). Applied to a check's
findings it splits them into the active ones and the suppressed ones, each of
the latter kept whole with the exception that excused it. Nothing is dropped:
reporters count suppressed findings and SARIF carries them with their
justification.

Exceptions report on themselves (``pseudo_rules``): one that excuses nothing
although its rules ran with all their evidence (CI101), one past its expiry
date (CI102: it no longer applies, so what it covered is reported again), and
a comment that cannot apply (CI103).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

import pathspec

from ..errors import UserError
from ..findings import Finding, Location
from ..rules.registry import UnknownRuleSelector, select_rules
from .inline import AIKEN_DIRECTIVE_FINDING, Directive
from .pseudo_rules import EXPIRED, INVALID, UNUSED, exception_finding


class ExceptionConfigError(UserError):
    """A configured exception names a rule that does not exist."""


@dataclass(frozen=True)
class Suppression:
    """One exception, ready to match findings."""

    selectors: tuple[str, ...]  # as written: ids, prefixes or names
    rule_ids: frozenset[str]  # the rules they name
    reason: str
    in_source: bool  # a comment in the file (SARIF "inSource") or the configuration ("external")
    origin: Location  # where the exception is written
    expires: dt.date | None = None
    patterns: tuple[str, ...] = ()  # configuration: gitignore-style course paths
    file: str | None = None  # comment: the file whose findings it covers
    lines: tuple[int, int] | None = None  # comment: the lines it covers (None: the whole file)
    _spec: pathspec.PathSpec | None = field(default=None, compare=False, repr=False)

    def covers(self, finding: Finding, descriptor: str) -> bool:
        if finding.rule_id not in self.rule_ids:
            return False
        if self.file is not None:
            if finding.file != self.file:
                return False
            return self.lines is None or (finding.line is not None and self.lines[0] <= finding.line <= self.lines[1])
        # A finding about the course as a whole points at the descriptor, as every report shows it.
        return bool(self._spec and self._spec.match_file(finding.file or descriptor))

    @property
    def scope(self) -> str:
        """What it covers, as messages name it: the paths, or the file and lines."""
        if self.file is None:
            return ", ".join(self.patterns)
        if self.lines is None:
            return self.file
        first, last = self.lines
        return f"{self.file}:{first}" if first == last else f"{self.file}:{first}–{last}"

    def params(self) -> dict:
        return {"rules": ", ".join(self.selectors), "scope": self.scope, "reason": self.reason}


@dataclass(frozen=True)
class Suppressed:
    """A finding an exception excuses, kept whole with the exception."""

    finding: Finding
    by: Suppression


@dataclass
class Applied:
    active: list[Finding]
    suppressed: list[Suppressed]
    problems: list[Finding]  # unused, expired and invalid exceptions


def rule_ids(selectors: Iterable[str]) -> frozenset[str]:
    """The ids of the rules that ids, prefixes or names select; UnknownRuleSelector for one that selects none."""
    return frozenset(item.id for item in select_rules(list(selectors)))


# ---------------------------------------------------------------- building

def configured(entries, origin_of: Callable[[int], Location]) -> list[Suppression]:
    """Suppressions of ``check.exceptions`` entries; ``origin_of(i)`` says where entry i is written."""
    found = []
    for index, entry in enumerate(entries):
        where = origin_of(index)
        try:
            ids = rule_ids(entry.rules)
        except UnknownRuleSelector as exc:
            raise ExceptionConfigError("ci.config.unknown_rule", file=where.file, line=where.line, rule=exc.value,
                                       hint=exc.hint, hint_params=exc.hint_params) from None
        found.append(Suppression(tuple(entry.rules), ids, entry.reason, False, where, entry.expires,
                                 tuple(entry.paths), _spec=pathspec.GitIgnoreSpec.from_lines(entry.paths)))
    return found


def from_directives(directives: Iterable[Directive]) -> tuple[list[Suppression], list[Finding]]:
    """Suppressions of comment directives, and a CI103 finding for each one that cannot apply."""
    found, problems = [], []
    for item in directives:
        where = Location(file=item.file, line=item.line)
        if item.problem is not None:
            problems.append(exception_finding(INVALID, item.problem, dict(item.params), where))
            continue
        try:
            ids = rule_ids(item.rules)
        except UnknownRuleSelector as exc:
            problems.append(exception_finding(INVALID, "unknown_rule", {"rule": exc.value}, where))
            continue
        found.append(Suppression(item.rules, ids, item.reason or "", True, where, item.expires,
                                 file=item.file, lines=item.covers))
    return found, problems


# ---------------------------------------------------------------- applying

def _is_directive_line(finding: Finding, directive_lines: set[tuple[str, int]]) -> bool:
    return (finding.rule_id, finding.message) == AIKEN_DIRECTIVE_FINDING and (finding.file, finding.line) in directive_lines


def apply(findings: Iterable[Finding], suppressions: list[Suppression], *, descriptor: str, today: dt.date,
          judged: set[str], aiken_directive_lines: set[tuple[str, int]] = frozenset()) -> Applied:
    """Split ``findings`` into active and suppressed, and report exceptions that are expired or unused.

    ``judged``: ids of the rules that ran with all their evidence; an exception
    for other rules (not selected, media rules without --deep) is not called unused.
    ``aiken_directive_lines``: (file, line) of directives on an Aiken bank's last
    line, which the bank reader reads as a question without an ANSWER line.
    """
    live = [s for s in suppressions if s.expires is None or s.expires >= today]
    problems = [exception_finding(EXPIRED, "expired", {**s.params(), "date": s.expires.isoformat()}, s.origin)
                for s in suppressions if s.expires is not None and s.expires < today]
    active, suppressed, used = [], [], set()
    for finding in findings:
        if _is_directive_line(finding, aiken_directive_lines):
            continue  # not a question: the directive, which Moodle drops as it drops any such last line
        match = next((s for s in live if s.covers(finding, descriptor)), None)
        if match is None:
            active.append(finding)
        else:
            suppressed.append(Suppressed(finding, match))
            used.add(id(match))
    problems += [exception_finding(UNUSED, "unused", s.params(), s.origin)
                 for s in live if id(s) not in used and s.rule_ids & judged]
    return Applied(active, suppressed, problems)
