"""``moocforge check``: a course folder against the regulation, file by file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import (FAIL_ON_OPTION, FORMAT_OPTION, JOBS_OPTION, LANG_OPTION, OUTPUT_OPTION, PROFILE_OPTION,
                     FailOn, Language, OutputFormat, finish_check, shows_progress, write_report)


# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 10

def check(
    course_dir: Path = typer.Argument(..., help="The course folder (the one holding course.yaml)."),
    format: OutputFormat = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    profile: Optional[str] = PROFILE_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    fail_on: FailOn = FAIL_ON_OPTION,
    online: bool = typer.Option(False, "--online", help="Also check that external links answer (§9.4)."),
    deep: bool = typer.Option(False, "--deep", help="Decode media for loudness, silence, black frames … (slow)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached media facts and read every file again."),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Only rules whose id starts with this (repeatable)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Skip rules whose id starts with this (repeatable)."),
    jobs: Optional[int] = JOBS_OPTION,
) -> None:
    """Check a course folder against the regulation, file by file.

    Exit code: 0 no finding at or above --fail-on; 1 findings at or above --fail-on; 2 usage error or unreadable course.

    Examples:
      moocforge check sample_course
      moocforge check my_course --format sarif -o results.sarif
      moocforge check my_course --lang ru --fail-on warning
    """
    from ..check import failed_result, run_check
    from ..errors import UserError
    from ..inspect import InspectOptions

    options = InspectOptions(online=online, deep=deep, use_cache=not no_cache, jobs=jobs,
                             progress=shows_progress(format, output))
    try:
        result = run_check(course_dir, profile=profile, options=options, select=select, ignore=ignore)
    except UserError as exc:
        # CI reads the report, not stderr: a course that cannot be read still gets one
        # (and an older report at -o is replaced, never left to mislead).
        if output is not None or format.value != "terminal":
            write_report(failed_result(course_dir, exc), format, lang, output, fail_on)
        raise
    finish_check(result, format, lang, output, fail_on)


def register(app) -> None:
    app.command()(check)
