"""``moocforge check --show-config``: the effective settings, each with where it came from."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from ..i18n import t

# Sources that are words, not places (a place is "course.yaml:41" or "moocforge.toml").
_SOURCE_WORDS = {"default": "ci.settings.default", "command line": "ci.settings.command_line"}


def settings_document(settings) -> dict[str, Any]:
    """The settings as JSON: ``{name: {value, source}}`` and the exceptions with their origin."""
    return {
        "settings": {name: {"value": setting.value, "source": setting.source} for name, setting in settings.values.items()},
        "exceptions": [{"rules": list(entry.rules), "paths": list(entry.paths), "reason": entry.reason,
                        "expires": entry.expires.isoformat() if entry.expires else None,
                        "origin": {"file": origin.file, "line": origin.line}}
                       for entry, origin in zip(settings.exceptions, settings.exception_origins)],
    }


def _shown_value(name: str, value: Any, lang: str) -> str:
    if value is None:
        return t("ci.settings.course_language" if name == "lang" else
                 "ci.settings.all_rules" if name == "select" else "ci.settings.none", lang)
    if isinstance(value, list):
        return ", ".join(map(str, value)) or t("ci.settings.none", lang)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _shown_source(source: str, lang: str) -> str:
    return t(_SOURCE_WORDS[source], lang) if source in _SOURCE_WORDS else source


def print_settings(console: Console, settings, folder: str, lang: str) -> None:
    table = Table(title=t("ci.settings.title", lang, folder=folder), title_justify="left", show_edge=False)
    table.add_column(t("ci.settings.setting", lang), no_wrap=True)
    table.add_column(t("ci.settings.value", lang))
    table.add_column(t("ci.settings.source", lang), no_wrap=True)
    for name, setting in settings.values.items():
        table.add_row(name, _shown_value(name, setting.value, lang), _shown_source(setting.source, lang))
    console.print(table)
    console.print()
    console.print(t("ci.settings.exceptions", lang, n=len(settings.exceptions)), markup=False, highlight=False)
    for entry, origin in zip(settings.exceptions, settings.exception_origins):
        where = f"{origin.file}:{origin.line}" if origin.line else origin.file
        until = f" ({t('ci.settings.expires', lang, date=entry.expires.isoformat())})" if entry.expires else ""
        console.print(f"  {', '.join(entry.rules)} → {', '.join(entry.paths)}{until} — {entry.reason}  [{where}]",
                      markup=False, highlight=False)
