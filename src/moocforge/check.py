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

from .course.loader import LoadedCourse, load_course
from .course.loose import LooseFiles
from .findings import Finding, Severity
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
