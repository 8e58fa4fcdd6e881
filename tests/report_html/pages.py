"""Report pages made by the real command line, and what the tests know of them."""

from __future__ import annotations

import re
from pathlib import Path

from review.review_factory import run_cli

SAMPLE = Path(__file__).resolve().parents[2] / "sample_course"
LANGS = ("kk", "ru", "en")
CHARTS = ("chart-video-weeks", "chart-lesson-videos", "chart-loudness", "chart-quiz-weeks", "chart-answer-keys",
          "chart-coverage")


def make_page(target: Path, *args: object) -> str:
    """Run ``moocforge report ARGS -o target`` and return the page."""
    code, _, err = run_cli("report", *args, "-o", target)
    assert code == 0, err
    return target.read_text(encoding="utf-8")


def without_time(html: str) -> str:
    """The page without the moment it was made (the one part two runs may differ in)."""
    return re.sub(r"<time [^>]*>.*?</time>", "<time/>", html)


