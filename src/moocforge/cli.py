"""The ``moocforge`` command line: thin typer commands that call one function each."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from . import __version__
from .cli_common import FailOn, Language, UsageProblem, resolve_language
from .course.errors import CourseError
from .fileio import write_atomically
from .profiles import ProfileError
from .report import REPORT_FORMATS

app = typer.Typer(
    name="moocforge",
    help="Validate, review, transcode and package MOOCs against the ATU MOOC regulation "
    "(АТУ-ЖИЦДО-ІӘЕ-7.5.1-2025-02) and related Kazakh regulations.\n\n"
    "Example: moocforge check sample_course",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True)


# One choice per reporter module, so a new reporter is offered without editing this file.
OutputFormat = enum.Enum("OutputFormat", {name: name for name in REPORT_FORMATS}, type=str)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"moocforge {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version_callback, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """moocforge: one tool for making and reviewing MOOCs."""


def _write_output(text: str, output: Optional[Path]) -> None:
    """Write to a file atomically (temporary name, then rename), or to stdout."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_atomically(output, text.encode("utf-8"))


@app.command()
def check(
    course_dir: Path = typer.Argument(..., help="The course folder (the one holding course.yaml)."),
    format: OutputFormat = typer.Option(OutputFormat.terminal, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout."),
    profile: Optional[str] = typer.Option(None, "--profile", "-p",
                                          help="Profile name (atu-2025, kaznu, mes-2020) or path to a profile .yaml."),
    lang: Optional[Language] = typer.Option(None, "--lang", "-l",
                                            help="Report language; default: the course's language, then the system locale."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Lowest severity that makes the exit code 1."),
    online: bool = typer.Option(False, "--online", help="Also check that external links answer (§9.4)."),
    deep: bool = typer.Option(False, "--deep", help="Decode media for loudness, silence, black frames … (slow)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached media facts and read every file again."),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Only rules whose id starts with this (repeatable)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Skip rules whose id starts with this (repeatable)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Parallel workers for media (default: cores)."),
) -> None:
    """Check a course folder against the regulation, file by file.

    Exit code: 0 no error-level finding; 1 findings at or above --fail-on; 2 usage error or unreadable course.

    Examples:
      moocforge check sample_course
      moocforge check my_course --format sarif -o results.sarif
      moocforge check my_course --lang ru --fail-on warning
    """
    from .check import run_check
    from .inspect import InspectOptions
    from .report import render_report
    from .rules.registry import Severity

    options = InspectOptions(online=online, deep=deep, use_cache=not no_cache, jobs=jobs,
                             progress=format == OutputFormat.terminal and output is None and sys.stderr.isatty())
    result = run_check(course_dir, profile=profile, options=options, select=select, ignore=ignore)
    language = resolve_language(lang, result.course.model.language)
    threshold = Severity(fail_on.value)
    text = render_report(result, format.value, language, to_file=output is not None, fail_on=threshold)
    _write_output(text, output)
    raise typer.Exit(1 if result.fails(threshold) else 0)


@app.command()
def rules(
    rule_id: Optional[str] = typer.Argument(None, help="A rule id (ST101) or name (module-count) to explain."),
    lang: Optional[Language] = typer.Option(None, "--lang", "-l", help="Language of titles and docs."),
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="Profile whose thresholds to show."),
) -> None:
    """List the rule catalogue, or explain one rule.

    Examples:
      moocforge rules
      moocforge rules ST101 --lang kk
    """
    from .profiles import load_profile
    from .report.catalogue import print_rule, print_rules
    from .rules.registry import all_rules, get_rule

    language = resolve_language(lang)
    console = Console()
    if rule_id is None:
        print_rules(console, all_rules(), language)
        return
    found = get_rule(rule_id)
    if found is None:
        raise UsageProblem(f"no rule {rule_id!r}; `moocforge rules` lists them all")
    print_rule(console, found, language, load_profile(profile))


@app.command()
def schema() -> None:
    """Print the JSON Schema of course.yaml, for editors (YAML language server) and CI.

    Example:
      moocforge schema > course.schema.json
    """
    import json

    from .course.scaffold import course_schema

    typer.echo(json.dumps(course_schema(), ensure_ascii=False, indent=2))


@app.command()
def init(
    course_dir: Path = typer.Argument(..., help="Folder to create the course in (new or empty)."),
    modules: int = typer.Option(4, "--modules", "-m", min=1, max=12, help="Number of modules (weeks)."),
    lessons: int = typer.Option(2, "--lessons", min=1, max=8, help="Lessons per module."),
    lang: Language = typer.Option(Language.kk, "--lang", "-l", help="Language of the course and its templates."),
    title: Optional[str] = typer.Option(None, "--title", help="Course title."),
) -> None:
    """Create a course skeleton that `check` reads without structural errors.

    What check then reports is only the content still to be supplied.

    Examples:
      moocforge init my_course
      moocforge init my_course --modules 5 --lang ru --title "Деректер қоры"
    """
    from .course.scaffold import create_course

    created = create_course(course_dir, modules=modules, lessons=lessons, lang=lang.value, title=title)
    Console().print(f"created {course_dir} ({len(created)} files); next: moocforge check {course_dir}")


@app.command("profiles")
def profiles_cmd(
    name: Optional[str] = typer.Argument(None, help="Profile to show with every value and its clause."),
) -> None:
    """List the built-in profiles, or show one profile's values and clauses.

    Examples:
      moocforge profiles
      moocforge profiles kaznu
    """
    from rich.table import Table

    from .profiles import builtin_profiles, load_profile

    console = Console()
    if name is None:
        for item in builtin_profiles():
            prof = load_profile(item)
            console.print(f"[bold]{item}[/bold]  {prof.title}  (extends: {' → '.join(prof.chain[:-1]) or '—'})")
        return
    prof = load_profile(name)
    table = Table(title=f"{prof.name}: {prof.title}")
    for column in ("value", "setting", "clause"):
        table.add_column(column)
    for key, threshold in prof.flat().items():
        table.add_row(key, str(threshold.value), threshold.clause or "")
    console.print(table)


def _register_subcommands() -> None:
    from .inspect.media_cli import app as media_app
    from .quiz.cli import app as quiz_app

    app.add_typer(quiz_app, name="quiz")
    app.add_typer(media_app, name="media")


_register_subcommands()


def main() -> None:
    """Entry point: every error a user can cause ends in one message and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (CourseError, ProfileError, UsageProblem) as exc:
        err_console.print(f"[bold red]error:[/bold red] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        # Typer may vendor click, so recognise its exceptions by shape, not class.
        if type(exc).__name__ == "Abort":
            err_console.print("aborted")
            sys.exit(130)
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("MOOCFORGE_DEBUG"):
            raise
        err_console.print(f"[bold red]internal error:[/bold red] {type(exc).__name__}: {exc}\n"
                          "  this is a moocforge bug; rerun with MOOCFORGE_DEBUG=1 for details and report it",
                          highlight=False)
        sys.exit(3)
    if code == 130:  # typer turns Ctrl-C into a quiet 130; say what happened
        err_console.print("interrupted")
    sys.exit(code if isinstance(code, int) else 0)
