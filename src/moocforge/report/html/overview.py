"""The page's first section: the course as form 01 describes it, its size, and the findings by severity."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from ...findings import SEVERITIES
from ...forms.document import Table
from ...forms.form01 import course_description
from ...i18n import t
from ..common import count_text
from ..values import with_unit
from .source import ReportSource

# Form 01 items shown at the top: who made what, for whom, at which level and size. The rest
# (annotation, files, videos …) is what the sections below show in detail.
OVERVIEW_ITEMS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 11)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class SeverityCount:
    severity: str  # error, warning, info
    label: str  # "3 errors"
    count: int


def form01_facts(source: ReportSource, rubric, lang: str) -> list[Fact]:
    """Items of ATU form 01, worded exactly as the form itself writes them (forms.form01)."""
    # course_description reads only ``.model`` of the course it is given.
    form = course_description(SimpleNamespace(model=source.model), rubric, lang)
    table = next(block for block in form.blocks if isinstance(block, Table))
    rows = {int(row[0].text): row for row in table.rows[table.header_rows:]}
    return [Fact(rows[n][1].text, rows[n][2].text) for n in OVERVIEW_ITEMS if n in rows]


def totals(source: ReportSource, lang: str) -> list[Fact]:
    model = source.model
    evidence = source.facts.evidence
    lessons = sum(len(m.lessons) for m in model.modules)
    seconds = sum(source.facts.video_seconds(video)[1] or 0.0
                  for m in model.modules for lesson in m.lessons for video in lesson.videos)
    banks = [b for b in (evidence.get("quiz") or {}).values() if isinstance(b, dict) and b.get("role") != "survey"]
    facts = [Fact(t("report_html.total.modules", lang), str(len(model.modules))),
             Fact(t("report_html.total.lessons", lang), str(lessons)),
             Fact(t("report_html.total.outcomes", lang), str(len(model.all_outcome_ids()))),
             Fact(t("report_html.total.assessments", lang), str(len(model.assessments())))]
    if seconds:
        facts.append(Fact(t("report_html.total.video", lang), with_unit(seconds, "clock", lang)))
    if banks:
        facts.append(Fact(t("report_html.total.quiz_items", lang),
                          str(sum(b.get("question_count") or 0 for b in banks))))
    return facts


def severity_counts(source: ReportSource, lang: str) -> list[SeverityCount]:
    findings = source.facts.findings
    out = []
    for severity in SEVERITIES:
        n = sum(1 for f in findings if f.severity == severity)
        out.append(SeverityCount(severity.value, count_text(severity.value, n, lang), n))
    return out


def verdict(source: ReportSource, lang: str) -> tuple[bool, str]:
    """(passes, sentence): a course passes the check when no finding is an error."""
    errors = sum(1 for f in source.facts.findings if f.severity.value == "error")
    if errors:
        return False, t("report_html.verdict.fails", lang, n=errors)
    return True, t("report_html.verdict.passes", lang)
