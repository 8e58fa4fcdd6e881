"""``--format codeclimate``: GitLab Code Quality, checked against the fields GitLab documents."""

from __future__ import annotations

import json

import jsonschema
from moocforge.findings import Finding, Location, Severity
from moocforge.report import codeclimate, render_report

# GitLab's "Code Quality report format" (docs.gitlab.com, ci/testing/code_quality): an array of
# objects with description, check_name, fingerprint, severity (info, minor, major, critical,
# blocker) and location.path with location.lines.begin (or location.positions.begin.line);
# plus the Code Climate specification's type "issue" and its categories.
CODE_QUALITY_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "type": {"const": "issue"},
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "minLength": 1},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "categories": {"type": "array", "minItems": 1, "items": {"enum": [
            "Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication", "Performance", "Security", "Style"]}},
        "content": {"type": "object", "required": ["body"], "properties": {"body": {"type": "string"}}},
        "location": {
            "type": "object",
            "required": ["path", "lines"],
            "properties": {
                "path": {"type": "string", "minLength": 1, "not": {"pattern": "^(/|\\./)"}},
                "lines": {"type": "object", "required": ["begin"],
                          "properties": {"begin": {"type": "integer", "minimum": 1}}},
            },
        },
    },
}
CODE_QUALITY_REPORT = {"type": "array", "items": CODE_QUALITY_ISSUE}


def _issues(result, lang="en") -> list[dict]:
    issues = json.loads(codeclimate.render(result, lang))
    jsonschema.validate(issues, CODE_QUALITY_REPORT)
    return issues


def test_a_real_check_is_a_valid_code_quality_report(checked, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    issues = _issues(checked)
    assert sorted(i["check_name"] for i in issues) == ["DC105", "LK101", "ST101", "ST104", "ST110"]
    assert len({i["fingerprint"] for i in issues}) == len(issues), "GitLab keeps only the first of a fingerprint"
    by_rule = {i["check_name"]: i for i in issues}
    assert by_rule["ST101"]["severity"] == "major" and by_rule["ST110"]["severity"] == "minor"
    assert by_rule["ST101"]["location"]["path"].endswith("курс/course.yaml")
    assert by_rule["ST101"]["description"].startswith("ST101: ")
    assert "ATU §8.1" in by_rule["ST101"]["content"]["body"]


def test_the_schema_does_reject_a_broken_issue(checked, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    issues = json.loads(codeclimate.render(checked, "en"))
    issues[0]["severity"] = "error"
    del issues[1]["location"]["lines"]
    assert len(list(jsonschema.Draft202012Validator(CODE_QUALITY_REPORT).iter_errors(issues))) == 2


def test_hand_built_findings(handmade, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # paths are read from the working directory outside a repository
    issues = _issues(handmade, "kk")
    severities = [i["severity"] for i in issues]
    assert severities.count("info") == 1 and severities.count("minor") == 1
    # a finding without a line still gets one: GitLab needs it
    assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)


def test_identical_problems_get_unique_fingerprints(handmade, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    twin = Finding("ST101", Severity.ERROR, "out_of_range", {"count": 3, "min": 4, "max": 6}, Location("course.yaml"))
    handmade.findings = [twin, Finding(**{**twin.__dict__})]
    prints = [i["fingerprint"] for i in _issues(handmade)]
    assert len(set(prints)) == 2 and prints[0].rsplit(":", 1)[0] == prints[1].rsplit(":", 1)[0]


def test_no_findings_is_an_empty_array(handmade):
    handmade.findings = []
    assert json.loads(render_report(handmade, "codeclimate", "en")) == []


def test_every_checking_command_offers_it():
    from moocforge.cli.common import OutputFormat

    assert "codeclimate" in OutputFormat.__members__
