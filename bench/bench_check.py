"""Time `moocforge check` on the bundled sample course.

Anchors:
- in-process check vs "parse course.yaml + walk the folder" (the least any
  checker must do): how much the rules and inspectors add on top;
- the CLI's wall time vs a bare `python -c pass`: interpreter start-up is the
  floor a command-line tool cannot go below;
- the CLI's wall time vs `moocforge --version`: the import floor of moocforge
  itself (interpreter, typer, rich), so the ratio shows what a check adds
  (target within 2×), twice: a check of an unchanged course with a warm cache
  (it replays the kept report, moocforge.check_replay), and a check in full
  (``MOOCFORGE_REPLAY=off``; media facts still cached), the cost of the first
  check after an edit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import yaml
from timing import best_of

SAMPLE = Path(__file__).resolve().parents[1] / "sample_course"

def _anchor_walk() -> None:
    yaml.safe_load((SAMPLE / "course.yaml").read_text(encoding="utf-8"))
    for _ in os.walk(SAMPLE):
        pass


def _settle() -> None:
    """Wait until no sample file changed within the replay's racy margin, so a warm cache can be kept."""
    from moocforge.check_replay import RACY_SECONDS, folder_stamps, newest_change

    newest = newest_change(folder_stamps(SAMPLE).values()) / 1e9
    time.sleep(max(0.0, newest + RACY_SECONDS + 0.1 - time.time()))


def _cli(*args: str, **env: str):
    command = [sys.executable, "-m", "moocforge", *args]
    return lambda: subprocess.run(command, capture_output=True, env={**os.environ, **env})


def run() -> list[dict]:
    from moocforge.check import run_check

    if not (SAMPLE / "course.yaml").is_file():
        return [{"name": "check sample_course", "value": None, "anchor": "sample_course missing"}]
    run_check(SAMPLE)  # warm caches (imports, media cache) as a second run by a user would
    ours = best_of(lambda: run_check(SAMPLE), repeat=5)
    anchor = best_of(_anchor_walk, repeat=5)
    _settle()
    check, in_full = _cli("check", str(SAMPLE)), _cli("check", str(SAMPLE), MOOCFORGE_REPLAY="off")
    check()  # keeps the report
    replayed, full = best_of(check, repeat=5), best_of(in_full, repeat=3)
    bare = best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True), repeat=3)
    version = best_of(_cli("--version"), repeat=5)
    return [
        {"name": "check sample_course (in-process, warm)", "value": ours, "unit": "s",
         "anchor": "yaml.safe_load + os.walk", "anchor_value": anchor, "ratio": ours / anchor,
         "target": "a few seconds"},
        {"name": "moocforge check sample_course (CLI, in full)", "value": full, "unit": "s",
         "anchor": "python -c pass", "anchor_value": bare, "ratio": full / bare, "target": "a few seconds"},
        {"name": "moocforge check sample_course (CLI, in full)", "value": full, "unit": "s",
         "anchor": "moocforge --version (import floor)", "anchor_value": version, "ratio": full / version,
         "target": "(first check after an edit)"},
        {"name": "moocforge check sample_course (CLI, warm cache: unchanged course)", "value": replayed, "unit": "s",
         "anchor": "moocforge --version (import floor)", "anchor_value": version, "ratio": replayed / version,
         "target": "≤ 2×"},
    ]
