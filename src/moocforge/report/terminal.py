"""The report a teacher reads in a terminal: grouped by module and lesson.

Each finding takes two lines: what is wrong in the reader's language, then,
dimmed, where it is and the numbers behind it::

    Бүкіл курс бойынша
      ✖ қате     ST101  курста 3 модуль бар; 4–6 болуы тиіс
                        course.yaml:38 · өлшенгені: 3 · болуы тиіс: 4–6 · тармақ: ATU §8.1

The message comes first because it is what a person acts on; the file and
clause are there to look up. Colour only when stdout is a terminal (or
FORCE_COLOR asks for it) and never when NO_COLOR is set, so that redirected
output and files stay plain text.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..i18n import t
from ..findings import SEVERITIES, Finding, Severity
from .common import details_text, fixed_lines, set_aside_line, severity_label, summarise, summary_line, where
from .grouping import Group, group_findings
from .media_views import evidence_views
from .output_style import report_width, wants_color

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
# A shape per severity, so the report reads the same without colour.
SEVERITY_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "•"}


def render(result, lang: str, *, color: bool | None = None, width: int | None = None) -> str:
    """The whole report as text; ANSI styles only when ``color`` (default: auto)."""
    color = wants_color() if color is None else color
    width = width or report_width(to_file=not color)
    console = Console(file=StringIO(), force_terminal=color, color_system="auto" if color else None,
                      no_color=not color, width=width, highlight=False, emoji=False, markup=False)
    _header(console, result, lang)
    columns = _column_widths(result.findings, lang)
    if result.course.is_course:
        for group in group_findings(result.findings, result.course.model):
            _group(console, group, lang, columns)
    else:
        _loose_files(console, result, lang, columns)
    console.print()
    summary = summarise(result.findings)
    console.print(Text(summary_line(summary, lang), style=_summary_style(summary)))
    # Suppressed and known findings are not listed (that is what excusing them is for), only counted.
    set_aside = set_aside_line(result, lang)
    if set_aside:
        console.print(Text(set_aside, style="dim"))
    for line in fixed_lines(result, lang):
        console.print(Text(line, style="green"))
    # rich pads lines to the console width; a saved report should not carry that
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"


def _column_widths(findings: list[Finding], lang: str) -> tuple[int, int]:
    """Severity and rule-id widths shared by every group, so all groups line up."""
    severity = max(len(_severity_text(s, lang)) for s in Severity)
    rule_id = max((len(f.rule_id) for f in findings), default=0)
    return severity, rule_id


def _header(console: Console, result, lang: str) -> None:
    if not result.course.is_course:
        console.print(Text(t("report.files_line", lang, count=len(result.course.refs), profile=result.profile.name),
                           style="dim"))
        return
    model = result.course.model
    console.print(Text(t("report.title_line", lang, title=model.title or t("report.untitled", lang)), style="bold"))
    console.print(Text(t("report.meta_line", lang, folder=result.course.root, profile=result.profile.name), style="dim"))


def group_heading(group: Group, lang: str) -> str:
    """The translated heading of a group: "Бүкіл курс бойынша", "M1 модулі · …", "M1.L2 сабағы · …"."""
    if group.is_course_wide:
        return t("report.course_wide", lang)
    if group.is_lesson:
        key = "report.lesson_heading" if group.lesson_title else "report.lesson_heading_untitled"
        return t(key, lang, id=group.lesson_id, title=group.lesson_title)
    key = "report.module_heading" if group.module_title else "report.module_heading_untitled"
    return t(key, lang, id=group.module_id, title=group.module_title)


def _group(console: Console, group: Group, lang: str, columns: tuple[int, int]) -> None:
    indent = 4 if group.is_lesson else 2
    console.print()
    heading_style = "bold" if group.is_lesson else "bold underline"
    console.print(Padding(Text(group_heading(group, lang), style=heading_style), (0, 0, 0, indent - 2), expand=False))
    _rows(console, group.findings, lang, columns, indent)


def _loose_files(console: Console, result, lang: str, columns: tuple[int, int]) -> None:
    """Files named on the command line: one section per file, its evidence, then its findings."""
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.file or "", []).append(finding)
    for ref in result.course.refs:
        findings = sorted(by_file.pop(ref.path, []),
                          key=lambda f: (SEVERITIES.index(f.severity), f.line or 0, f.rule_id))
        views = evidence_views(result, ref.path, lang)
        if not findings and not views:
            continue
        console.print()
        console.print(Text(ref.path, style="bold"))
        for view in views:
            console.print(Padding(view, (0, 0, 0, 2), expand=False))
        _rows(console, findings, lang, columns, indent=2)
    for path, findings in by_file.items():  # findings about no listed file (none expected)
        console.print()
        console.print(Text(path or t("report.course_wide", lang), style="bold"))
        _rows(console, findings, lang, columns, indent=2)


def _rows(console: Console, findings: list[Finding], lang: str, columns: tuple[int, int], indent: int) -> None:
    if not findings:
        return
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, min_width=columns[0])
    table.add_column(no_wrap=True, min_width=columns[1])
    table.add_column(overflow="fold")
    for finding in findings:
        table.add_row(_severity_cell(finding, lang), Text(finding.rule_id, style="bold"), _body_cell(finding, lang))
    console.print(Padding(table, (0, 0, 0, indent), expand=False))


def _severity_text(severity: Severity, lang: str) -> str:
    return f"{SEVERITY_MARK[severity]} {severity_label(severity, lang)}"


def _severity_cell(finding: Finding, lang: str) -> Text:
    return Text(_severity_text(finding.severity, lang), style=SEVERITY_STYLE[finding.severity])


def _body_cell(finding: Finding, lang: str) -> Text:
    body = Text(finding.text(lang))
    second = " · ".join(part for part in (where(finding, lang), details_text(finding, lang)) if part)
    if second:
        body.append("\n")
        body.append(second, style="dim")
    return body


def _summary_style(summary) -> str:
    if summary.errors:
        return "bold red"
    if summary.warnings:
        return "bold yellow"
    return "bold green"
