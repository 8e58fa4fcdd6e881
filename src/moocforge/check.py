"""The one pipeline: load → inspect → evaluate, with nothing re-parsed downstream.

``run_check`` is the only place that loads a subject, gathers evidence,
evaluates rules and returns a result. Its subject is a course folder or a set
of loose files (``course.loose``): ``moocforge check``, ``media check``,
``media qc`` and ``quiz lint`` are all this pipeline with a rule selection,
and every reporter renders its result.

After the rules, the pipeline applies what a course repository's CI adds
(``moocforge.ci``): justified exceptions (configured, or written as comments
next to what they excuse) move findings to ``suppressed`` with their reason,
and exceptions that are unused, expired or malformed become findings of their
own; ``--changed-since`` leaves out file-level findings in unchanged files;
a baseline moves the findings it records to ``baseline.known``. Every
reporter reads the same result, so each format counts the same things.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from .ci import exceptions as ci_exceptions
from .ci.baseline import Baseline, Comparison, Entry, compare
from .ci.changes import ChangeScope
from .ci.fingerprints import LineTexts, fingerprint
from .ci.inline import Directive, bank_directives, yaml_directives
from .ci.pseudo_rules import PSEUDO_RULES
from .ci.settings import CheckSettings, settings_for
from .course.loader import DESCRIPTOR_NAMES, LoadedCourse, load_course
from .course.loose import LooseFiles
from .course.model import Course
from .errors import UserError
from .findings import Finding, Location, Severity
from .inspect import Evidence, InspectOptions, gather_evidence
from .profiles import Profile, load_profile
from .rules.registry import Rule, evaluate, evidence_needed, select_rules
from .textio import read_text

Subject = LoadedCourse | LooseFiles


@dataclass
class CheckResult:
    subject: Any  # LoadedCourse or LooseFiles
    profile: Profile
    evidence: Evidence
    findings: list[Finding] = field(default_factory=list)  # what counts: shown, and fails the run
    rules: dict[str, Rule] = field(default_factory=dict)  # the rules that ran, by id (reporters read titles here)
    suppressed: list[ci_exceptions.Suppressed] = field(default_factory=list)  # excused, with the reason
    baseline: Comparison | None = None  # with --baseline: the known findings and the fixed ones
    changes: ChangeScope | None = None  # with --changed-since: the files reported on
    _fingerprints: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _line_texts: LineTexts | None = field(default=None, repr=False, compare=False)

    @property
    def course(self):
        """The subject (kept under the name every reporter has always used)."""
        return self.subject

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: Severity = Severity.ERROR) -> bool:
        return any(f.fails(fail_on) for f in self.findings)

    def fingerprint(self, finding: Finding) -> str:
        """The finding's stable fingerprint (``ci.fingerprints``), read from its line's text."""
        key = id(finding)
        if key not in self._fingerprints:
            if self._line_texts is None:
                self._line_texts = LineTexts(Path(self.subject.root))
            self._fingerprints[key] = fingerprint(finding, self._line_texts.line(finding.file, finding.line))
        return self._fingerprints[key]


def _sort_key(finding: Finding):
    return (finding.module or "", finding.lesson or "", finding.file or "", finding.line or 0,
            finding.location.page or 0, finding.location.slide or 0, finding.location.start or 0, finding.rule_id)


def load_subject(subject: str | Path | Subject) -> Subject:
    if isinstance(subject, (LoadedCourse, LooseFiles)):
        return subject
    return load_course(subject)


def run_check(subject: str | Path | Subject, *, profile: str | Profile | None = None,
              options: InspectOptions | None = None, select: Iterable[str] | None = None,
              ignore: Iterable[str] | None = None, settings: CheckSettings | None = None,
              baseline: Baseline | None = None, changes: ChangeScope | None = None,
              today: dt.date | None = None) -> CheckResult:
    """Check a course folder (or loose files) and return every finding, sorted by place.

    ``settings`` default to what the course keeps (``check:`` in course.yaml or
    moocforge.toml); ``profile``, ``options``, ``select`` and ``ignore`` given
    here win over them. Exceptions always apply (``today`` decides which have
    expired); ``changes`` limits file-level findings to those files;
    ``baseline`` separates known findings from new ones. Only the evidence the
    selected rules need is gathered.
    """
    if select is not None or ignore is not None:
        select_rules(list(select or ()), list(ignore or ()))  # a mistyped selector is said before anything is read
    loaded = load_subject(subject)
    settings = settings if settings is not None else settings_for(loaded)
    rules = select_rules(list(select if select is not None else settings.value("select") or ()),
                         list(ignore if ignore is not None else settings.value("ignore") or ()))
    chosen = profile if isinstance(profile, Profile) else load_profile(profile or settings.value("profile"))
    options = options or InspectOptions(deep=settings.value("deep"), online=settings.value("online"))
    evidence = gather_evidence(loaded, chosen, options, evidence_needed(rules))
    result = CheckResult(loaded, chosen, evidence, sorted(evaluate(rules, loaded, evidence, chosen), key=_sort_key),
                         {r.id: r for r in rules})
    _apply_exceptions(result, settings, today or dt.date.today())
    if changes is not None:
        _limit_to_changes(result, changes)
    if baseline is not None:
        _compare_with_baseline(result, baseline)
    result.findings.sort(key=_sort_key)
    return result


# ---------------------------------------------------------------- what CI adds after the rules

def _inline_directives(result: CheckResult) -> tuple[list[Directive], set[tuple[str, int]]]:
    """Directives in course.yaml comments and in the banks read, and the Aiken ones on a bank's last line."""
    subject = result.subject
    directives: list[Directive] = []
    if subject.is_course:
        text = read_text(subject.descriptor).text
        directives += yaml_directives(text, subject.lines, subject.descriptor_name)
    aiken_last_lines = set()
    for path, bank in sorted(result.evidence.kinds.get("quiz", {}).items()):
        if bank.format not in ("gift", "aiken"):
            continue
        readable = subject.readable_file(path)
        if readable is None:
            continue
        found = bank_directives(read_text(readable).text, bank.format, path)
        directives += found
        if bank.format == "aiken":
            aiken_last_lines |= {(d.file, d.line) for d in found if d.problem != "aiken_not_last"}
    return directives, aiken_last_lines


def _apply_exceptions(result: CheckResult, settings: CheckSettings, today: dt.date) -> None:
    directives, aiken_last_lines = _inline_directives(result)
    inline, invalid = ci_exceptions.from_directives(directives)
    gathered = set(result.evidence.kinds)
    judged = {rule_id for rule_id, item in result.rules.items() if set(item.needs) <= gathered}
    applied = ci_exceptions.apply(result.findings, settings.suppressions() + inline,
                                  descriptor=result.subject.descriptor_name, today=today, judged=judged,
                                  aiken_directive_lines=aiken_last_lines)
    result.findings = applied.active + invalid + applied.problems
    result.suppressed = applied.suppressed
    for finding in invalid + applied.problems:
        result.rules.setdefault(finding.rule_id, PSEUDO_RULES[finding.rule_id])


def _course_level(finding: Finding, descriptor: str) -> bool:
    """Findings about the course as a whole (or its descriptor, or its exceptions) are always reported."""
    return not finding.file or finding.file == descriptor or finding.rule_id in PSEUDO_RULES


def _limit_to_changes(result: CheckResult, changes: ChangeScope) -> None:
    descriptor = result.subject.descriptor_name

    def kept(finding: Finding) -> bool:
        return _course_level(finding, descriptor) or finding.file in changes.files

    before = len(result.findings)
    result.findings = [f for f in result.findings if kept(f)]
    result.suppressed = [s for s in result.suppressed if kept(s.finding)]
    result.changes = replace(changes, left_out=before - len(result.findings))


def _compare_with_baseline(result: CheckResult, baseline: Baseline) -> None:
    descriptor = result.subject.descriptor_name

    def could_be_found(entry: Entry) -> bool:
        if entry.rule not in result.rules:
            return False  # not selected this time: not fixed, just not looked for
        return result.changes is None or not entry.file or entry.file == descriptor or entry.file in result.changes.files

    result.findings, result.baseline = compare(baseline, result.findings, result.fingerprint, could_be_found)


# ---------------------------------------------------------------- when the subject cannot be read

# The pseudo-rule of a check that could not run: CI still gets a report (an
# annotation, a SARIF result, a failed JUnit case) saying why, in place of any
# older report.
UNREADABLE_RULE = "LOAD"


@dataclass
class UnreadableCourse:
    """What a report needs to know of a course folder that could not be loaded."""

    root: Path
    model: Course = field(default_factory=Course)
    refs: list = field(default_factory=list)
    descriptor_name: str = DESCRIPTOR_NAMES[0]
    is_course: bool = True

    def line_of(self, path: tuple) -> None:
        return None


def failed_result(folder: str | Path, error: UserError) -> CheckResult:
    """A result with an error finding for each reason the check could not run
    (every problem of a descriptor that does not match the course format)."""
    root = Path(folder)
    where = error.file
    if where:
        try:
            where = Path(where).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    place = where if where not in (None, ".") else None
    problems = getattr(error, "problems", None) or [error]
    findings = [Finding(UNREADABLE_RULE, Severity.ERROR, problem.key, dict(problem.params),
                        Location(file=place, line=problem.line)) for problem in problems]
    return CheckResult(UnreadableCourse(root), Profile(name="-", title="-"), Evidence(), findings, {})
