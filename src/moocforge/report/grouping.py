"""Group findings the way a teacher walks through a course: course, module, lesson.

Course-wide findings come first, then each module in the order the course
gives them (the author's order: ids such as M10 would sort before M2 as text),
each followed by its lessons. A finding that names a module or lesson the
model does not know still gets a group, after the known ones, so nothing is
ever dropped from a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..findings import SEVERITIES, Finding


@dataclass
class Group:
    """Findings of one place: the course (no module), a module, or a lesson of it."""

    module_id: str | None = None
    module_title: str | None = None
    lesson_id: str | None = None
    lesson_title: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_course_wide(self) -> bool:
        return self.module_id is None and self.lesson_id is None

    @property
    def is_lesson(self) -> bool:
        return self.lesson_id is not None


def _reading_order(finding: Finding):
    # Most serious first, then by place, so each group reads top-down like a to-do list.
    return (SEVERITIES.index(finding.severity), finding.file or "", finding.line or 0, finding.rule_id)


def group_findings(findings: Iterable[Finding], model) -> list[Group]:
    """Split findings into groups in reading order; groups with nothing to show are left out."""
    groups: dict[tuple, Group] = {(None, None): Group()}
    module_of_lesson: dict[str, str | None] = {}
    for module in model.modules:
        groups[(module.id, None)] = Group(module.id, module.title)
        for lesson in module.lessons:
            module_of_lesson[lesson.id] = module.id
            groups[(module.id, lesson.id)] = Group(module.id, module.title, lesson.id, lesson.title)

    for finding in findings:
        module_id = finding.module
        if module_id is None and finding.lesson is not None:
            module_id = module_of_lesson.get(finding.lesson)
        if module_id is not None and (module_id, None) not in groups:
            groups[(module_id, None)] = Group(module_id)  # a module the model does not list
        key = (module_id, finding.lesson)
        if key not in groups:
            groups[key] = _unknown_group(groups, module_id, finding.lesson)
        groups[key].findings.append(finding)

    ordered = _known_then_unknown(groups, model)
    for group in ordered:
        group.findings.sort(key=_reading_order)
    # A module with findings only in its lessons still heads them (with no rows of its own).
    busy_modules = {g.module_id for g in ordered if g.findings}
    return [g for g in ordered if g.findings or (not g.is_lesson and not g.is_course_wide and g.module_id in busy_modules)]


def _unknown_group(groups: dict[tuple, Group], module_id: str | None, lesson_id: str | None) -> Group:
    module = groups.get((module_id, None))
    return Group(module_id, module.module_title if module else None, lesson_id, None)


def _known_then_unknown(groups: dict[tuple, Group], model) -> list[Group]:
    order: list[tuple] = [(None, None)]
    for module in model.modules:
        order.append((module.id, None))
        order.extend((module.id, lesson.id) for lesson in module.lessons)
        # lessons the model does not list, but findings name, stay under their module
        order.extend(sorted((k for k in groups if k[0] == module.id and k not in order), key=str))
    # unknown places last: each module before its lessons
    order.extend(sorted((k for k in groups if k not in order), key=lambda k: (str(k[0]), k[1] is not None, str(k[1]))))
    return [groups[k] for k in order]
