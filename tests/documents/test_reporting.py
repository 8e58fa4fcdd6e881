"""Findings name the page or slide (acceptance 5) and the rubric criteria they inform (acceptance 6)."""

from __future__ import annotations

import json

from moocforge.check import run_check
from moocforge.report import json_report, sarif, terminal
from moocforge.rules.registry import get_rule


def test_slide_and_page_reach_every_report(document_course):
    root = document_course({"module-01/lesson-01/slides_1_1.pptx": {"set": {"summary_heading": "Click to add title"}},
                            "docs/glossary.pdf": {"scan": {"pages": 2}}})
    result = run_check(root, select=["SL104", "PD102"])
    leftover = next(f for f in result.findings if f.rule_id == "SL104")
    assert leftover.location.slide == 4
    assert "slide 4" in terminal.render(result, "en", color=False, width=200)
    document = json.loads(json_report.render(result, "en"))
    assert {(f["rule"], f["location"].get("slide"), f["location"].get("page")) for f in document["findings"]} == \
        {("SL104", 4, None), ("PD102", None, 1)}
    assert set(document["evidence"]) >= {"pdf", "slides"}
    locations = [r["locations"][0] for r in json.loads(sarif.render(result, "en"))["runs"][0]["results"]]
    assert {loc.get("properties", {}).get("slide") for loc in locations} >= {4}


def test_rules_name_the_rubric_criteria_they_inform():
    readability = ("SL101", "SL104", "SL105", "SL106", "SL107", "SL108")
    assert all(2 in get_rule(rule_id).criteria for rule_id in readability)
    assert all(5 in get_rule(rule_id).criteria for rule_id in ("PD103", "PD106", "PD101", "PD102"))
    assert all(3 in get_rule(rule_id).criteria for rule_id in ("PD104", "PD105", "SL102", "SL103"))
