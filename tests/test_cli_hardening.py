"""What a CI engineer and a careful user rely on: -o writes where it points, typos are errors,
CI paths are from the repository root, a course that cannot be read still gets a report,
tables keep ids whole, text to a pipe is not wrapped, and the help names only real commands."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from course_factory import good_descriptor, write_course


def run(*args, cwd=None, env=None, umask=None, **kwargs):
    base = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1", "PYTHONPATH": ":".join(sys.path)}
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**base, **(env or {})}, preexec_fn=preexec, **kwargs)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    data = good_descriptor()
    data["modules"] = data["modules"][:3]  # one ST101 error
    return write_course(tmp_path_factory.mktemp("c") / "course", data)


# ---------------------------------------------------------------- -o writes where it points (point 1)

@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_write_to_standard_output(course, target):
    proc = run("check", course, "--select", "ST101", "--format", "json", "-o", target)
    assert proc.returncode == 1 and json.loads(proc.stdout)["findings"][0]["rule"] == "ST101"


def test_a_fifo_is_written_through_and_stays_a_fifo(course, tmp_path):
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    proc = run("check", course, "--select", "ST101", "--format", "sarif", "-o", fifo, timeout=60)
    reader.join(timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(received[0])["runs"][0]["results"][0]["ruleId"] == "ST101"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_is_written_through_never_replaced(course):
    proc = run("check", course, "--select", "ST101", "-o", "/dev/null")
    assert proc.returncode == 1 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_is_followed_and_kept(course, tmp_path):
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    assert run("check", course, "--select", "ST101", "--format", "json", "-o", link).returncode == 1
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["version"] == 2


def test_a_folder_is_a_clear_usage_error(course, tmp_path):
    proc = run("check", course, "--select", "ST101", "-o", tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "folder" in proc.stderr and "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_outputs_keep_the_mode_of_the_file_they_replace_and_follow_the_umask(course, tmp_path):
    kept = tmp_path / "kept.json"
    kept.write_text("{}", encoding="utf-8")
    kept.chmod(0o640)
    run("check", course, "--select", "ST101", "--format", "json", "-o", kept)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    for umask, mode in ((0o022, 0o644), (0o077, 0o600)):
        new = tmp_path / f"new-{umask:o}.json"
        run("check", course, "--select", "ST101", "--format", "json", "-o", new, umask=umask)
        assert stat.S_IMODE(new.stat().st_mode) == mode


# ---------------------------------------------------------------- --select / --ignore typos (point 8)

@pytest.mark.parametrize("option, value, closest", [("--select", "ST1O1", "ST101"), ("--ignore", "module-cout", "ST101"),
                                                    ("--select", "XX", None)])
def test_a_selector_matching_no_rule_is_a_usage_error_naming_the_closest(course, option, value, closest):
    proc = run("check", course, option, value, "--lang", "en")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert value in proc.stderr and "nothing would be checked" in proc.stderr
    if closest:
        assert f"did you mean {closest}" in proc.stderr
    russian = run("check", course, option, value, "--lang", "ru")
    assert "ничего не было бы проверено" in russian.stderr


# ---------------------------------------------------------------- CI paths and failures (point 16)

def test_github_paths_are_from_the_git_top_level_wherever_moocforge_runs(tmp_path):
    repo = tmp_path / "repo"
    data = good_descriptor()
    data["modules"] = data["modules"][:3]
    write_course(repo / "courses" / "python", data)
    (repo / ".git").mkdir()  # a work tree's marker is all the lookup needs
    elsewhere = repo / "tools" / "ci"
    elsewhere.mkdir(parents=True)
    proc = run("check", "../../courses/python", "--select", "ST101", "--format", "github", cwd=elsewhere)
    assert "file=courses/python/course.yaml" in proc.stdout, proc.stdout
    workspace = run("check", repo / "courses" / "python", "--select", "ST101", "--format", "github", cwd=tmp_path,
                    env={"GITHUB_WORKSPACE": str(repo / "courses")})
    assert "file=python/course.yaml" in workspace.stdout


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit", "json"])
def test_a_course_that_cannot_be_read_still_gets_a_report_in_place_of_the_old_one(tmp_path, fmt):
    (tmp_path / "empty").mkdir()
    out = tmp_path / f"report.{fmt}"
    out.write_text("PREVIOUS-RUN: all passed", encoding="utf-8")
    proc = run("check", tmp_path / "empty", "--format", fmt, "-o", out, "--lang", "en")
    assert proc.returncode == 2 and "course.yaml" in proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "PREVIOUS-RUN" not in text
    if fmt == "github":
        assert text.startswith("::error ") and "course.yaml" in text
    elif fmt == "sarif":
        result = json.loads(text)["runs"][0]["results"][0]
        assert result["level"] == "error" and result["ruleId"] == "LOAD"
    elif fmt == "junit":
        assert ET.fromstring(text).get("failures") == "1"
    else:
        assert json.loads(text)["summary"]["error"] == 1


# ---------------------------------------------------------------- tables, wrapping, help (points 6, 17)

def test_narrow_and_piped_tables_keep_rule_ids_whole():
    for env in ({"COLUMNS": "40"}, {}):
        listing = run("rules", "--lang", "en", env=env).stdout
        ids = set(re.findall(r"\b[A-Z]{2}\d{3}\b", listing))
        assert {"CD101", "ST119", "QZ113", "MD117"} <= ids, env


def test_text_to_a_pipe_is_not_hard_wrapped(course):
    proc = run("check", course, "--select", "ST101", "--lang", "en")  # stdout is a pipe, no COLUMNS
    line = next(line for line in proc.stdout.splitlines() if "course has 3 modules" in line)
    assert "4–6 required" in line  # the whole message on one line
    error = run("check", course / "nope", "--lang", "en").stderr
    assert len(error.strip().splitlines()) <= 2  # message, then the hint: never broken mid-sentence


def test_profiles_headers_and_language():
    listing = run("profiles", "--lang", "ru").stdout
    assert "профиль" in listing and "расширяет" in listing and "atu-2025" in listing
    shown = run("profiles", "atu-2025", "--lang", "en").stdout.splitlines()
    header = next(line for line in shown if "setting" in line)
    assert header.index("setting") < header.index("value") < header.index("clause")
    row = next(line for line in shown if "structure.modules.min" in line)
    assert re.search(r"structure\.modules\.min\s+\S*\s*4\s", row) and "ATU §8.1" in row


def test_top_level_help_names_only_commands_that_exist():
    from moocforge.cli.entry import app

    registered = {c.name or c.callback.__name__ for c in app.registered_commands} | \
        {g.name for g in app.registered_groups}
    proc = run("--help", env={"COLUMNS": "200"})
    listed = set(re.findall(r"│ (\w+)\s{2,}", proc.stdout))
    assert listed == registered and {"check", "quiz", "media"} <= listed
    description = proc.stdout.split("Options")[0]
    for word in ("review", "transcode", "package", "score", "protocol", "report", "captions", "forms"):
        if word not in registered:  # the description promises no command that is not there
            assert not re.search(rf"\b{word}\b", description, re.I), word
