"""The ``moocforge`` command line: the typer app, its commands, and the one exit-code policy.

Each command lives in a module of this package as a thin function (parse
options, call one job, render); this module only assembles them and turns
every error a user can cause into one message and exit code 2.
"""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..course.errors import CourseError
from ..profiles import ProfileError
from ..rules.registry import UnknownRuleSelector
from . import catalogue, check, init, media, quiz
from .common import UsageProblem

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


app.command()(check.check)
app.command()(catalogue.rules)
app.command("profiles")(catalogue.profiles)
app.command()(catalogue.schema)
app.command()(init.init)
app.add_typer(quiz.app, name="quiz")
app.add_typer(media.app, name="media")


def _usage_message(exc: Exception) -> str:
    if isinstance(exc, UnknownRuleSelector):
        hint = f"; did you mean {exc.closest}?" if exc.closest else ""
        return f"{exc}{hint} (`moocforge rules` lists them all)"
    return str(exc)


def main() -> None:
    """Entry point: every error a user can cause ends in one message and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (CourseError, ProfileError, UsageProblem, UnknownRuleSelector) as exc:
        err_console.print(f"[bold red]error:[/bold red] {escape(_usage_message(exc))}", highlight=False)
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
