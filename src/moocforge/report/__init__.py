"""Reporters: one module per output format, all reading the same CheckResult."""

from __future__ import annotations

import importlib

# format name -> module exposing render(result, lang) -> str
REPORT_FORMATS = {
    "terminal": "terminal",
    "json": "json_report",
    "junit": "junit",
    "sarif": "sarif",
    "github": "github",
}


def render_report(result, fmt: str, lang: str) -> str:
    """Render a check result in one format and language."""
    module = importlib.import_module(f"{__name__}.{REPORT_FORMATS[fmt]}")
    return module.render(result, lang)
