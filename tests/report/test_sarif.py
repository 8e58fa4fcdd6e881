"""``--format sarif``: valid against the official OASIS SARIF 2.1.0 schema, and useful."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from moocforge.report import render_report, sarif
from moocforge.rules.registry import get_rule

DATA = Path(__file__).parent / "data"
SCHEMA_FILE = DATA / "sarif-schema-2.1.0.json"
# The errata01 schema as OASIS publishes it (see data/README.md); a changed file is no longer "official".
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_real_check_is_valid_sarif(checked, validator):
    log = json.loads(render_report(checked, "sarif", "kk"))
    assert_valid(validator, log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1 and len(log["runs"][0]["results"]) == 5


def test_hand_built_findings_are_valid_sarif(handmade, validator):
    assert_valid(validator, json.loads(sarif.render(handmade, "ru")))


def test_the_schema_does_reject_a_broken_log(checked, validator):
    log = json.loads(sarif.render(checked, "en"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(validator.iter_errors(log))) == 2


def test_driver_describes_each_rule_used(checked):
    driver = json.loads(sarif.render(checked, "ru"))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "moocforge"
    rules = {r["id"]: r for r in driver["rules"]}
    assert sorted(rules) == ["DC105", "LK101", "ST101", "ST104", "ST110"]
    st101 = rules["ST101"]
    assert st101["name"] == "module-count"
    assert st101["shortDescription"]["text"] == "Модулей в курсе: 4–6"
    assert st101["fullDescription"]["text"].startswith("Что:") and st101["help"]["text"] == st101["fullDescription"]["text"]
    assert st101["properties"]["clause"] == "ATU §8.1"
    for rule_id, descriptor in rules.items():
        assert descriptor["defaultConfiguration"]["level"] == sarif.LEVELS[get_rule(rule_id).severity]


def test_results_point_at_course_files(checked):
    run = json.loads(sarif.render(checked, "kk"))["runs"][0]
    base = run["originalUriBaseIds"]["COURSEROOT"]["uri"]
    assert base == checked.course.root.resolve().as_uri() + "/"
    rules = run["tool"]["driver"]["rules"]
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        physical = item["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "course.yaml", "uriBaseId": "COURSEROOT"}
        assert physical["region"]["startLine"] >= 1
    st101 = next(r for r in run["results"] if r["ruleId"] == "ST101")
    assert st101["level"] == "error"
    assert st101["message"]["text"].startswith("курста 3 модуль бар; 4–6 болуы тиіс (өлшенгені: 3")
    assert st101["properties"]["measured"] == {"value": 3, "unit": "modules"}


def test_levels_locations_and_awkward_names(handmade, awkward):
    awkward_file, _ = awkward
    results = {r["ruleId"]: r for r in json.loads(sarif.render(handmade, "en"))["runs"][0]["results"]}
    assert [results[k]["level"] for k in ("ST101", "ST110", "ST104")] == ["error", "warning", "note"]
    lk101 = results["LK101"]["locations"][0]
    uri = lk101["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and "," not in uri and unquote(uri) == awkward_file
    assert "region" not in lk101["physicalLocation"]  # no line, no region
    assert [(l["kind"], l["fullyQualifiedName"]) for l in lk101["logicalLocations"]] == [
        ("module", "M1"), ("lesson", "M1/M1.L1")]
    # no file: the descriptor stands in, and the slide is the location's message
    st104 = results["ST104"]["locations"][0]
    assert st104["physicalLocation"]["artifactLocation"]["uri"] == "course.yaml"
    assert st104["message"]["text"] == "slide 3" and st104["properties"] == {"slide": 3}
