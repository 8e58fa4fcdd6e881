"""Fixtures of the media tests; the files themselves come from tests/media_factory.py.

``media`` is the session-wide factory: ``media.get("vfr")`` makes the file the
first time a test asks for it and reuses it afterwards. It and the private
user cache are media_factory's fixtures, shared with tests/rules.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from media_factory import media, private_user_cache, write_media_course

__all__ = ["media", "private_user_cache"]  # fixtures: importing them here makes them this folder's


@pytest.fixture
def short_thresholds(tmp_path) -> Path:
    """A profile file that judges seconds-long clips: stretches of a second count."""
    path = tmp_path / "short-clips.yaml"
    path.write_text(
        "extends: atu-2025\n"
        "media:\n"
        "  qc:\n"
        "    silence: {min_seconds: {value: 1, clause: test clips}}\n"
        "    black: {min_seconds: {value: 1, clause: test clips}}\n"
        "    freeze: {min_seconds: {value: 1, clause: test clips}}\n",
        encoding="utf-8")
    return path


def env_without_tty() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "LANG": "C.UTF-8"}


@pytest.fixture(scope="session")
def media_course(media):
    """``media_course(root, videos={(1, 1): [{"file": "p25", "master": "prores"}]}, promo="p25")``."""
    return lambda root, **kwargs: write_media_course(root, media, **kwargs)
