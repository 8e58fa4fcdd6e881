"""The reports through the command line: files written, stdout, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from course_factory import good_descriptor, write_course

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SELECT = ("--select", "CD", "--select", "ST", "--select", "DC", "--select", "LK")


def only(rule_ids) -> list[str]:
    return [arg for rule_id in rule_ids for arg in ("--select", rule_id)]


def moocforge(*args, cwd=None):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "100", "PYTHONPATH": ":".join(sys.path)}
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env)


def test_sarif_written_to_output_file(tmp_path, broken_course_writer):
    write_broken, _, rule_ids = broken_course_writer
    course = write_broken(tmp_path / "курс")
    out = tmp_path / "reports" / "out.sarif"
    proc = moocforge("check", course, "--format", "sarif", "-o", out, *only(rule_ids))
    assert proc.returncode == 1, proc.stderr  # the course has error-level findings
    assert proc.stdout == ""  # the report went to the file, not to stdout
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"DC105", "LK101", "ST101", "ST104", "ST110"}
    assert not list(out.parent.glob(".*tmp*"))  # written under a temporary name, then renamed


def test_clean_course_exits_0_in_every_format(tmp_path):
    course = write_course(tmp_path / "clean")
    for fmt in ("terminal", "json", "junit", "sarif", "github"):
        proc = moocforge("check", course, "--format", fmt, "--lang", "kk", *SELECT)
        assert proc.returncode == 0, (fmt, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert json.loads(moocforge("check", course, "--format", "json", *SELECT).stdout)["summary"]["total"] == 0


def test_fail_on_warning(tmp_path):
    data = good_descriptor()
    del data["modules"][0]["workload_hours"]  # only a warning (ST110)
    course = write_course(tmp_path / "warn", data)
    plain = moocforge("check", course, "--format", "junit", *only(["ST110"]))
    assert plain.returncode == 0, plain.stderr
    ET.fromstring(plain.stdout.encode("utf-8"))
    strict = moocforge("check", course, "--format", "github", "--fail-on", "warning", *only(["ST110"]))
    assert strict.returncode == 1
    assert strict.stdout.startswith("::warning file=")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_unreadable_course_exits_2_with_a_report_saying_why(tmp_path, fmt):
    # Changed on purpose (issue 8, point 16): CI reads the report, so it says why the check could not run.
    out = tmp_path / "report.out"
    proc = moocforge("check", tmp_path / "missing", "--format", fmt, "-o", out, "--lang", "en")
    assert proc.returncode == 2
    assert "does not exist" in " ".join(proc.stderr.split()) and "Traceback" not in proc.stderr
    assert "LOAD" in out.read_text(encoding="utf-8")


def test_terminal_report_on_stdout_is_plain_and_kazakh(tmp_path, broken_course_writer):
    write_broken, _, rule_ids = broken_course_writer
    course = write_broken(tmp_path / "курс")
    proc = moocforge("check", course, *only(rule_ids))  # the course's language (kk) is the default
    assert proc.returncode == 1
    assert "\x1b[" not in proc.stdout  # stdout is a pipe here: no colour codes
    assert "Бүкіл курс бойынша" in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1] == "1 файлда: 4 қате, 1 ескерту, 0 ақпарат"
