"""Fixtures of the rule tests: the shared media factory, and no writes to the user's cache."""

from __future__ import annotations

import pytest

from media_factory import MediaFactory, shared_factory


@pytest.fixture(scope="session")
def media(tmp_path_factory, ffmpeg) -> MediaFactory:
    return shared_factory(tmp_path_factory, ffmpeg)


@pytest.fixture(autouse=True)
def _private_user_cache(tmp_path, monkeypatch):
    """Loose files are cached in the user's cache folder: keep tests out of ~/.cache."""
    monkeypatch.setenv("MOOCFORGE_CACHE_DIR", str(tmp_path / "user-cache"))
