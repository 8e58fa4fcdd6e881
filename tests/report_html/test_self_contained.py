"""The page loads nothing: no stylesheet, script, font, image or frame from anywhere, and matplotlib
is not imported until a page is drawn."""

from __future__ import annotations

import subprocess
import sys

import pytest
from report_html.page_check import parse, remote_references
from report_html.pages import LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_references_nothing_to_load(sample_pages, lang):
    html = sample_pages[lang]
    assert remote_references(html) == []
    page = parse(html)
    assert page.find("style") and page.find("script") and not page.find("link")
    assert all("src" not in s.attrs for s in page.find("script"))
    # the SVGs are inline, with their DTD and RDF metadata (both name URLs) left out
    assert "<!DOCTYPE svg" not in html and "<metadata>" not in html and "<?xml" not in html
    assert "@import" not in html and "url(http" not in html


def test_the_checker_finds_what_would_be_loaded():
    """The check above is only worth something if it can fail."""
    page = ('<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><style>@import "x.css";'
            '@font-face{src:url(https://fonts.example/f.woff2)}</style><script src="//cdn.example/a.js"></script>'
            '</head><body><img src="http://example.org/a.png"><a href="https://atu.edu.kz">a link is fine</a></body></html>')
    found = remote_references(page)
    assert len(found) == 7 and not any("atu.edu.kz" in item for item in found)


def test_matplotlib_is_imported_only_when_a_page_is_drawn():
    probe = subprocess.run([sys.executable, "-c", "import sys, moocforge.cli.entry; "
                            "print('matplotlib' in sys.modules)"], capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "False"
