"""``moocforge check``: a course folder against the regulation, file by file.

Settings come from the course (``check:`` in course.yaml, or moocforge.toml)
and the command line, which wins; ``--show-config`` prints them with their
sources. The CI options (``--baseline``, ``--write-baseline``,
``--changed-since``, ``--report``) are described in docs/ci.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import (FORMAT_OPTION, JOBS_OPTION, LANG_OPTION, OUTPUT_OPTION, PROFILE_OPTION, FailOn, Language,
                     OutputFormat, UsageProblem, console, exit_code, resolve_language, shows_progress, to_stdout,
                     write_output, write_report)

# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 10


def check(
    course_dir: Path = typer.Argument(..., help="The course folder (the one holding course.yaml)."),
    format: OutputFormat = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    profile: Optional[str] = PROFILE_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    # None: not given, so the course's setting (or the default, error) applies.
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on",
                                             help="Lowest severity that makes the exit code 1 (default: error)."),
    online: Optional[bool] = typer.Option(None, "--online/--no-online",
                                          help="Also check that external links answer (§9.4)."),
    deep: Optional[bool] = typer.Option(None, "--deep/--no-deep",
                                        help="Decode media for loudness, silence, black frames … (slow)."),
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Check in full: no replay of the last report, no cached media facts."),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Only rules whose id starts with this (repeatable)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Skip rules whose id starts with this (repeatable)."),
    jobs: Optional[int] = JOBS_OPTION,
    show_config: bool = typer.Option(False, "--show-config",
                                     help="Print the effective settings and where each came from, then exit."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE",
                                            help="Fail only on findings this baseline does not record."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", metavar="FILE",
                                                  help="Record today's findings as the baseline in FILE, then exit 0."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", metavar="REF",
                                                help="Report file-level findings only for files changed since this "
                                                     "git reference (course-level rules still run)."),
    reports: Optional[list[str]] = typer.Option(None, "--report", metavar="FORMAT=FILE",
                                                help="Also write the report in FORMAT to FILE (repeatable), "
                                                     "e.g. --report sarif=moocforge.sarif."),
) -> None:
    """Check a course folder against the regulation, file by file.

    Exit code: 0 no finding at or above --fail-on; 1 findings at or above --fail-on; 2 usage error or unreadable course.

    Examples:
      moocforge check sample_course
      moocforge check my_course --format sarif -o results.sarif
      moocforge check my_course --lang ru --fail-on warning
      moocforge check my_course --show-config
      moocforge check my_course --write-baseline .moocforge-baseline.json
      moocforge check my_course --baseline .moocforge-baseline.json --changed-since origin/main
    """
    if baseline is not None and write_baseline is not None:
        raise UsageProblem("ci.cli.baseline_and_write", hint="ci.cli.baseline_and_write_hint")
    extra = [_report_target(value) for value in reports or ()]
    given = {"profile": profile, "select": select, "ignore": ignore, "fail_on": fail_on.value if fail_on else None,
             "lang": lang.value if lang else None, "deep": deep, "online": online}
    replayable = not (show_config or online or extra or baseline or write_baseline or changed_since)
    replay = _replay(course_dir, given, format, output, read=not no_cache) if replayable else None
    if replay is not None:
        kept = replay.lookup()
        if kept is not None:
            write_output(kept.text, output)
            raise typer.Exit(kept.exit_code)
    with _recording(replay) as opened:
        result, settings = _run(course_dir, given, format, output, no_cache, jobs, show_config, baseline,
                                changed_since, extra)
        if write_baseline is not None:
            _write_baseline(result, write_baseline, _language(settings))
            raise typer.Exit(0)
        for fmt, path in extra:
            write_report(result, fmt, _language(settings), path, _fail_on(settings))
        text = write_report(result, format, _language(settings), output, _fail_on(settings))
    code = exit_code(result, _fail_on(settings))
    if replay is not None and not settings.value("online"):
        replay.store(text, code, opened)
    raise typer.Exit(code)


def _run(course_dir: Path, given: dict, format: OutputFormat, output: Optional[Path], no_cache: bool,
         jobs: Optional[int], show_config: bool, baseline: Optional[Path], changed_since: Optional[str],
         extra: list[tuple[OutputFormat, Path]]):
    """Load the course and check it; the result and the settings it ran with."""
    from ..check import failed_result, run_check
    from ..ci.settings import CheckSettings, settings_for
    from ..course.loader import load_course
    from ..errors import UserError
    from ..inspect import InspectOptions

    settings = CheckSettings().overridden(**given)
    try:
        loaded = load_course(course_dir)
        settings = settings_for(loaded).overridden(**given)
        if show_config:
            _show_config(settings, loaded, format)
            raise typer.Exit(0)
        options = InspectOptions(online=settings.value("online"), deep=settings.value("deep"), use_cache=not no_cache,
                                 jobs=jobs, progress=shows_progress(format, output))
        return run_check(loaded, settings=settings, options=options, baseline=_baseline(baseline),
                         changes=_changes(course_dir, changed_since)), settings
    except UserError as exc:
        # CI reads the report, not stderr: a course that cannot be read still gets one
        # (and an older report at -o is replaced, never left to mislead).
        if output is not None or format.value != "terminal" or extra:
            failed = failed_result(course_dir, exc)
            for fmt, path in extra:
                write_report(failed, fmt, _language(settings), path, _fail_on(settings))
            if output is not None or format.value != "terminal":
                write_report(failed, format, _language(settings), output, _fail_on(settings))
        raise


# ---------------------------------------------------------------- replaying the last report (check_replay)

def _replay(course_dir: Path, given: dict, format: OutputFormat, output: Optional[Path], *, read: bool):
    """The kept report of this command line for this course folder (None: not a folder)."""
    import os

    from ..check_replay import Replay, enabled
    from ..report.common import repository_root

    if not enabled() or not course_dir.is_dir():
        return None  # a file, a FIFO, a dangling link: load_course says what is wrong, every time
    root = course_dir.resolve()
    request = {"course": str(course_dir), "cwd": os.getcwd(), "repository": str(repository_root(root)),
               "format": format.value, "to_stdout": to_stdout(output), "given": given}
    return Replay(root, request, read=read)


def _recording(replay):
    """Files read outside the course while it is checked (a profile by path …), for the replay to watch."""
    from contextlib import nullcontext

    from ..check_replay import files_opened

    return files_opened() if replay is not None else nullcontext([])


def _language(settings) -> Optional[Language]:
    value = settings.value("lang")
    return Language(value) if value else None


def _fail_on(settings) -> FailOn:
    return FailOn(settings.value("fail_on"))


def _report_target(value: str) -> tuple[OutputFormat, Path]:
    """``FORMAT=FILE`` of --report."""
    name, equals, file = value.partition("=")
    if not equals or not file or name.strip() not in OutputFormat.__members__:
        raise UsageProblem("ci.cli.bad_report", value=value, formats=", ".join(OutputFormat.__members__))
    return OutputFormat(name.strip()), Path(file)


def _baseline(path: Optional[Path]):
    from ..ci.baseline import read_baseline

    return read_baseline(path) if path is not None else None


def _changes(course_dir: Path, ref: Optional[str]):
    from ..ci.changes import changed_files

    return changed_files(course_dir, ref) if ref is not None else None


def _show_config(settings, loaded, format: OutputFormat) -> None:
    import json

    from ..report.settings_view import print_settings, settings_document
    from ..report.jsonable import to_jsonable

    if format.value == "json":
        write_output(json.dumps(to_jsonable(settings_document(settings)), ensure_ascii=False, indent=2), None)
        return
    print_settings(console(), settings, str(loaded.root), resolve_language(_language(settings), loaded.model.language))


def _write_baseline(result, path: Path, lang: Optional[Language]) -> None:
    """Record every finding of ``result`` as known, in ``path``; say how many."""
    import json

    from .. import fileio
    from ..ci.baseline import baseline_document
    from ..i18n import t

    language = resolve_language(lang, result.course.model.language)
    document = baseline_document(result.findings, result.fingerprint, lambda finding: finding.text(language))
    fileio.write_output(path, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    typer.echo(t("ci.baseline.written", language, path=str(path), n=len(result.findings)))


def register(app) -> None:
    app.command()(check)
