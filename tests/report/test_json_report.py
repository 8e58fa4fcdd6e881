"""``--format json``: versioned, schema-valid, documented field by field."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest

from moocforge import __version__
from moocforge.report import json_report, render_report


def reject_constants(name):
    raise ValueError(f"not strict JSON: {name}")


def parse_strict(text: str) -> dict:
    return json.loads(text, parse_constant=reject_constants)


@pytest.fixture(scope="module")
def schema() -> dict:
    text = (resources.files("moocforge") / json_report.SCHEMA_RESOURCE).read_text(encoding="utf-8")
    document = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


def test_real_check_matches_the_shipped_schema(checked, schema):
    document = parse_strict(render_report(checked, "json", "ru"))
    jsonschema.validate(document, schema)
    assert document["format"] == "moocforge-check" and document["version"] == 2
    assert document["tool"] == {"name": "moocforge", "version": __version__}
    assert document["language"] == "ru"
    assert document["course"]["title"] == "Python тілінде деректерді талдау негіздері"
    assert document["course"]["path"].endswith("/курс")
    assert document["profile"]["name"] == "atu-2025"


def test_findings_carry_rendered_message_and_everything_to_re_render_it(checked):
    document = parse_strict(json_report.render(checked, "kk"))
    st101 = next(f for f in document["findings"] if f["rule"] == "ST101")
    assert st101["severity"] == "error"
    assert st101["message"] == "курста 3 модуль бар; 4–6 болуы тиіс"
    assert st101["message_key"] == "ST101.out_of_range"
    assert st101["params"] == {"count": 3, "min": 4, "max": 6}
    assert st101["rule_title"] == "Курстағы модульдер саны: 4–6"
    assert (st101["file"], st101["measured"], st101["expected"], st101["clause"]) == (
        "course.yaml", {"value": 3, "unit": "modules"}, {"op": "between", "value": 4, "upper": 6, "unit": "modules"},
        "ATU §8.1")
    assert (st101["measured_text"], st101["expected_text"]) == ("3", "4–6")
    assert isinstance(st101["location"]["line"], int)
    st104 = next(f for f in document["findings"] if f["rule"] == "ST104")
    assert (st104["module"], st104["lesson"]) == ("M2", "M2.L1")


def test_summary_agrees_with_the_findings(checked):
    document = parse_strict(json_report.render(checked, "en"))
    findings, summary = document["findings"], document["summary"]
    assert summary["total"] == len(findings) == 5
    for severity in ("error", "warning", "info"):
        assert summary[severity] == sum(1 for f in findings if f["severity"] == severity)
    assert summary["files"] == len({f["file"] for f in findings if f["file"]})


def test_odd_measured_values_are_strict_json(handmade, schema):
    document = parse_strict(json_report.render(handmade, "kk"))
    jsonschema.validate(document, schema)
    by_rule = {f["rule"]: f for f in document["findings"]}
    assert by_rule["LK101"]["measured"]["value"] == "nan" and by_rule["LK101"]["expected"]["value"] == 900.0
    assert by_rule["ST110"]["expected"] == {"op": "between", "value": 3, "upper": 5, "unit": "h"}
    assert by_rule["ST104"]["measured"]["value"] == "2026-01-05" and by_rule["ST104"]["expected"]["value"] == ["a", "b"]
    assert by_rule["ST102"]["measured"]["value"] == "a/b" and by_rule["ST102"]["expected"]["value"] == "inf"
    assert by_rule["ST104"]["location"]["slide"] == 3 and by_rule["ST104"]["file"] is None
    assert "\n" in by_rule["LK101"]["message"]  # the text survives as it is; JSON escapes it


def test_schema_rejects_a_document_that_breaks_the_contract(checked, schema):
    document = parse_strict(json_report.render(checked, "en"))
    document["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_every_field_is_documented(checked, repo_root):
    docs = (repo_root / "docs" / "report-formats.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([A-Za-z_]+(?:\.[A-Za-z_]+)*)`", docs))
    document = parse_strict(json_report.render(checked, "en"))
    paths = set()
    for key, value in document.items():
        paths.add(key)
        if isinstance(value, dict):
            paths.update(f"{key}.{sub}" for sub in value)
    paths.update(f"findings.{key}" for key in document["findings"][0])
    # rules and evidence are keyed by rule id and evidence kind: the docs name their fields
    paths -= {p for p in paths if p.startswith("rules.")}
    paths.update(f"rules.ID.{key}" for key in next(iter(document["rules"].values())))
    paths -= {p for p in paths if p.startswith("evidence.")}
    paths.update(f"evidence.{kind}" for kind in document["evidence"])
    assert sorted(paths - documented) == []
