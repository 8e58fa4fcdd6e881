"""The Open edX grading policy from the descriptor's assessment weights and certificate threshold.

Open edX grades by assignment *type*: each graded subsection names a type
in its ``format``, each type has one weight, and the subsections of a type
count equally. The descriptor gives each task its own weight (percent of the
final grade, form 01 item 15). So tasks are grouped by their place in the
course — practical tasks, module tests, the final exam, graded lesson
quizzes — each group's weight is the sum of its tasks' weights, and the
weights are scaled so that they sum to exactly 1.0. Where Open edX cannot say
what the descriptor says (unequal weights inside one group, weights that do
not sum to 100 %, no weights at all) the report says what changed.

The pass mark is the certificate threshold: the lower end of the "N–100 %"
range in the certificate text, else the profile's (form 08's 85 %).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from ...course.model import Assessment, Course
from ...profiles import Profile
from ..report import ConversionReport

# Group → (Open edX assignment type, short label). The type names are what Studio shows.
GRADER_TYPES = {
    "practical": ("Practical Task", "PT"),
    "module": ("Module Test", "MT"),
    "lesson": ("Lesson Quiz", "LQ"),
    "final": ("Final Exam", "FE"),
}
# "85–100 %", "85-100%", "85 – 100 пайыз": the range that earns the certificate.
_TOP_RANGE = re.compile(r"(\d{1,2}(?:[.,]\d+)?)\s*[–—-]\s*100\s*%")


@dataclass
class GradedTask:
    group: str  # a key of GRADER_TYPES
    label: str
    assessment: Assessment


@dataclass
class GradingPlan:
    """Which tasks are graded, with which type, and the policy file's content."""

    tasks: list[GradedTask] = field(default_factory=list)
    policy: dict = field(default_factory=dict)

    def format_of(self, assessment: Assessment) -> str | None:
        """The ``format`` (assignment type) of a graded task's subsection, None when it is not graded."""
        for task in self.tasks:
            if task.assessment is assessment:
                return GRADER_TYPES[task.group][0]
        return None


def graded_tasks(model: Course) -> list[GradedTask]:
    """Every task with a weight, in course order; with no weights at all, every practical
    task, module test and the final exam (equal shares)."""
    candidates: list[GradedTask] = []
    for module in model.modules:
        for lesson in module.lessons:
            if lesson.quiz is not None:
                candidates.append(GradedTask("lesson", lesson.title, lesson.quiz))
        if module.practical_task is not None:
            candidates.append(GradedTask("practical", module.practical_task.title or module.title,
                                         module.practical_task))
        if module.assessment is not None:
            candidates.append(GradedTask("module", module.assessment.title or module.title, module.assessment))
    if model.final_assessment is not None:
        candidates.append(GradedTask("final", model.final_assessment.title or "final", model.final_assessment))
    weighted = [task for task in candidates if task.assessment.weight]
    return weighted or [task for task in candidates if task.group != "lesson"]


def certificate_threshold(model: Course, profile: Profile) -> tuple[float, bool]:
    """(pass mark as a fraction, whether the course's own text gave it)."""
    found = [float(m.group(1).replace(",", ".")) for m in _TOP_RANGE.finditer(model.certificate or "")]
    found = [value for value in found if 0 < value < 100]
    if found:
        return max(found) / 100, True
    return float(profile.get("packaging.certificate_threshold_percent", 85)) / 100, False


def _shares(weights: dict[str, Fraction]) -> dict[str, float]:
    """Fractions of 1 as floats that sum to 1.0 within Open edX's tolerance (the last takes the rest)."""
    names = list(weights)
    shares = {name: round(float(weights[name]), 6) for name in names[:-1]}
    shares[names[-1]] = round(1.0 - sum(shares.values()), 6)
    return shares


def grading_plan(model: Course, profile: Profile, report: ConversionReport) -> GradingPlan:
    tasks = graded_tasks(model)
    plan = GradingPlan(tasks)
    cutoff, own = certificate_threshold(model, profile)
    if not own:
        report.warn("package.grading.default_cutoff", percent=round(cutoff * 100, 2),
                    clause=profile.clause("packaging.certificate_threshold_percent") or "-")
    if not tasks:
        report.warn("package.grading.nothing_graded")
        plan.policy = {"GRADER": [], "GRADE_CUTOFFS": {"Pass": cutoff}}
        return plan
    declared = [Fraction(str(task.assessment.weight)) for task in tasks if task.assessment.weight]
    if not declared:
        report.warn("package.grading.no_weights", count=len(tasks))
    weights = [Fraction(str(task.assessment.weight)) if task.assessment.weight else Fraction(1) for task in tasks]
    total = sum(weights)
    if declared and total != 100:
        report.warn("package.grading.scaled", total=float(total))
    by_group: dict[str, list[Fraction]] = {}
    for task, weight in zip(tasks, weights):
        by_group.setdefault(task.group, []).append(weight)
    for group, values in by_group.items():
        if len(set(values)) > 1:
            report.warn("package.grading.averaged", type=GRADER_TYPES[group][0],
                        weights=", ".join(f"{float(v):g}" for v in values),
                        each=round(float(sum(values) / len(values) / total * 100), 2))
    shares = _shares({group: sum(values) / total for group, values in by_group.items()})
    grader = [{"drop_count": 0, "min_count": len(by_group[group]), "short_label": GRADER_TYPES[group][1],
               "type": GRADER_TYPES[group][0], "weight": shares[group]} for group in by_group]
    plan.policy = {"GRADER": grader, "GRADE_CUTOFFS": {"Pass": cutoff}}
    return plan
