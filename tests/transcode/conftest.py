"""Fixtures of the transcode tests: real media from tests/media_factory.py, and running the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from media_factory import media, private_user_cache, write_media_course

__all__ = ["media", "private_user_cache"]  # fixtures: importing them here makes them this folder's


def _run_cli(*args, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "LANG": "C.UTF-8", **(env or {})},
                          cwd=cwd, timeout=300)


def _read_report(folder: Path) -> dict:
    return json.loads((folder / "transcode-report.json").read_text(encoding="utf-8"))


def _statuses(report: dict) -> dict[str, str]:
    """Output path -> written | up_to_date | failed, over every job."""
    return {o["path"]: o["status"] for job in report["jobs"] for o in job["outputs"]}


@pytest.fixture(scope="session")
def tc() -> SimpleNamespace:
    """Helpers: ``tc.cli(*args)`` runs moocforge; ``tc.report(out)`` reads the report; ``tc.statuses(report)``."""
    return SimpleNamespace(cli=_run_cli, report=_read_report, statuses=_statuses)


@pytest.fixture(scope="session")
def media_course(media):
    return lambda root, **kwargs: write_media_course(root, media, **kwargs)
