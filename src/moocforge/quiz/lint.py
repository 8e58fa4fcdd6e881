"""``quiz lint``: the QZ rules of the catalogue, run on bank files outside a course.

No second implementation: the files become quiz evidence exactly as
``moocforge check`` gathers it, and the same rule functions run on a
minimal context (an empty course: the outcome rule has nothing to compare
with and stays silent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..course.model import Course
from ..inspect import Evidence
from ..inspect.quizzes import QuizBankEvidence, inspect_bank
from ..profiles import Profile
from ..rules.registry import Finding, RuleContext, Severity, run_rules


class StandaloneBanks:
    """Stands in for a loaded course when banks are linted on their own."""

    def __init__(self, root: Path):
        self.root = root
        self.model = Course()
        self.refs: list = []
        self.descriptor_name = "course.yaml"

    def line_of(self, path: tuple) -> int | None:
        return None


@dataclass
class LintResult:
    banks: dict[str, QuizBankEvidence]
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: Severity) -> bool:
        return any(f.severity.rank >= fail_on.rank for f in self.findings)


def lint_files(paths: list[Path], profile: Profile) -> LintResult:
    """Run every QZ rule over the given bank files; findings sorted by file and line."""
    evidence = Evidence()
    for path in paths:
        evidence.quiz[str(path)] = inspect_bank(path, str(path))
    ctx = RuleContext(course=StandaloneBanks(Path.cwd()), evidence=evidence, profile=profile)
    findings = sorted(run_rules(ctx, select=["QZ"]), key=lambda f: (f.file or "", f.line or 0, f.rule_id))
    return LintResult(evidence.quiz, findings)
