"""What every report format shares: severity labels, the summary, places and values.

Each format decides how things look; this module decides what they say, so
the terminal, JUnit, SARIF and GitHub outputs never disagree about a count, a
path or how a measured value is written.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Iterable

from ..findings import INTERNAL_ERROR, SEVERITIES, Finding, Severity
from ..i18n import t
from .values import format_bound, format_quantity, format_time_span


def severity_label(severity: Severity, lang: str) -> str:
    return t(f"core.severity.{severity.value}", lang)


# ---------------------------------------------------------------- counting

def count_text(noun: str, count: int, lang: str) -> str:
    """"3 errors", "3 ошибки", "3 қате": ``noun`` is error, warning, info, finding or file."""
    return t(f"report.count.{noun}", lang, n=count)


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    info: int
    files: int  # distinct course files named by at least one finding

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.info


def summarise(findings: Iterable[Finding]) -> Summary:
    findings = list(findings)
    by_severity = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    files = {f.file for f in findings if f.file}
    return Summary(by_severity[Severity.ERROR], by_severity[Severity.WARNING], by_severity[Severity.INFO], len(files))


def summary_line(summary: Summary, lang: str) -> str:
    """The closing line of a report: "3 errors, 1 warning, 0 info in 2 files"."""
    if summary.total == 0:
        return t("report.no_findings", lang)
    # "in 0 files" reads oddly when every finding is about the course as a whole
    key = "report.summary" if summary.files else "report.summary_no_files"
    return t(key, lang,
             errors=count_text("error", summary.errors, lang),
             warnings=count_text("warning", summary.warnings, lang),
             info=count_text("info", summary.info, lang),
             files=count_text("file", summary.files, lang))


# ---------------------------------------------------------------- rules
# A result carries the rules that ran (``result.rules``), so reporters need
# not import the registry: what they show of a rule comes from there.

def rule_of(result, finding: Finding) -> Any:
    return result.rules.get(finding.rule_id)


def rule_title(result, finding: Finding, lang: str) -> str:
    found = rule_of(result, finding)
    if found:
        return found.title(lang, result.profile)
    # A pseudo-rule such as LOAD (the course could not be read) has a title in the catalogue only.
    title = t(f"{finding.rule_id}.title", lang)
    return finding.rule_id if title == f"{finding.rule_id}.title" else title


def rule_area(result, finding: Finding) -> str:
    found = rule_of(result, finding)
    return found.area if found else "other"


def is_internal_error(finding: Finding) -> bool:
    """A rule that crashed (not a problem of the course, a bug of moocforge)."""
    return finding.message == INTERNAL_ERROR


def rules_in(result) -> list[Any]:
    """The rules the findings name (suppressed and known ones too), by id, each once."""
    seen: dict[str, Any] = {}
    for finding in all_findings(result):
        found = rule_of(result, finding)
        if found is not None:
            seen.setdefault(found.id, found)
    return [seen[k] for k in sorted(seen)]


# ---------------------------------------------------------------- what CI set aside
# Suppressed findings (justified exceptions) and known ones (the baseline) do
# not fail the run; every format still counts them, and those that list
# findings one by one carry them with the reason (moocforge.ci).

def suppressed_findings(result) -> list[Finding]:
    return [item.finding for item in result.suppressed]


def known_findings(result) -> list[Finding]:
    return list(result.baseline.known) if result.baseline is not None else []


def all_findings(result) -> list[Finding]:
    """Active, suppressed and known findings: everything the check found."""
    return [*result.findings, *suppressed_findings(result), *known_findings(result)]


def set_aside_line(result, lang: str) -> str | None:
    """"2 suppressed by exceptions · 12 known from the baseline · 1 fixed since it · …"; None when nothing was."""
    parts = []
    if result.suppressed:
        parts.append(t("report.set_aside.suppressed", lang, n=len(result.suppressed)))
    baseline = result.baseline
    if baseline is not None:
        parts.append(t("report.set_aside.known", lang, n=len(baseline.known)))
        parts.append(t("report.set_aside.fixed", lang, n=sum(entry.count for entry in baseline.fixed)))
    changes = result.changes
    if changes is not None:
        parts.append(t("report.set_aside.unchanged", lang, n=changes.left_out, ref=changes.ref))
    return " · ".join(parts) or None


def fixed_lines(result, lang: str) -> list[str]:
    """One line per baseline entry that is gone: rule, file, the message recorded (× how many)."""
    if result.baseline is None:
        return []
    lines = []
    for entry in result.baseline.fixed:
        times = f" (×{entry.count})" if entry.count > 1 else ""
        place = f" {entry.file}" if entry.file else ""
        lines.append(t("report.fixed_entry", lang, entry=f"{entry.rule}{place}: {entry.message}{times}"))
    return lines


# ---------------------------------------------------------------- places

def descriptor_file(result) -> str:
    """The descriptor's course-relative name: where a finding without a file points."""
    return result.course.descriptor_name


def repository_root(start: Path) -> Path | None:
    """Where CI paths are read from: ``GITHUB_WORKSPACE``, else the git work tree holding ``start``."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def course_folder(result) -> str:
    """The course folder, '/'-separated, as CI annotations must name it: from the repository
    root (``GITHUB_WORKSPACE`` or the git top level) whichever folder moocforge runs in; outside
    a repository, from the working directory, or as the user typed it."""
    given = Path(result.course.root)
    absolute = given.resolve()
    for base in (repository_root(absolute), Path.cwd().resolve()):
        if base is None:
            continue
        try:
            return PurePath(absolute.relative_to(base)).as_posix()
        except ValueError:
            continue
    return PurePath(given).as_posix()


def repository_path(result, course_relative: str | None) -> str:
    """A file's path from the repository root: the course folder joined with
    the course-relative path (the descriptor when the finding names no file)."""
    rel = course_relative or descriptor_file(result)
    if not result.course.is_course:
        return PurePath(rel).as_posix()  # a loose file, named as the user named it
    return posixpath.normpath(posixpath.join(course_folder(result), rel))


def position_text(finding: Finding, lang: str) -> str:
    """Where inside the file, finer than a line: "slide 7", "page 2", "04:12–04:31"."""
    location = finding.location
    if location.slide is not None:
        return t("report.slide", lang, n=location.slide)
    if location.page is not None:
        return t("report.page", lang, n=location.page)
    return format_time_span(location.start, location.end)


def where(finding: Finding, lang: str = "en") -> str:
    """file:line, file (position), or the position alone; empty when the finding has no place."""
    text = finding.file or ""
    if finding.file and finding.line:
        text += f":{finding.line}"
    position = position_text(finding, lang)
    if position:
        text = f"{text} ({position})" if text else position
    return text


# ---------------------------------------------------------------- values

def measured_text(finding: Finding, lang: str) -> str:
    return format_quantity(finding.measured, lang)


def expected_text(finding: Finding, lang: str) -> str:
    return format_bound(finding.expected, lang)


def details_text(finding: Finding, lang: str) -> str:
    """"measured: 3 · expected: 4–6 · clause: ATU §8.1": what stands after the message."""
    parts = []
    if finding.measured is not None:
        parts.append(f"{t('report.measured', lang)}: {measured_text(finding, lang)}")
    if finding.expected is not None:
        parts.append(f"{t('report.expected', lang)}: {expected_text(finding, lang)}")
    if finding.clause:
        parts.append(f"{t('core.clause', lang)}: {finding.clause}")
    return " · ".join(parts)
