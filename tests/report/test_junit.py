"""``--format junit``: well-formed XML whose counts agree with its test cases."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from moocforge.report import junit, render_report
from moocforge.findings import Severity


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def outcome_counts(cases) -> dict[str, int]:
    cases = list(cases)
    return {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }


def declared_counts(element: ET.Element) -> dict[str, int]:
    return {key: int(element.get(key)) for key in ("tests", "failures", "errors", "skipped")}


def test_counts_agree_with_test_cases_at_every_level(checked):
    root = parse(render_report(checked, "junit", "kk"))
    assert root.tag == "testsuites"
    assert declared_counts(root) == outcome_counts(root.iter("testcase")) == {
        "tests": 5, "failures": 4, "errors": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        assert declared_counts(suite) == outcome_counts(suite.iter("testcase"))
    assert sorted(s.get("name") for s in root.findall("testsuite")) == [
        "moocforge.documents", "moocforge.links", "moocforge.structure"]


def test_one_test_case_per_finding_named_by_rule_and_place(checked):
    root = parse(junit.render(checked, "kk"))
    case = next(c for c in root.iter("testcase") if c.get("name").startswith("ST101 "))
    assert case.get("classname") == "moocforge.structure.ST101"
    assert case.get("name").startswith("ST101 course.yaml:")
    assert case.get("name").endswith(": курста 3 модуль бар; 4–6 болуы тиіс")
    assert case.get("file") == f"{checked.course.root.as_posix()}/course.yaml"
    failure = case.find("failure")
    assert failure.get("type") == "error" and failure.get("message") == "курста 3 модуль бар; 4–6 болуы тиіс"
    assert "өлшенгені: 3" in failure.text and "ATU §8.1" in failure.text


def test_warnings_pass_unless_fail_on_says_otherwise(checked):
    root = parse(junit.render(checked, "en"))
    warning = next(c for c in root.iter("testcase") if c.get("name").startswith("ST110"))
    assert warning.find("failure") is None and "workload" in warning.find("system-out").text
    strict = parse(junit.render(checked, "en", fail_on=Severity.WARNING))
    assert declared_counts(strict)["failures"] == 5


def test_crashed_rule_is_an_error_and_text_is_escaped(handmade, awkward):
    awkward_file, awkward_text = awkward
    text = junit.render(handmade, "ru")
    root = parse(text)  # would raise on an unescaped '<', '&' or a control character
    assert declared_counts(root) == outcome_counts(root.iter("testcase")) == {
        "tests": 5, "failures": 2, "errors": 1, "skipped": 0}
    crashed = next(c for c in root.iter("testcase") if c.find("error") is not None)
    assert "ValueError: <bad> & broken" in crashed.find("error").get("message")
    awkward = next(c for c in root.iter("testcase") if c.get("name").startswith("LK101"))
    message = awkward.find("failure").get("message")
    # everything survives the round trip except the bell, which XML cannot carry
    assert awkward_text.replace("\x07", "\\x07").replace("\r", "\n") in message.replace("\r", "\n")
    assert awkward.get("file").endswith(awkward_file)
    assert "\x07" not in text


def test_clean_course_is_one_passing_test(clean):
    root = parse(junit.render(clean, "kk"))
    assert declared_counts(root) == {"tests": 1, "failures": 0, "errors": 0, "skipped": 0}
    assert next(root.iter("testcase")).get("name") == "Ескертпе жоқ: курс тексерілген барлық ережеге сай."


def test_xml_safe_keeps_cyrillic_and_marks_control_characters():
    assert junit.xml_safe("Қате\x00\x1b ok\t\n") == "Қате\\x00\\x1b ok\t\n"
