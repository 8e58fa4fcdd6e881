"""The languages moocforge speaks, defined once: every catalogue, template and option uses these."""

from __future__ import annotations

import enum

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "en"

# A ``--lang`` value: typer offers exactly the codes above.
Language = enum.Enum("Language", {code: code for code in LANGUAGES}, type=str)
