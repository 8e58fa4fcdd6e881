"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=course/course.yaml,line=38,title=ST101 · …::message`` makes GitHub
show the finding on that line of the pull request. Paths are read from the
repository root, so each is the course folder as given on the command line
joined with the course-relative file (see ``common.repository_path``).
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .common import (details_text, fixed_lines, position_text, repository_path, rule_title, set_aside_line, summarise,
                     summary_line)

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: GitHub decodes %25, %0D and %0A back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: ':' and ',' would end it early."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, result, lang: str) -> str:
    properties = {"file": repository_path(result, finding.file)}
    if finding.line:
        properties["line"] = str(finding.line)
    properties["title"] = f"{finding.rule_id} · {rule_title(result, finding, lang)}"
    message = finding.text(lang)
    position = position_text(finding, lang)
    if position:
        message = f"{position}: {message}"
    details = details_text(finding, lang)
    if details:
        message += "\n" + details  # annotations show several lines
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def render(result, lang: str) -> str:
    lines = [annotation(f, result, lang) for f in result.findings]
    # A plain line, not a command: it shows in the step log without adding an annotation.
    lines.append(f"moocforge: {summary_line(summarise(result.findings), lang)}")
    set_aside = set_aside_line(result, lang)
    if set_aside:
        lines.append(f"moocforge: {set_aside}")
    lines += [f"moocforge: {line}" for line in fixed_lines(result, lang)]
    return "\n".join(lines) + "\n"
