"""Fixtures of the report page tests: the sample course's pages, made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_html.pages import LANGS, SAMPLE, make_page


@pytest.fixture(scope="session")
def sample_pages(tmp_path_factory) -> dict[str, str]:
    """The sample course's page in each language (deep: the loudness chart has data)."""
    folder = tmp_path_factory.mktemp("sample-pages")
    return {lang: make_page(folder / f"report-{lang}.html", SAMPLE, "--lang", lang, "--deep") for lang in LANGS}


@pytest.fixture(scope="session")
def sample_page_file(tmp_path_factory, sample_pages) -> Path:
    path = tmp_path_factory.mktemp("sample-page") / "report.html"
    path.write_text(sample_pages["en"], encoding="utf-8")
    return path
