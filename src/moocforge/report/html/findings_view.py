"""Findings as the page lists them: grouped by module and lesson (``report.grouping``), each with its
severity in words and a mark, its clause, the values behind it, and how to fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...findings import SEVERITIES, Finding
from ...i18n import has_text, t
from ..common import expected_text, measured_text, severity_label, where
from ..grouping import Group, group_findings
from ..terminal import SEVERITY_MARK, group_heading
from .source import ReportSource

# A rule's doc ends with how to fix what it finds, after this word (catalogue convention, checked
# for English by tests/test_catalogue.py; the Kazakh docs use both wordings).
_FIX_MARK = re.compile(r"(?:Fix|Как исправить|Қалай түзету|Түзету):\s*")


def fix_part(doc: str) -> str:
    """The "Fix: …" part of a rule's doc; the whole doc when it has no such part."""
    parts = _FIX_MARK.split(doc)
    return parts[-1].strip()


@dataclass(frozen=True)
class FindingView:
    severity: str
    mark: str  # a shape per severity, so the list reads the same without colour
    severity_text: str
    rule: str
    rule_title: str
    area: str
    message: str
    place: str
    measured: str
    expected: str
    clause: str
    fix: str


@dataclass
class GroupView:
    anchor: str
    heading: str
    level: int  # heading level: 3 for the course and modules, 4 for a module's lessons
    findings: list[FindingView] = field(default_factory=list)
    lessons: list["GroupView"] = field(default_factory=list)  # a module's lessons, nested so a filter hides both


def _view(finding: Finding, source: ReportSource, lang: str) -> FindingView:
    return FindingView(
        severity=finding.severity.value, mark=SEVERITY_MARK[finding.severity],
        severity_text=severity_label(finding.severity, lang), rule=finding.rule_id,
        rule_title=source.rule_title(finding.rule_id), area=source.rule_area(finding.rule_id),
        message=finding.text(lang), place=where(finding, lang),
        measured=measured_text(finding, lang) if finding.measured is not None else "",
        expected=expected_text(finding, lang) if finding.expected is not None else "",
        clause=finding.clause or "", fix=source.rule_fix(finding.rule_id))


def _anchor(group: Group) -> str:
    if group.is_course_wide:
        return "findings-course"
    name = group.lesson_id if group.is_lesson else group.module_id
    return "findings-" + re.sub(r"[^A-Za-z0-9_-]+", "-", str(name))


def finding_groups(source: ReportSource, lang: str) -> list[GroupView]:
    """The course, then each module holding its lessons (grouping's reading order, as a tree)."""
    top: list[GroupView] = []
    for group in group_findings(source.facts.findings, source.model):
        findings = [_view(f, source, lang) for f in group.findings]
        parent = top[-1] if top and group.is_lesson and top[-1].anchor == _module_anchor(group) else None
        if parent is not None:
            parent.lessons.append(GroupView(_anchor(group), group_heading(group, lang), 4, findings))
        else:
            # a lesson no module heads (the model does not know it) stands on its own, as a heading of level 3
            top.append(GroupView(_anchor(group), group_heading(group, lang), 3, findings))
    return top


def _module_anchor(group: Group) -> str:
    return _anchor(Group(group.module_id, group.module_title))


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    count: int


def severity_filters(source: ReportSource, lang: str) -> list[FilterOption]:
    findings = source.facts.findings
    return [FilterOption(s.value, f"{SEVERITY_MARK[s]} {severity_label(s, lang)}",
                         sum(1 for f in findings if f.severity == s)) for s in SEVERITIES]


def area_label(area: str, lang: str) -> str:
    key = f"report_html.area.{area}"
    return t(key, lang) if has_text(key) else area


def area_filters(source: ReportSource, lang: str) -> list[FilterOption]:
    counts: dict[str, int] = {}
    for finding in source.facts.findings:
        area = source.rule_area(finding.rule_id)
        counts[area] = counts.get(area, 0) + 1
    return [FilterOption(area, area_label(area, lang), n) for area, n in sorted(counts.items())]
