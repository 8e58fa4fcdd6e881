"""Fixtures shared by every test area."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the clone (CI has it there); tests needing it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: the conformance and reference data live there")
    return SHARED


@pytest.fixture(scope="session")
def ffmpeg() -> str:
    from moocforge.tools import ffmpeg_path

    return ffmpeg_path()


@pytest.fixture(autouse=True)
def _checks_run_in_full(monkeypatch):
    """Every test's check runs in full: tests change moocforge's insides, which a replay's fingerprint
    cannot see (tests/test_check_replay.py turns the replay back on)."""
    monkeypatch.setenv("MOOCFORGE_REPLAY", "off")
