"""The page in a real browser: Debian's chromium driven by Playwright (no browser download).

It loads from disk with no console error and no request but the file itself,
every chart is drawn with a size, the filters hide what is unticked, print
shows everything, and a phone-width window has no sideways scrolling. A
screenshot of each run is kept in the test's temporary folder. Without
Playwright or chromium (``.ci/run`` installs chromium) the tests skip and say
which is missing; the other tests of this folder still parse the page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from report_html.pages import CHARTS

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        pytest.skip(f"no chromium at {CHROMIUM} or on PATH (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


def _open(browser, path: Path, width: int = 1280):
    """A page of the report, with every console message and request it makes recorded."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    seen = {"console": [], "requests": [], "errors": []}
    page.on("console", lambda message: seen["console"].append((message.type, message.text)))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, seen


def test_the_page_loads_alone_and_draws_every_chart(browser, sample_page_file, tmp_path):
    page, seen = _open(browser, sample_page_file)
    try:
        assert [m for m in seen["console"] if m[0] in ("error", "warning")] == [] and seen["errors"] == []
        assert seen["requests"] == [sample_page_file.as_uri()]
        for key in CHARTS:
            box = page.locator(f"#{key} svg").bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 50, key
        shot = tmp_path / "report-sample.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        print(f"screenshot: {shot}")
    finally:
        page.close()


def test_the_filters_hide_findings_by_severity_and_area(browser, sample_page_file):
    page, _ = _open(browser, sample_page_file)
    try:
        errors = page.locator(".finding[data-severity='error']")
        others = page.locator(".finding:not([data-severity='error'])")
        assert errors.count() and others.count()
        assert page.locator("form.filters").is_visible()  # the script shows the filters …
        page.locator("input[name='severity'][value='error']").uncheck()
        assert all(not errors.nth(i).is_visible() for i in range(errors.count()))
        assert all(others.nth(i).is_visible() for i in range(others.count()))
        shown = page.locator(".shown").inner_text()
        assert str(others.count()) in shown
        page.locator("input[name='area'][value='pdf']").uncheck()
        pdf = page.locator(".finding[data-area='pdf']")
        assert pdf.count() and all(not pdf.nth(i).is_visible() for i in range(pdf.count()))
        # … and print shows every finding, without the filters
        page.emulate_media(media="print")
        assert not page.locator("form.filters").is_visible()
        assert all(errors.nth(i).is_visible() for i in range(errors.count()))
    finally:
        page.close()


def test_a_phone_wide_window_does_not_scroll_sideways(browser, sample_page_file, tmp_path):
    page, _ = _open(browser, sample_page_file, width=375)
    try:
        widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[2] and widths[1] <= widths[2], widths
        page.screenshot(path=str(tmp_path / "report-phone.png"))
    finally:
        page.close()


def test_without_script_every_finding_shows(browser, sample_page_file):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(sample_page_file.as_uri())
        assert not page.locator("form.filters").is_visible()
        findings = page.locator(".finding")
        assert findings.count() and all(findings.nth(i).is_visible() for i in range(findings.count()))
    finally:
        context.close()
