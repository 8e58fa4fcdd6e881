"""Fixtures of the media tests; the files themselves come from tests/media_factory.py.

``media`` is the session-wide factory: ``media.get("vfr")`` makes the file the
first time a test asks for it and reuses it afterwards.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from media_factory import MediaFactory, shared_factory, write_media_course


@pytest.fixture(scope="session")
def media(tmp_path_factory, ffmpeg) -> MediaFactory:
    return shared_factory(tmp_path_factory, ffmpeg)


@pytest.fixture(autouse=True)
def _private_user_cache(tmp_path, monkeypatch):
    """`moocforge media` caches loose files in the user's cache folder: keep tests out of ~/.cache."""
    monkeypatch.setenv("MOOCFORGE_CACHE_DIR", str(tmp_path / "user-cache"))


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
