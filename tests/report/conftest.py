"""Check results to render: one from a real course, one with hand-built findings.

The real course (course_factory) is broken in three known ways so every
format is exercised on findings the rules really produce. The hand-built set
covers what a real run may not: all three severities, a finding with and
without a line, one with a slide location, module + lesson, Cyrillic,
characters that need escaping in XML / workflow commands / URIs, a crashed
rule, and measured values JSON cannot hold as they are.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path, PurePosixPath

import pytest

from course_factory import good_descriptor, write_course
from moocforge.check import run_check
from moocforge.findings import Bound, Finding, Location, Quantity, Severity, at_most, between

FOUNDATION_RULES = ["CD", "ST", "DC", "LK"]  # media and quiz rules belong to other areas' tests
# The rules the broken course breaks; selecting only them keeps the expected
# counts fixed while the catalogue grows.
BROKEN_RULES = ["ST101", "ST104", "ST110", "DC105", "LK101"]

# A file name an author might really use: Cyrillic, spaces, a comma, a percent sign.
AWKWARD_FILE = "module-01/lesson-01/дәріс 1, нұсқа 50%.pdf"
AWKWARD_TEXT = 'a:b, 50% <жаңа> & "ескі"\nекінші\rжол\x07'


def broken_descriptor() -> dict:
    data = good_descriptor()
    data["modules"] = data["modules"][:3]  # ST101 error, course-wide
    del data["modules"][0]["workload_hours"]  # ST110 warning on module M1
    data["modules"][1]["lessons"][0]["outcomes"] = []  # ST104 error on lesson M2.L1
    return data


def write_broken(root: Path) -> Path:
    """Write the broken course: errors ST101, ST104, DC105, LK101 and warning ST110."""
    return write_course(root, broken_descriptor(), skip_files=("docs/glossary.pdf",))


def check_broken(folder):
    return run_check(folder, select=BROKEN_RULES)


@pytest.fixture
def broken_course_writer():
    """(write_broken, check_broken, rule ids), for tests that choose where the course lies."""
    return write_broken, check_broken, BROKEN_RULES


@pytest.fixture
def checked(tmp_path):
    """A real check of a real (broken) course, in a folder with a Cyrillic name."""
    return check_broken(write_broken(tmp_path / "курс"))


@pytest.fixture
def clean(tmp_path):
    result = run_check(write_course(tmp_path / "clean"), select=FOUNDATION_RULES)
    assert result.findings == []
    return result


def handmade_findings() -> list[Finding]:
    return [
        Finding("ST101", Severity.ERROR, "out_of_range", {"count": 3, "min": 4, "max": 6},
                Location("course.yaml", line=38), measured=Quantity(3, "modules"),
                expected=between(4, 6, "modules"), clause="ATU §8.1"),
        Finding("LK101", Severity.ERROR, "missing", {"path": AWKWARD_TEXT, "role": "reading"},
                Location(AWKWARD_FILE), module="M1", lesson="M1.L1", measured=Quantity(float("nan")),
                expected=at_most(dt.timedelta(minutes=15)), clause="ATU §9.4"),
        Finding("ST110", Severity.WARNING, "undeclared", {"module": "M1", "min": 3, "max": 5},
                Location("course.yaml", line=39), module="M1", expected=between(3, 5, "h"), clause="ATU §8.3"),
        Finding("ST104", Severity.INFO, "out_of_range", {"lesson": "M2.L1", "count": 0, "min": 1, "max": 2},
                Location(slide=3), module="M2", lesson="M2.L1", measured=Quantity(dt.date(2026, 1, 5)),
                expected=Bound("in", frozenset({"b", "a"})), clause="ATU §8.3"),
        Finding("ST102", Severity.ERROR, "core.internal_error",
                {"rule": "ST102", "error": "ValueError: <bad> & broken"}, clause="ATU §8.3",
                measured=Quantity(PurePosixPath("a/b")), expected=at_most(math.inf)),
    ]


@pytest.fixture
def awkward() -> tuple[str, str]:
    """(file name, text) of the hand-built LK101 finding: what escaping must survive."""
    return AWKWARD_FILE, AWKWARD_TEXT


@pytest.fixture
def handmade(tmp_path):
    """A real course whose findings are replaced by the hand-built set."""
    result = run_check(write_course(tmp_path / "handmade"), select=FOUNDATION_RULES)
    result.findings = handmade_findings()
    return result
