"""Acceptance 3 (baseline: only new findings fail, moved lines stay known) and 5 (--changed-since REF)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from moocforge.check import run_check
from moocforge.ci.changes import changed_files

AIKEN_FOUR = "Q{n}?\nA. a\nB. b\nC. c\nD. d\nANSWER: A\n"


def test_write_then_use_a_baseline(tmp_path, make_course, run, json_check):
    root = make_course(tmp_path / "c")
    baseline = tmp_path / "baseline.json"
    done = run("check", root, "--write-baseline", baseline, "--lang", "en")
    assert done.returncode == 0 and "2 findings recorded as the baseline" in done.stdout
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["format"] == "moocforge-baseline" and {e["rule"] for e in recorded["findings"]} == {"ST101", "CD105"}

    document, code = json_check(root, "--baseline", baseline, "--lang", "en")
    assert code == 0 and document["findings"] == []
    assert sorted(f["rule"] for f in document["baseline"]["known"]) == ["CD105", "ST101"]
    terminal = run("check", root, "--baseline", baseline, "--lang", "en").stdout
    assert "2 known findings from the baseline · 0 fixed since it" in terminal


def test_a_line_inserted_above_a_known_finding_does_not_make_it_new(tmp_path, make_course, run, json_check, edit):
    insert_line, line_of = edit
    root = make_course(tmp_path / "c")
    baseline = tmp_path / "baseline.json"
    run("check", root, "--write-baseline", baseline)
    descriptor = root / "course.yaml"
    before = {f["rule"]: f["location"]["line"] for f in json_check(root)[0]["findings"]}
    insert_line(descriptor, 1, "# a comment the author added at the top")
    insert_line(descriptor, line_of(descriptor, "modules:"), "# and one above the modules")
    document, code = json_check(root, "--baseline", baseline)
    assert code == 0 and document["findings"] == []
    after = {f["rule"]: f["location"]["line"] for f in document["baseline"]["known"]}
    assert after == {"ST101": before["ST101"] + 2, "CD105": before["CD105"] + 1}, "the findings moved, still known"


def test_a_new_finding_fails_and_a_fixed_one_is_named(tmp_path, make_course, run, json_check):
    root = make_course(tmp_path / "c")
    baseline = tmp_path / "baseline.json"
    run("check", root, "--write-baseline", baseline)
    data = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
    # CD105 fixed (the degree given); a new CD105 on another field of the author (workplace removed).
    data["authors"][0]["degree"] = "PhD"
    del data["authors"][0]["workplace"]
    (root / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    document, code = json_check(root, "--baseline", baseline, "--lang", "en")
    assert code == 0, "CD105 is a warning; --fail-on error"
    assert [(f["rule"], f["params"]["field"]) for f in document["findings"]] == [("CD105", "workplace")]
    assert [f["rule"] for f in document["baseline"]["known"]] == ["ST101"]
    assert [e["rule"] for e in document["baseline"]["fixed"]] == ["CD105"]
    assert document["summary"]["fixed"] == 1
    github = run("check", root, "--baseline", baseline, "--format", "github", "--lang", "en").stdout
    assert "::warning" in github and "CD105" in github and "moocforge: fixed since the baseline: CD105 course.yaml" in github
    assert run("check", root, "--baseline", baseline, "--fail-on", "warning").returncode == 1


def test_counts_of_one_fingerprint_are_kept(tmp_path):
    """Two identical problems recorded; a third alike is new."""
    banks = tmp_path / "banks"
    banks.mkdir()
    bank = banks / "a.aiken.txt"
    bank.write_text("\n".join(AIKEN_FOUR.format(n=1) for _ in range(2)), encoding="utf-8")
    baseline = tmp_path / "b.json"
    result = run_check(_loose(bank), select=["QZ104"])
    from moocforge.ci.baseline import baseline_document
    document = baseline_document(result.findings, result.fingerprint, lambda f: f.text("en"))
    assert [e["count"] for e in document["findings"]] == [2]
    baseline.write_text(json.dumps(document), encoding="utf-8")
    bank.write_text("\n".join(AIKEN_FOUR.format(n=1) for _ in range(3)), encoding="utf-8")
    from moocforge.ci.baseline import read_baseline
    third = run_check(_loose(bank), select=["QZ104"], baseline=read_baseline(baseline))
    assert len(third.findings) == 1 and len(third.baseline.known) == 2


def _loose(bank: Path):
    from moocforge.course.loose import ROLE_QUIZ, loose_files

    return loose_files([bank], ROLE_QUIZ)


@pytest.mark.parametrize("content, needle", [(None, "does not exist"), ("{}", "not a moocforge baseline"),
                                             ("not json", "not a moocforge baseline")])
def test_a_bad_baseline_file_is_one_message(tmp_path, make_course, run, content, needle):
    root = make_course(tmp_path / "c")
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    done = run("check", root, "--baseline", baseline, "--lang", "en")
    assert done.returncode == 2 and needle in done.stderr and "Traceback" not in done.stderr


def test_baseline_and_write_baseline_together_are_refused(tmp_path, make_course, run):
    root = make_course(tmp_path / "c")
    done = run("check", root, "--baseline", tmp_path / "a", "--write-baseline", tmp_path / "b", "--lang", "en")
    assert done.returncode == 2 and "cannot be used together" in done.stderr


# ---------------------------------------------------------------- --changed-since

def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repository(tmp_path, make_course):
    """A git repository holding a course in a subfolder, committed on main, with two lesson banks of QZ104."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    top = tmp_path / "repo"
    root = make_course(top / "my course", select=["ST101", "QZ104"])
    for lesson in ("module-01/lesson-01", "module-01/lesson-02"):
        (root / lesson / "quiz.aiken.txt").write_text(AIKEN_FOUR.format(n=1), encoding="utf-8")
    _git(top, "init", "-q", "-b", "main")
    _git(top, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(top, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "course")
    _git(top, "checkout", "-q", "-b", "change")
    return top, root


def test_changed_since_limits_file_level_findings(repository, json_check):
    top, root = repository
    full, _ = json_check(root, cwd=top)
    assert sorted((f["rule"], f["file"]) for f in full["findings"]) == [
        ("QZ104", "module-01/lesson-01/quiz.aiken.txt"), ("QZ104", "module-01/lesson-02/quiz.aiken.txt"),
        ("ST101", "course.yaml")]
    bank = root / "module-01/lesson-02/quiz.aiken.txt"
    bank.write_text("Changed?\n" + AIKEN_FOUR.format(n=2)[3:], encoding="utf-8")  # uncommitted change
    document, code = json_check(root, "--changed-since", "main", cwd=top)
    assert sorted((f["rule"], f["file"]) for f in document["findings"]) == [
        ("QZ104", "module-01/lesson-02/quiz.aiken.txt"), ("ST101", "course.yaml")], "course-level rules still run"
    assert document["changed_since"] == {"ref": "main", "files": ["module-01/lesson-02/quiz.aiken.txt"],
                                         "left_out": 1}
    assert code == 1


def test_changed_since_counts_from_where_the_branch_left(repository):
    """What main gained after the branch left it is not a change of this branch."""
    top, root = repository
    _git(top, "checkout", "-q", "main")
    (root / "module-01/lesson-01/quiz.aiken.txt").write_text(AIKEN_FOUR.format(n=9), encoding="utf-8")
    _git(top, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "main moves on")
    _git(top, "checkout", "-q", "change")
    (root / "new.md").write_text("new", encoding="utf-8")  # untracked files count as changed
    scope = changed_files(root, "main")
    assert scope.files == {"new.md"}


@pytest.mark.parametrize("ref, needle", [("no-such-branch", "git does not know"), ("--output=x", "git does not know")])
def test_changed_since_an_unknown_reference_is_one_message(repository, run, ref, needle):
    top, root = repository
    done = run("check", root, f"--changed-since={ref}", "--lang", "en", cwd=top)
    assert done.returncode == 2 and needle in done.stderr and "Traceback" not in done.stderr
    assert not (top / "x").exists(), "a reference is never read as a git option"


def test_changed_since_outside_a_repository(tmp_path, make_course, run):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = make_course(tmp_path / "c")
    done = run("check", root, "--changed-since", "main", "--lang", "en", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert done.returncode == 2 and "not inside a git work tree" in done.stderr


def test_a_fingerprint_ignores_measurements_and_line_numbers_but_not_names():
    from dataclasses import replace

    from moocforge.ci.fingerprints import fingerprint
    from moocforge.findings import Finding, Location, Quantity, Severity, at_least

    loud = Finding("MD110", Severity.WARNING, "loudness", {"lufs": "-23.4", "min": -24}, Location("a.mp4"),
                   measured=Quantity(-23.4, "LUFS"), expected=at_least(-24, "LUFS"))
    same = fingerprint(loud, None)
    assert fingerprint(replace(loud, params={"lufs": "-23.5", "min": -24}, measured=Quantity(-23.5, "LUFS")), None) == same
    assert fingerprint(replace(loud, location=Location("a.mp4", line=9)), "x") != same, "the line's text counts"
    degree = Finding("CD105", Severity.WARNING, "incomplete", {"field": "degree"}, Location("course.yaml", line=9))
    assert fingerprint(degree, "- name: A") != fingerprint(replace(degree, params={"field": "workplace"}), "- name: A")
    assert fingerprint(degree, "- name: A") == fingerprint(replace(degree, location=Location("course.yaml", 12)), "- name: A")
