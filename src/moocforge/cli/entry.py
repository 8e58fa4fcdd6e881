"""The ``moocforge`` command line: the typer app, its commands, and the one exit-code policy.

Each command lives in a module of this package as a thin function (parse
options, call one job, render); this module only assembles them and turns
every error a user can cause into one message and exit code 2.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import signal
import sys

import typer
from rich.markup import escape

from .. import __version__
from ..errors import UserError
from ..i18n import choose_language, t
from .common import console

app = typer.Typer(
    name="moocforge",
    help="Check MOOC course folders, quiz banks and lecture video against the ATU MOOC regulation "
    "(АТУ-ЖИЦДО-ІӘЕ-7.5.1-2025-02) and related Kazakh regulations.\n\n"
    "Example: moocforge check sample_course",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


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


def _register_commands() -> None:
    """Every module of this package with a ``register(app)`` adds its commands, in ``ORDER``.

    A new command is one new module here; nothing else needs editing.
    """
    package = importlib.import_module(__package__)
    modules = [importlib.import_module(f"{__package__}.{info.name}")
               for info in pkgutil.iter_modules(package.__path__) if info.name not in ("entry", "common")]
    for module in sorted((m for m in modules if hasattr(m, "register")), key=lambda m: getattr(m, "ORDER", 100)):
        module.register(app)


_register_commands()


def error_language(argv: list[str]) -> str:
    """The language of an error message: --lang if the command line gives one, else the system locale.

    An error may come before any course is read (its language unknown), so the
    command line and the locale decide.
    """
    for i, arg in enumerate(argv):
        if arg in ("--lang", "-l") and i + 1 < len(argv):
            return choose_language(argv[i + 1])
        if arg.startswith("--lang="):
            return choose_language(arg.split("=", 1)[1])
    return choose_language(None)


# Exit codes: 0 clean, 1 findings (or a failed file), 2 usage error, 3 a moocforge bug,
# 130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM (timeout, CI cancellation).
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(BaseException):
    """SIGTERM, raised where Ctrl-C would be, so every batch stops its children the same way.

    A BaseException like KeyboardInterrupt (so no ``except Exception`` swallows
    it) but not one (so typer does not turn it into Ctrl-C's exit code 130).
    """


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def _say(key: str, **params: object) -> None:
    """One line on stderr, in the language of the command line (or the system locale)."""
    console(stderr=True).print(t(key, error_language(sys.argv[1:]), **params), highlight=False, markup=False)


def main() -> None:
    """Entry point: every error a user can cause ends in one message and exit code 2."""
    # SIGTERM (sent by `timeout`, CI cancellation, process managers) stops like Ctrl-C:
    # no ffmpeg left running, no partial cache entry or output.
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except UserError as exc:
        lang = error_language(sys.argv[1:])
        console(stderr=True).print(f"[bold red]{escape(t('core.error.label', lang))}:[/bold red] {escape(exc.text(lang))}",
                          highlight=False)
        sys.exit(2)
    except Terminated:
        _say("core.stopped.terminated")
        sys.exit(EXIT_TERMINATED)
    except KeyboardInterrupt:
        _say("core.stopped.interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        # Typer may vendor click, so recognise its exceptions by shape, not class.
        if type(exc).__name__ == "Abort":  # click's wrapping of end-of-input
            _say("core.stopped.interrupted")
            sys.exit(EXIT_INTERRUPTED)
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("MOOCFORGE_DEBUG"):
            raise
        _say("core.stopped.internal_error", error=f"{type(exc).__name__}: {exc}")
        sys.exit(3)
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a quiet 130; say what happened
        _say("core.stopped.interrupted")
    sys.exit(code if isinstance(code, int) else 0)
