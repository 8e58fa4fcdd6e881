"""Time `moocforge check` on the bundled sample course.

Anchors:
- in-process check vs "parse course.yaml + walk the folder" (the least any
  checker must do): how much the rules and inspectors add on top;
- the CLI's wall time vs a bare `python -c pass`: interpreter start-up is the
  floor a command-line tool cannot go below;
- the CLI's wall time vs `moocforge --version`: the import floor of moocforge
  itself (interpreter, typer, rich), so the ratio shows what a check adds
  (target within 2×).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from timing import best_of

SAMPLE = Path(__file__).resolve().parents[1] / "sample_course"

def _anchor_walk() -> None:
    yaml.safe_load((SAMPLE / "course.yaml").read_text(encoding="utf-8"))
    for _ in os.walk(SAMPLE):
        pass


def run() -> list[dict]:
    from moocforge.check import run_check

    if not (SAMPLE / "course.yaml").is_file():
        return [{"name": "check sample_course", "value": None, "anchor": "sample_course missing"}]
    run_check(SAMPLE)  # warm caches (imports, media cache) as a second run by a user would
    ours = best_of(lambda: run_check(SAMPLE), repeat=5)
    anchor = best_of(_anchor_walk, repeat=5)
    cli = best_of(lambda: subprocess.run([sys.executable, "-m", "moocforge", "check", str(SAMPLE), "-f", "json"],
                                          capture_output=True), repeat=3)
    bare = best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True), repeat=3)
    version = best_of(lambda: subprocess.run([sys.executable, "-m", "moocforge", "--version"], capture_output=True),
                      repeat=5)
    return [
        {"name": "check sample_course (in-process, warm)", "value": ours, "unit": "s",
         "anchor": "yaml.safe_load + os.walk", "anchor_value": anchor, "ratio": ours / anchor,
         "target": "a few seconds"},
        {"name": "moocforge check sample_course (CLI)", "value": cli, "unit": "s",
         "anchor": "python -c pass", "anchor_value": bare, "ratio": cli / bare, "target": "a few seconds"},
        {"name": "moocforge check sample_course (CLI)", "value": cli, "unit": "s",
         "anchor": "moocforge --version (import floor)", "anchor_value": version, "ratio": cli / version,
         "target": "≤ 2×"},
    ]
