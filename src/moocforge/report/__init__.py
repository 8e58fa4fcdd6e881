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
    "codeclimate": "codeclimate",
}


def render_report(result, fmt: str, lang: str, *, to_file: bool = False, fail_on=None) -> str:
    """Render a check result in one format and language.

    ``to_file``: the text goes to a file, so the terminal report has no colour.
    ``fail_on``: the severity that fails the run, so JUnit failures match the exit code.
    """
    module = importlib.import_module(f"{__name__}.{REPORT_FORMATS[fmt]}")
    if fmt == "terminal" and to_file:
        return module.render(result, lang, color=False)
    if fmt == "junit" and fail_on is not None:
        return module.render(result, lang, fail_on=fail_on)
    return module.render(result, lang)
