"""`moocforge quiz …` commands (lint, fix, convert, stats)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Read, lint, fix and convert quiz banks (Aiken, GIFT, Moodle XML, CAPA, QTI).",
                  no_args_is_help=True)
