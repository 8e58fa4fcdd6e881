"""Helpers of the CI tests: run moocforge as CI does, write small courses and banks with known findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course_factory import good_descriptor, write_course

# Rules these tests look at: the course-level ST101 and the author check CD105 (course.yaml),
# and the bank rules QZ104 (Aiken: five options) and QZ107 (a correct answer). Selecting
# them keeps the expected findings fixed while the catalogue grows.
COURSE_RULES = ["ST101", "CD105"]

# Aiken: question 1 has four options (QZ104 on line 1); question 2 is fine.
AIKEN = "Q1?\nA. a\nB. b\nC. c\nD. d\nANSWER: A\n\nQ2?\nA. a\nB. b\nC. c\nD. d\nE. e\nANSWER: B\n"
# GIFT: questions 2 (line 3) and 3 (line 5) have no correct answer (QZ107).
GIFT = "::Q1:: Capital? {=Astana ~Almaty}\n\n::Q2:: Two plus two? {~3 ~5}\n\n::Q3:: Sky? {~green ~red}\n"


def moocforge(*args, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``moocforge ARGS`` as a CI job runs it: plain text, English unless --lang says otherwise."""
    environment = {**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8", **(env or {})}
    environment.pop("GITHUB_WORKSPACE", None)
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=environment)


def report(*args, cwd: Path | None = None) -> tuple[dict, int]:
    """The JSON report of ``moocforge check ARGS --format json`` and the exit code."""
    done = moocforge("check", *args, "--format", "json", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout), done.returncode


def broken_course(root: Path, **check) -> Path:
    """A course with three modules (ST101) and an author without a degree (CD105), with a check section."""
    data = good_descriptor()
    data["modules"] = data["modules"][:3]
    data["duration_weeks"] = 3
    data["authors"][0]["degree"] = None
    data["check"] = {"select": COURSE_RULES, **check}
    return write_course(root, data)


# The helpers as fixtures: a test module cannot import this conftest by name.

@pytest.fixture
def run():
    """``run(*args, cwd=, env=)``: moocforge ARGS as a CI job runs it."""
    return moocforge


@pytest.fixture
def json_check():
    """``json_check(*args, cwd=)``: (JSON report, exit code) of moocforge check ARGS."""
    return report


@pytest.fixture
def make_course():
    """``make_course(root, **check)``: the broken course with a check section."""
    return broken_course


@pytest.fixture
def edit():
    """(insert_line, line_of)."""
    return insert_line, line_of


def insert_line(path: Path, before: int, text: str) -> None:
    """Put ``text`` as a new line before line ``before`` (1-based)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(before - 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line containing ``needle``."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)
