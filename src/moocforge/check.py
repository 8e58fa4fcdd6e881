"""The ``check`` job: load → inspect → evaluate, with nothing re-parsed downstream."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .course.loader import LoadedCourse, load_course
from .inspect import Evidence, InspectOptions, gather_evidence
from .profiles import Profile, load_profile
from .rules.registry import Finding, RuleContext, Severity, run_rules


@dataclass
class CheckResult:
    course: LoadedCourse
    profile: Profile
    evidence: Evidence
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: Severity = Severity.ERROR) -> bool:
        return any(f.severity.rank >= fail_on.rank for f in self.findings)


def _sort_key(finding: Finding):
    return (finding.module or "", finding.lesson or "", finding.file or "", finding.line or 0, finding.rule_id)


def run_check(folder: str | Path, *, profile: str | None = None, options: InspectOptions | None = None,
              select: list[str] | None = None, ignore: list[str] | None = None) -> CheckResult:
    """Check a course folder and return every finding, sorted by place."""
    course = load_course(folder)
    chosen = load_profile(profile or course.model.profile)
    evidence = gather_evidence(course, chosen, options)
    ctx = RuleContext(course=course, evidence=evidence, profile=chosen)
    findings = sorted(run_rules(ctx, select=select, ignore=ignore or ()), key=_sort_key)
    return CheckResult(course, chosen, evidence, findings)
