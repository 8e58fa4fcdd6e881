"""A second check of an unchanged course replays the first report; any change to what the report depends on
runs the check again (moocforge.check_replay).

Most tests run the command in this process, so that they can count the checks that really ran; one runs
it as a user would, in a new process, to show a replay does not load the pipeline at all.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

import moocforge.check
from moocforge import check_replay
from moocforge.cli.entry import app
from course_factory import good_descriptor, write_course

HOUR_NS = 3600 * 10**9


@pytest.fixture
def checks(monkeypatch):
    """The replay switched on, files trusted at once, and a count of the checks that really ran."""
    monkeypatch.delenv(check_replay.SWITCH, raising=False)
    monkeypatch.setattr(check_replay, "RACY_SECONDS", 0)
    ran = []
    real = moocforge.check.run_check

    def counted(*args, **kwargs):
        ran.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(moocforge.check, "run_check", counted)
    return ran


def check(course: Path, *args: str):
    result = CliRunner().invoke(app, ["check", str(course), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture
def course(tmp_path) -> Path:
    return write_course(tmp_path / "course")


def test_an_unchanged_course_is_replayed_with_the_same_report_and_exit_code(course, checks):
    data = good_descriptor()
    del data["outcomes"]  # a finding, so the exit code is 1, not the default 0
    write_course(course, data)
    first = check(course)
    assert first[0] == 1 and "CD" in first[1]
    assert check(course) == first
    assert len(checks) == 1


def test_an_edited_file_is_checked_again_even_with_the_same_size(course, checks):
    check(course)
    descriptor = course / "course.yaml"
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace("Python", "Pythox"), encoding="utf-8")  # the same length
    stat = descriptor.stat()
    os.utime(descriptor, ns=(stat.st_atime_ns, stat.st_mtime_ns - HOUR_NS))  # and a time that differs
    check(course)
    assert len(checks) == 2


def test_a_new_file_anywhere_in_the_course_is_checked_again_but_its_cache_is_not_an_input(course, checks):
    check(course)
    (course / ".moocforge-cache" / "probe").mkdir(parents=True, exist_ok=True)
    (course / ".moocforge-cache" / "probe" / "entry.json").write_text("{}", encoding="utf-8")
    check(course)
    assert len(checks) == 1
    (course / "module-01" / "notes.txt").parent.mkdir(exist_ok=True)
    (course / "module-01" / "notes.txt").write_text("new", encoding="utf-8")
    check(course)
    assert len(checks) == 2


def test_a_file_name_that_is_not_utf8_is_fingerprinted_too(course, checks):
    os.close(os.open(os.path.join(os.fsencode(course), b"notes-\xff.txt"), os.O_CREAT | os.O_WRONLY))
    first = check(course)
    assert check(course) == first
    assert len(checks) == 1


def test_each_command_line_keeps_its_own_report(course, checks):
    english, russian = check(course, "--lang", "en"), check(course, "--lang", "ru")
    assert english != russian
    assert check(course, "--lang", "en") == english and check(course, "--lang", "ru") == russian
    assert len(checks) == 2


def test_colour_is_part_of_what_a_report_is_kept_for(course, checks, monkeypatch):
    plain = check(course)
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = check(course)
    assert "\x1b[" in coloured[1] and "\x1b[" not in plain[1]
    assert len(checks) == 2


def test_a_profile_outside_the_course_is_watched_through_the_files_the_check_opened(course, tmp_path, checks):
    profile = tmp_path / "department.yaml"
    rule = ("extends: atu-2025\nstructure:\n  announcement_chars:\n"
            "    max: {value: %d, clause: 'Department decision 5'}\n")
    profile.write_text(rule % 800, encoding="utf-8")
    first = check(course, "--profile", str(profile))
    assert check(course, "--profile", str(profile)) == first and len(checks) == 1
    profile.write_text(rule % 900, encoding="utf-8")
    check(course, "--profile", str(profile))
    assert len(checks) == 2


def test_a_file_linked_into_the_course_from_elsewhere_is_watched_through_the_link(course, tmp_path, checks):
    shared = tmp_path / "shared-glossary.pdf"
    (course / "docs" / "glossary.pdf").replace(shared)
    (course / "docs" / "glossary.pdf").symlink_to(shared)
    check(course)
    check(course)
    assert len(checks) == 1
    shared.write_bytes(shared.read_bytes() + b"\n")
    check(course)
    assert len(checks) == 2


def test_a_new_day_is_checked_again(course, checks, monkeypatch):
    check(course)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return dt.date.today() + dt.timedelta(days=1)

    monkeypatch.setattr(check_replay, "dt", types.SimpleNamespace(date=Tomorrow))
    check(course)
    assert len(checks) == 2


def test_files_changed_in_the_last_seconds_are_not_trusted(course, checks, monkeypatch):
    monkeypatch.setattr(check_replay, "RACY_SECONDS", 3)
    future = dt.datetime.now().timestamp() + 60  # a time no later edit could be told apart from
    os.utime(course / "course.yaml", (future, future))
    check(course)
    check(course)
    assert len(checks) == 2


def test_no_cache_and_the_switch_run_the_check_in_full(course, checks, monkeypatch):
    check(course)
    check(course, "--no-cache")
    monkeypatch.setenv(check_replay.SWITCH, "off")
    check(course)
    assert len(checks) == 3


def test_a_check_that_goes_online_is_never_kept(course, checks):
    data = good_descriptor()
    data["check"] = {"online": True}
    write_course(course, data)
    check(course, "--select", "ST101")
    check(course, "--select", "ST101")
    assert len(checks) == 2


def test_a_replay_in_a_new_process_prints_the_report_without_loading_the_pipeline(course, checks):
    first = check(course)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "moocforge", "check", str(course)],
                          capture_output=True, text=True, env=env)
    assert (proc.returncode, proc.stdout) == first
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time")}
    assert "moocforge.check_replay" in imported  # the listing is real …
    assert not {"moocforge.check", "moocforge.rules", "moocforge.course.model", "pydantic"} & imported
