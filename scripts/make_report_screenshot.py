"""Write docs/img/report-sample.png: the top of the sample course's HTML report, as the README shows it.

The page is made by the real command (``moocforge report sample_course --deep``) and photographed in
Debian's chromium through Playwright (``pip install playwright``; ``apt-get install chromium``; no
browser download). Run from anywhere after changing the page:

    python scripts/make_report_screenshot.py [--lang en] [--width 1280] [--height 1700]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "docs" / "img" / "report-sample.png"
CHROMIUM = "/usr/bin/chromium"


def make_page(folder: Path, lang: str) -> Path:
    page = folder / "report.html"
    # from the repository, so the page names the folder as a reader would type it: sample_course
    subprocess.run([sys.executable, "-m", "moocforge", "report", "sample_course", "--deep", "--lang", lang,
                    "-o", str(page)], check=True, cwd=REPO)
    return page


def photograph(page: Path, target: Path, width: int, height: int) -> None:
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        sys.exit(f"no chromium at {CHROMIUM} or on PATH: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            view = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            view.goto(page.as_uri(), wait_until="load")
            target.parent.mkdir(parents=True, exist_ok=True)
            view.screenshot(path=str(target))  # the viewport: overview and the first charts
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("kk", "ru", "en"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1700)
    parser.add_argument("-o", "--output", type=Path, default=TARGET)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        photograph(make_page(Path(folder), options.lang), options.output, options.width, options.height)
    print(options.output)


if __name__ == "__main__":
    main()
