"""Pieces every command group shares: option types, the language option, usage errors."""

from __future__ import annotations

import enum
from typing import Optional


class UsageProblem(Exception):
    """Bad option values or arguments: the CLI prints one message and exits 2."""


class Language(str, enum.Enum):
    kk = "kk"
    ru = "ru"
    en = "en"


class SimpleFormat(str, enum.Enum):
    """Output of commands that print either a table for people or JSON for programs."""

    terminal = "terminal"
    json = "json"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"


def resolve_language(lang: Optional[Language], course_language: str | None = None) -> str:
    """--lang wins, then the course's language, then the system locale."""
    from .i18n import choose_language

    return choose_language(lang.value if lang else None, course_language)
