"""`moocforge media …` commands (probe, check, qc)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Inspect video and audio against the ATU §9 technical spec.", no_args_is_help=True)
