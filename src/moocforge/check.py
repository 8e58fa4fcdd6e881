"""The one pipeline: load → inspect → evaluate, with nothing re-parsed downstream.

``run_check`` is the only place that loads a subject, gathers evidence,
evaluates rules and returns a result. Its subject is a course folder or a set
of loose files (``course.loose``): ``moocforge check``, ``media check``,
``media qc`` and ``quiz lint`` are all this pipeline with a rule selection,
and every reporter renders its result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .course.loader import DESCRIPTOR_NAMES, LoadedCourse, load_course
from .course.loose import LooseFiles
from .course.model import Course
from .errors import UserError
from .findings import Finding, Location, Severity
from .inspect import Evidence, InspectOptions, gather_evidence
from .profiles import Profile, load_profile
from .rules.registry import Rule, evaluate, evidence_needed, select_rules

Subject = LoadedCourse | LooseFiles


@dataclass
class CheckResult:
    subject: Any  # LoadedCourse or LooseFiles
    profile: Profile
    evidence: Evidence
    findings: list[Finding] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # the rules that ran, by id (reporters read titles here)

    @property
    def course(self):
        """The subject (kept under the name every reporter has always used)."""
        return self.subject

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: Severity = Severity.ERROR) -> bool:
        return any(f.fails(fail_on) for f in self.findings)


def _sort_key(finding: Finding):
    return (finding.module or "", finding.lesson or "", finding.file or "", finding.line or 0,
            finding.location.page or 0, finding.location.slide or 0, finding.location.start or 0, finding.rule_id)


def load_subject(subject: str | Path | Subject) -> Subject:
    if isinstance(subject, (LoadedCourse, LooseFiles)):
        return subject
    return load_course(subject)


def run_check(subject: str | Path | Subject, *, profile: str | Profile | None = None,
              options: InspectOptions | None = None, select: Iterable[str] | None = None,
              ignore: Iterable[str] | None = None) -> CheckResult:
    """Check a course folder (or loose files) and return every finding, sorted by place.

    Only the evidence the selected rules need is gathered.
    """
    rules = select_rules(list(select or ()), list(ignore or ()))
    loaded = load_subject(subject)
    chosen = profile if isinstance(profile, Profile) else load_profile(profile or loaded.model.profile)
    evidence = gather_evidence(loaded, chosen, options, evidence_needed(rules))
    findings = sorted(evaluate(rules, loaded, evidence, chosen), key=_sort_key)
    return CheckResult(loaded, chosen, evidence, findings, {r.id: r for r in rules})


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
