"""Pre-flight and the command: errors refuse a package unless --force, the profile may forbid open
platforms, and every package comes with its report in the terminal and as JSON (issue 13, point 5)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from moocforge.package.preflight import PlatformNotAllowed, PreflightRefused, preflight


def run(*args, cwd=None):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "120",
           "PYTHONPATH": ":".join(sys.path)}
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env)


def test_a_course_with_errors_is_refused_unless_forced(sample_course):
    with pytest.raises(PreflightRefused) as refused:
        preflight(sample_course, "openedx")
    result = refused.value.result
    assert refused.value.params["count"] == sum(f.severity.value == "error" for f in result.findings) > 0
    assert preflight(sample_course, "openedx", force=True).findings


def test_a_profile_may_forbid_open_platforms_even_with_force(sample_course, tmp_path):
    profile = tmp_path / "kaznua-like.yaml"
    profile.write_text("extends: atu-2025\npackaging:\n  open_platforms_allowed: {value: false, "
                       "clause: 'KazNUA §2.5'}\n", encoding="utf-8")
    for target in ("openedx", "coursera"):
        with pytest.raises(PlatformNotAllowed) as refused:
            preflight(sample_course, target, profile=str(profile), force=True)
        assert "KazNUA §2.5" in refused.value.text("en")
    assert preflight(sample_course, "moodle", profile=str(profile), force=True)  # the university's own Moodle


def test_the_built_in_kaznua_profile_keeps_the_course_off_open_platforms(sample_course):
    with pytest.raises(PlatformNotAllowed) as refused:
        preflight(sample_course, "openedx", profile="kaznua", force=True)
    assert "KazNUA §2.5" in refused.value.text("en")


def test_the_command_refuses_with_the_findings_and_exit_2(sample_course, tmp_path):
    proc = run("package", sample_course, "--target", "openedx", "--org", "ATU", "--number", "PY101", "--run",
               "2026_T1", "-o", tmp_path / "c.tar.gz", "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "MD103" in proc.stderr and "--force" in proc.stderr
    assert not (tmp_path / "c.tar.gz").exists()


def test_the_command_writes_the_archive_and_both_reports(sample_course, tmp_path):
    proc = run("package", sample_course, "--target", "openedx", "--platform", "open.kaznu.kz", "--number",
               "DistEdu", "--run", "2026_T1", "-o", tmp_path / "c.tar.gz", "--force", "--report",
               tmp_path / "report.json", "--lang", "ru")
    assert proc.returncode == 0, proc.stderr
    assert "пропущено" in proc.stdout and "final/final.aiken.txt" in proc.stdout
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["target"] == "openedx" and report["platform"] == "open.kaznu.kz"
    assert set(report["counts"]) == {"converted", "downgraded", "skipped"}
    skipped = [i for i in report["items"] if i["status"] == "skipped"]
    assert skipped and all(i["reasons"] for i in skipped)  # nothing left out without a reason
    assert {"source": "module-01/self_study.pdf", "name": "module_01_self_study.pdf"} in report["assets"]
    import tarfile

    with tarfile.open(tmp_path / "c.tar.gz") as tar:
        assert 'org="KazNU"' in tar.extractfile("course/course.xml").read().decode()  # the platform preset


def test_a_bad_course_key_is_one_message(sample_course, tmp_path):
    proc = run("package", sample_course, "--target", "openedx", "--org", "ATU", "--number", "Python 101",
               "--run", "2026", "-o", tmp_path / "c.tar.gz", "--force", "--lang", "en")
    assert proc.returncode == 2 and "--number 'Python 101' cannot be part of an Open edX course key" in proc.stderr


def test_the_archive_can_go_to_standard_output(sample_course, tmp_path):
    with open(tmp_path / "piped.tar.gz", "wb") as sink:
        proc = subprocess.run([sys.executable, "-m", "moocforge", "package", str(sample_course), "--target", "openedx",
                               "--org", "ATU", "--number", "PY101", "--run", "R1", "-o", "-", "--force"],
                              stdout=sink, stderr=subprocess.PIPE, text=True,
                              env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": ":".join(sys.path)})
    assert proc.returncode == 0 and "course.tar.gz" not in proc.stderr
    import tarfile

    with tarfile.open(tmp_path / "piped.tar.gz") as tar:
        assert "course/course.xml" in tar.getnames()
