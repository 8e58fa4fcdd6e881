"""The command line as a user meets it: help, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from course_factory import good_descriptor, write_course


def run(*args, cwd=None, env=None):
    base = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "120",
            "PYTHONPATH": ":".join(sys.path)}
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env={**base, **(env or {})})


def assert_no_traceback(proc):
    assert "Traceback" not in proc.stderr + proc.stdout


def test_version():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("moocforge 0.")


@pytest.mark.parametrize("command", ["check", "rules", "schema", "init", "profiles", "quiz", "media",
                                     "quiz lint", "quiz fix", "quiz convert", "quiz stats",
                                     "media probe", "media check", "media qc"])
def test_every_command_has_help_with_example(command):
    proc = run(*command.split(), "--help")
    assert proc.returncode == 0, proc.stderr
    assert "Example" in proc.stdout


def test_check_exit_codes(tmp_path):
    good = write_course(tmp_path / "good")
    proc = run("check", good, "--select", "CD", "--select", "ST", "--select", "DC", "--select", "LK")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    data = good_descriptor()
    data["modules"] = data["modules"][:3]  # ST101 error
    bad = write_course(tmp_path / "bad", data)
    proc = run("check", bad, "--select", "ST101")
    assert proc.returncode == 1 and "ST101" in proc.stdout

    data = good_descriptor()
    del data["modules"][0]["workload_hours"]  # ST110 warning only
    warn = write_course(tmp_path / "warn", data)
    assert run("check", warn, "--select", "ST110").returncode == 0
    assert run("check", warn, "--select", "ST110", "--fail-on", "warning").returncode == 1


@pytest.mark.parametrize("args, needle", [
    (("check", "{tmp}/nope"), "does not exist"),
    (("check", "{tmp}"), "no course.yaml"),
    (("check", "{tmp}", "--format", "pdf"), "Invalid value"),
    (("check", "{course}", "--profile", "atu-1999"), "unknown profile"),
    (("rules", "ZZ999"), "no rule"),
])
def test_usage_errors_exit_2_with_one_message(tmp_path, args, needle):
    course = write_course(tmp_path / "c")
    (tmp_path / "empty").mkdir()
    proc = run(*[a.format(tmp=tmp_path / "empty", course=course) for a in args])
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert needle in proc.stderr
    assert_no_traceback(proc)


def test_malformed_descriptor_message(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\nmodules:\n  - title: B\n    workload_hours: көп\n", encoding="utf-8")
    proc = run("check", tmp_path)
    assert proc.returncode == 2
    assert "course.yaml:4" in proc.stderr and "modules[0].workload_hours" in proc.stderr
    assert_no_traceback(proc)


def test_rules_list_and_explain():
    listing = run("rules", "--lang", "en")
    assert listing.returncode == 0 and "ST101" in listing.stdout and "LK104" in listing.stdout
    explained = run("rules", "st109", "--lang", "ru")
    assert explained.returncode == 0
    assert "ATU §8.3" in explained.stdout and "structure.practice_questions_per_module.more_than = 10" in explained.stdout
    by_name = run("rules", "module-count", "--lang", "kk")
    assert "ST101" in by_name.stdout and "модуль" in by_name.stdout


def test_schema_validates_real_descriptors(tmp_path):
    proc = run("schema")
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(json.loads(json.dumps(good_descriptor())))) == []
    assert list(validator.iter_errors({"title": "A", "modules": [{"titel": "x"}]}))


def test_report_language_follows_course_then_flag(tmp_path):
    data = good_descriptor()
    data["modules"] = data["modules"][:3]
    root = write_course(tmp_path / "c", data)
    kk = run("check", root, "--select", "ST101")
    assert "модуль бар" in kk.stdout
    en = run("check", root, "--select", "ST101", "--lang", "en")
    assert "course has 3 modules" in en.stdout


def test_output_file_is_written(tmp_path):
    root = write_course(tmp_path / "c")
    out = tmp_path / "reports" / "check.json"
    proc = run("check", root, "--select", "ST", "--format", "json", "--output", out)
    assert proc.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))
    assert not list(out.parent.glob(".*tmp*"))


def test_profiles_command_shows_clauses():
    proc = run("profiles", "atu-2025")
    assert proc.returncode == 0 and "ATU §8.1" in proc.stdout
    assert "kaznu" in run("profiles").stdout


def test_check_never_writes_into_sources(tmp_path):
    root = write_course(tmp_path / "c")
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}
    run("check", root, "--select", "ST")
    after = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file() and ".moocforge-cache" not in p.parts}
    assert before == after
    assert yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))["title"]


def test_terminal_report_to_file_has_no_colour_and_junit_follows_fail_on(tmp_path):
    data = good_descriptor()
    del data["modules"][0]["workload_hours"]  # one ST110 warning
    root = write_course(tmp_path / "c", data)
    out = tmp_path / "report.txt"
    # FORCE_COLOR would colour stdout; a file must stay plain all the same.
    forced = {"FORCE_COLOR": "1", "NO_COLOR": ""}
    assert "\x1b[" in run("check", root, "--select", "ST110", env=forced).stdout
    assert run("check", root, "--select", "ST110", "-o", out, env=forced).returncode == 0
    assert "\x1b[" not in out.read_text(encoding="utf-8")
    junit = tmp_path / "junit.xml"
    proc = run("check", root, "--select", "ST110", "--format", "junit", "-o", junit, "--fail-on", "warning")
    assert proc.returncode == 1 and "<failure" in junit.read_text(encoding="utf-8")
