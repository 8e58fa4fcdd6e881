"""Acceptance 2: justified exceptions, configured or written next to what they excuse, counted in every format."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from moocforge.check import run_check
from moocforge.course.loose import ROLE_QUIZ, loose_files

SARIF_SCHEMA = Path(__file__).parents[1] / "report" / "data" / "sarif-schema-2.1.0.json"
PROTOCOL = "committee protocol No. 7, 2026-03-12"


def _excusing_st101(**extra) -> dict:
    return {"rules": ["ST101"], "paths": ["course.yaml"], "reason": PROTOCOL, **extra}


def test_a_suppressed_finding_is_counted_in_every_format(tmp_path, make_course, run):
    root = make_course(tmp_path / "c", exceptions=[_excusing_st101()])
    out = tmp_path / "out"
    out.mkdir()
    done = run("check", root, "--lang", "en", *[arg for fmt in ("json", "sarif", "junit", "github", "codeclimate")
                                               for arg in ("--report", f"{fmt}={out / fmt}")])
    assert done.returncode == 0, "only CD105, a warning, is left"
    assert "1 finding excused by exceptions" in done.stdout  # terminal

    document = json.loads((out / "json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in document["findings"]] == ["CD105"]
    (suppressed,) = document["suppressed"]
    assert suppressed["rule"] == "ST101" and suppressed["message_key"] == "ST101.out_of_range"
    assert suppressed["suppression"]["reason"] == PROTOCOL and suppressed["suppression"]["kind"] == "external"
    assert document["summary"]["suppressed"] == 1 and document["summary"]["total"] == 1

    sarif = json.loads((out / "sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    by_rule = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    (suppression,) = by_rule["ST101"]["suppressions"]
    assert suppression["kind"] == "external" and suppression["justification"] == PROTOCOL
    assert suppression["status"] == "accepted"
    assert suppression["location"]["physicalLocation"]["artifactLocation"]["uri"] == "course.yaml"
    assert "suppressions" not in by_rule["CD105"]

    junit = ET.parse(out / "junit").getroot()
    assert junit.get("skipped") == "1" and junit.get("tests") == "2"
    skipped = next(case for case in junit.iter("testcase") if case.find("skipped") is not None)
    assert skipped.get("name").startswith("ST101") and PROTOCOL in skipped.find("skipped").get("message")

    github = (out / "github").read_text(encoding="utf-8").splitlines()
    assert not any(line.startswith("::") and "ST101" in line for line in github)
    assert "moocforge: 1 finding excused by exceptions" in github

    assert [issue["check_name"] for issue in json.loads((out / "codeclimate").read_text(encoding="utf-8"))] == ["CD105"]


def test_paths_are_gitignore_globs(tmp_path, make_course, json_check):
    # CD105 points at course.yaml; a glob for quiz banks does not cover it, "*.yaml" does.
    root = make_course(tmp_path / "c", exceptions=[
        {"rules": ["CD105"], "paths": ["module-*/**/*.aiken.txt"], "reason": "banks only"},
        {"rules": ["ST"], "paths": ["*.yaml"], "reason": PROTOCOL}])
    document, _ = json_check(root, "--lang", "en")
    assert [f["rule"] for f in document["findings"] if not f["rule"].startswith("CI")] == ["CD105"]
    assert [s["rule"] for s in document["suppressed"]] == ["ST101"], "a prefix names every ST rule"
    unused = [f for f in document["findings"] if f["rule"] == "CI101"]
    assert len(unused) == 1 and "banks only" in unused[0]["message"]


def test_a_reason_is_required(tmp_path, make_course, run):
    root = make_course(tmp_path / "c", exceptions=[{"rules": ["ST101"], "paths": ["course.yaml"]}])
    done = run("check", root, "--lang", "en")
    assert done.returncode == 2 and "check.exceptions[0].reason" in done.stderr and "required" in done.stderr


def test_an_exception_for_a_rule_that_does_not_exist_is_refused(tmp_path, make_course, run):
    root = make_course(tmp_path / "c", exceptions=[{"rules": ["ST1O1"], "paths": ["course.yaml"], "reason": "x"}])
    done = run("check", root, "--lang", "en")
    assert done.returncode == 2 and "ST1O1" in done.stderr and "ST101" in done.stderr, "it names the closest rule"


def test_an_expired_exception_stops_applying_and_is_reported(tmp_path, make_course):
    root = make_course(tmp_path / "c", exceptions=[_excusing_st101(expires="2026-03-31")])
    still = run_check(root, today=dt.date(2026, 3, 31))
    assert [s.finding.rule_id for s in still.suppressed] == ["ST101"], "it applies on its last day"
    after = run_check(root, today=dt.date(2026, 4, 1))
    assert after.suppressed == []
    assert sorted(f.rule_id for f in after.findings) == ["CD105", "CI102", "ST101"]
    expired = next(f for f in after.findings if f.rule_id == "CI102")
    assert expired.params["date"] == "2026-03-31" and expired.file == "course.yaml" and expired.line


def test_an_exception_matching_nothing_is_reported_like_an_unused_noqa(tmp_path, make_course):
    root = make_course(tmp_path / "c", exceptions=[{"rules": ["ST102"], "paths": ["**"], "reason": "old decision"}])
    result = run_check(root, select=["ST"])
    unused = [f for f in result.findings if f.rule_id == "CI101"]
    assert len(unused) == 1 and unused[0].params["reason"] == "old decision"
    assert result.rules["CI101"].title("en") == "Exception that excuses nothing"
    # Not called unused when its rule did not run (here: not selected).
    assert [f for f in run_check(root, select=["CD105"]).findings if f.rule_id == "CI101"] == []


def test_a_media_exception_is_not_called_unused_without_the_media_evidence(tmp_path, make_course):
    """MD112 reads deep analysis: without --deep it had nothing to look at, so it cannot prove the exception stale."""
    root = make_course(tmp_path / "c", exceptions=[{"rules": ["MD112"], "paths": ["**"], "reason": "studio"}])
    assert [f for f in run_check(root, select=["MD112"]).findings if f.rule_id == "CI101"] == []


# ---------------------------------------------------------------- inline, course.yaml

def test_a_yaml_comment_excuses_the_entry_below_it(tmp_path, make_course, edit):
    insert_line, line_of = edit
    root = make_course(tmp_path / "c")
    descriptor = root / "course.yaml"
    author = line_of(descriptor, "- name: Асқарова")
    insert_line(descriptor, author, f"  # moocforge: ignore CD105 -- {PROTOCOL}")
    result = run_check(root)
    assert [f.rule_id for f in result.findings] == ["ST101"]
    (item,) = result.suppressed
    assert item.finding.rule_id == "CD105" and item.by.in_source and item.by.reason == PROTOCOL
    assert item.by.origin.line == author


def test_a_trailing_yaml_comment_covers_its_entry_and_a_quoted_one_is_text(tmp_path, make_course, edit):
    insert_line, line_of = edit
    root = make_course(tmp_path / "c")
    descriptor = root / "course.yaml"
    text = descriptor.read_text(encoding="utf-8")
    text = text.replace("\nmodules:\n", f"\nmodules:  # moocforge: ignore ST101 -- {PROTOCOL}\n", 1)
    text = text.replace("title: ", "title: '# moocforge: ignore CD105 -- not a comment' #", 1)
    descriptor.write_text(text, encoding="utf-8")
    result = run_check(root)
    assert [s.finding.rule_id for s in result.suppressed] == ["ST101"]
    assert [f.rule_id for f in result.findings] == ["CD105"], "a directive inside a quoted value is not a comment"


def test_a_comment_without_a_reason_does_not_apply(tmp_path, make_course, edit):
    insert_line, line_of = edit
    root = make_course(tmp_path / "c")
    insert_line(root / "course.yaml", line_of(root / "course.yaml", "- name: Асқарова"), "  # moocforge: ignore CD105")
    result = run_check(root)
    assert result.suppressed == []
    invalid = [f for f in result.findings if f.rule_id == "CI103"]
    assert [f.message for f in invalid] == ["no_reason"] and "CD105" in invalid[0].text("en")


# ---------------------------------------------------------------- inline, banks

def _lint(folder: Path, name: str, text: str, today=None):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return run_check(loose_files([folder / name], ROLE_QUIZ), select=["QZ"], today=today)


def test_a_gift_comment_excuses_the_question_after_it(tmp_path, run):
    text = "::Q1:: Capital? {=Astana ~Almaty}\n\n// moocforge: ignore QZ107 -- survey-style question\n" \
           "::Q2:: Two plus two? {~3 ~5}\n\n::Q3:: Sky? {~green ~red}\n"
    result = _lint(tmp_path, "bank.gift", text)
    assert [(f.rule_id, f.line) for f in result.findings] == [("QZ107", 6)]
    assert [(s.finding.rule_id, s.finding.line) for s in result.suppressed] == [("QZ107", 4)]
    # quiz lint (the pre-commit hook's command) applies it too
    done = run("quiz", "lint", tmp_path / "bank.gift", "--format", "json")
    assert [s["location"]["line"] for s in json.loads(done.stdout)["suppressed"]] == [4]


def test_an_aiken_bank_takes_its_comment_on_the_last_line(tmp_path):
    text = "Q1?\nA. a\nB. b\nC. c\nD. d\nANSWER: A\n\n// moocforge: ignore QZ104 until 2099-12-31 -- department rule 4\n"
    result = _lint(tmp_path, "bank.aiken.txt", text)
    assert result.findings == [], "QZ104 excused; the comment line itself is not a question without ANSWER"
    assert [s.finding.rule_id for s in result.suppressed] == ["QZ104"]
    assert result.suppressed[0].by.expires == dt.date(2099, 12, 31)


def test_an_aiken_header_comment_is_refused_because_moodle_refuses_it(tmp_path):
    text = "// moocforge: ignore QZ104 -- department rule 4\nQ1?\nA. a\nB. b\nC. c\nD. d\nANSWER: A\n"
    result = _lint(tmp_path, "bank.aiken.txt", text)
    assert result.suppressed == []
    rules = sorted((f.rule_id, f.message) for f in result.findings)
    assert ("CI103", "aiken_not_last") in rules
    assert ("QZ101", "multiline_stem") in rules, "Moodle's questionnotcomplete: the reader still says so"


def test_an_inline_exception_for_an_unknown_rule_is_reported(tmp_path):
    text = "::Q1:: Two plus two? {~3 ~5}\n// moocforge: ignore QZ999 -- typo\n::Q2:: Sky? {~green ~red}\n"
    result = _lint(tmp_path, "bank.gift", text)
    assert [(f.rule_id, f.message) for f in result.findings if f.rule_id == "CI103"] == [("CI103", "unknown_rule")]


@pytest.mark.parametrize("body, problem", [
    ("QZ104 -- why", None),
    ("QZ104, QZ109 until 2026-01-01 -- why", None),
    ("-- why", "no_rules"),
    ("QZ104", "no_reason"),
    ("QZ104 until 01.01.2026 -- why", "bad_date"),
    ("QZ104: the committee said so", "bad_rule"),
    ("QZ104 the committee said so", "no_reason"),
])
def test_directive_grammar(body, problem):
    from moocforge.ci.inline import parse_body

    assert parse_body(f" {body}")[3] == problem
