"""What every command shares: option types, the language, usage errors, writing and rendering results."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import UserError
from ..findings import Severity
from ..languages import Language
from ..report import REPORT_FORMATS

__all__ = ["FailOn", "Language", "OutputFormat", "SimpleFormat", "UsageProblem", "finish_check",
           "resolve_language", "write_output"]


class UsageProblem(UserError):
    """Bad option values or arguments: the CLI prints one message and exits 2."""


class SimpleFormat(str, enum.Enum):
    """Output of commands that print either a table for people or JSON for programs."""

    terminal = "terminal"
    json = "json"


# One choice per reporter module, so a new reporter is offered by every checking command.
OutputFormat = enum.Enum("OutputFormat", {name: name for name in REPORT_FORMATS}, type=str)
# --fail-on takes a severity name.
FailOn = enum.Enum("FailOn", {item.value: item.value for item in Severity}, type=str)


def console(stderr: bool = False):
    """A rich console that wraps at the terminal's width, and not at all into a pipe or a file."""
    from rich.console import Console

    from ..report.output_style import UNWRAPPED_WIDTH, report_width

    width = report_width(to_file=False, stream=sys.stderr if stderr else sys.stdout)
    return Console(stderr=stderr, width=width, soft_wrap=width == UNWRAPPED_WIDTH)


def resolve_language(lang: Optional[Language], course_language: str | None = None) -> str:
    """--lang wins, then the course's language, then the system locale."""
    from ..i18n import choose_language

    return choose_language(lang.value if lang else None, course_language)


def write_output(text: str, output: Optional[Path]) -> None:
    """Print to stdout, or write where ``-o`` points (``-``, a device, a FIFO, a link, a file)."""
    from .. import fileio

    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()  # anything printed before stays before the report on a shared stdout
    fileio.write_output(output, text.encode("utf-8"))


def to_stdout(output: Optional[Path]) -> bool:
    return output is None or str(output) in ("-", "/dev/stdout")


def shows_progress(format: "OutputFormat", output: Optional[Path]) -> bool:
    """A progress display only for a person watching a terminal report."""
    return format.value == "terminal" and to_stdout(output) and sys.stderr.isatty()


def write_report(result, format: "OutputFormat", lang: Optional[Language], output: Optional[Path],
                 fail_on: "FailOn") -> str:
    """Render a check result in its format and language and write it (stdout or -o); return the text."""
    from ..report import render_report

    language = resolve_language(lang, result.course.model.language)
    text = render_report(result, format.value, language, to_file=not to_stdout(output),
                         fail_on=Severity(fail_on.value))
    write_output(text, output)
    return text


def finish_check(result, format: "OutputFormat", lang: Optional[Language], output: Optional[Path],
                 fail_on: "FailOn") -> None:
    """Write the report, then exit 1 when a finding is at or above --fail-on, else 0."""
    write_report(result, format, lang, output, fail_on)
    raise typer.Exit(exit_code(result, fail_on))


def exit_code(result, fail_on: "FailOn") -> int:
    """1 when a finding is at or above --fail-on, else 0."""
    return 1 if result.fails(Severity(fail_on.value)) else 0


# Options shared by every checking command (check, media check, media qc, quiz lint).
FORMAT_OPTION = typer.Option(OutputFormat["terminal"], "--format", "-f", help="Report format.")
OUTPUT_OPTION = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout.")
FAIL_ON_OPTION = typer.Option(FailOn["error"], "--fail-on", help="Lowest severity that makes the exit code 1.")
LANG_OPTION = typer.Option(None, "--lang", "-l",
                           help="Report language (kk, ru, en); default: the course's language, then the system locale.")
PROFILE_OPTION = typer.Option(None, "--profile", "-p",
                              help="Profile name (atu-2025, kaznu, mes-2020) or path to a profile .yaml.")
JOBS_OPTION = typer.Option(None, "--jobs", "-j", min=1, help="Files read in parallel (default: number of cores).")
NO_CACHE_OPTION = typer.Option(False, "--no-cache", help="Read every file again instead of using cached results.")
# Shared by the commands that score, print forms or draw the report.
RUBRIC_OPTION = typer.Option(None, "--rubric", help="Rubric name (atu-2025) or path to a rubric .yaml.")
COURSE_OR_SAVED_ARGUMENT = typer.Argument(None, help="The course folder (may be left out with --from).")
