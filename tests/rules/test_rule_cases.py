"""Every rule's cases (src/moocforge/rules/cases/<ID>.yml), run as a user's check would run them.

One parametrised test runs each case (ids such as ``ST110-fail-week-too-heavy``):
a failing case must give exactly the findings it lists, a passing case none of
its rule. The other tests keep the catalogue honest: every rule has a case file
with a failing and a passing case, names only its own messages, and gives the
Example that `moocforge rules ID` prints everything its message needs.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from moocforge.findings import Finding
from moocforge.i18n import catalogue, missing_translations
from moocforge.languages import LANGUAGES
from moocforge.rules.cases import (
    Case, CaseFileError, Expected, apply_patch, case_rule_ids, load_cases, media_recipes, parse_cases, parse_path)
from moocforge.rules.registry import all_rules, get_rule


def _collect():
    cases = []
    for rule_id in case_rule_ids():
        try:
            found = load_cases(rule_id)
        except CaseFileError:
            continue  # test_every_rule_has_a_failing_and_a_passing_case names the broken file
        for case in found.all:
            marks = [pytest.mark.slow] if case.kind == "media" else []
            marks += [pytest.mark.online] if case.server else []
            cases.append(pytest.param(case, id=case.id, marks=marks))
    return cases


def shown(value: Any) -> Any:
    """A parameter as a report prints it (7 and 7.0 print differently, so here they differ)."""
    return value if isinstance(value, dict) else str(value)


def _matches(finding: Finding, expected: Expected) -> bool:
    fields = ("message", "line", "file", "module", "lesson", "severity", "clause")
    if any(getattr(expected, name) is not None and getattr(finding, name) != getattr(expected, name)
           for name in fields):
        return False
    return all(key in finding.params and (_close(finding.params[key], value) if key in expected.measured
                                          else shown(finding.params[key]) == shown(value))
               for key, value in expected.params.items())


def _close(found: Any, wanted: Any) -> bool:
    """A figure ffmpeg measured: within a quarter of the case's value (builds differ slightly)."""
    try:
        found_number, wanted_number = float(str(found)), float(str(wanted))
    except ValueError:
        return shown(found) == shown(wanted)
    return abs(found_number - wanted_number) <= 0.25 * max(abs(wanted_number), 1.0)


def _describe(finding: Finding) -> str:
    where = ":".join(str(part) for part in (finding.file, finding.line) if part) or "-"
    return f"{finding.message} at {where} {finding.params}"


def mismatches(case: Case, findings: list[Finding]) -> list[str]:
    """What differs between the findings and the case's expectations, in report order (empty: it holds)."""
    wanted = [item for item in case.expect for _ in range(item.count)]
    if len(wanted) != len(findings):
        return [f"expected {len(wanted)} finding(s), got {len(findings)}:", *map(_describe, findings)]
    return [f"finding {i + 1}: {_describe(finding)} does not match {expected}"
            for i, (finding, expected) in enumerate(zip(findings, wanted)) if not _matches(finding, expected)]


@pytest.mark.parametrize("case", _collect())
def test_rule_case(case, run_rule_case):
    findings = run_rule_case(case)
    assert mismatches(case, findings) == []
    for finding in findings:
        assert finding.clause, "a finding cites its clause"
        for lang in LANGUAGES:
            assert finding.text(lang) != finding.message_key, f"{finding.message_key} is not translated into {lang}"
        assert finding.text("kk") != finding.text("en"), f"{finding.message_key} reads the same in kk and en"
        if case.kind == "bank":
            assert finding.file and finding.line, "a bank finding points at the file and the question's line"


def test_every_rule_has_a_failing_and_a_passing_case():
    registered = {item.id for item in all_rules()}
    problems = [f"{rule_id}: case file for a rule that does not exist" for rule_id in case_rule_ids()
                if rule_id not in registered]
    for rule_id in sorted(registered):
        try:
            cases = load_cases(rule_id)
        except CaseFileError as exc:
            problems.append(str(exc))
            continue
        if cases is None:
            problems.append(f"{rule_id}: no case file (src/moocforge/rules/cases/{rule_id}.yml)")
            continue
        if not cases.failing:
            problems.append(f"{rule_id}: no failing case")
        if not cases.passing:
            problems.append(f"{rule_id}: no passing case")
    assert problems == []


def _all_cases():
    return [case for rule_id in case_rule_ids() for case in load_cases(rule_id).all]


def test_cases_expect_only_messages_their_rule_emits():
    unknown = [f"{case.id}: {expected.message}" for case in _all_cases() for expected in case.expect
               if expected.message not in get_rule(case.rule_id).messages]
    assert unknown == []


def _placeholders(template: str) -> set[str]:
    """{name} and {name, plural, …} (whose variants may hold {names} of their own)."""
    return set(re.findall(r"\{(\w+)(?:\}|\s*,\s*plural\s*,)", template))


def test_examples_give_every_parameter_their_message_needs():
    """`moocforge rules ID` prints the Example's finding from the case file, without running anything."""
    gaps = []
    for rule_id in case_rule_ids():
        example = load_cases(rule_id).example()
        first = example.expect[0]
        for lang in LANGUAGES:
            needed = _placeholders(catalogue()[f"{rule_id}.{first.message}"][lang])
            if needed - set(first.params):
                gaps.append(f"{example.id} [{lang}]: add {sorted(needed - set(first.params))} to its first expect")
    assert gaps == []


def test_media_cases_name_described_recipes():
    from media_factory import RECIPES, MediaFactory

    recipes = {name for case in _all_cases() for name in media_recipes(case)}
    assert recipes, "the MD rules' cases name media recipes"
    unknown = sorted(name for name in recipes if name not in RECIPES and not hasattr(MediaFactory, f"_make_{name}"))
    assert unknown == []
    assert missing_translations(f"catalogue.recipe.{name}" for name in sorted(recipes)) == []


def test_catalogue_labels_are_translated():
    assert missing_translations(key for key in catalogue() if key.startswith("catalogue.")) == []


# ---------------------------------------------------------------- the format itself

@pytest.mark.parametrize("text, problem", [
    ("rule: ST999\nfail: []\n", "says rule 'ST999'"),
    ("rule: ST101\nfail:\n  - name: a\n    descriptor: {}\n", "lists the findings it expects"),
    ("rule: ST101\npass:\n  - name: a\n    descriptor: {}\n    bank: {a.gift: x}\n", "exactly one input"),
    ("rule: ST101\npass:\n  - name: a\n    descriptor: {set: {'modules[x]': 1}}\n", "not a path"),
    ("rule: ST101\npass:\n  - name: a\n    descriptor: {}\n    options: {fast: true}\n", "options are"),
    ("rule: ST101\npass:\n  - name: a\n    descriptor: {}\n    fixes: b\n", "fixes names no failing case"),
    ("rule: ST101\npass:\n  - name: a\n    media: {videos: {lesson1: [{file: p25}]}}\n", "M1.L1"),
    ("rule: ST101\npass:\n  - name: a\n    descriptor: {}\n  - name: a\n    descriptor: {}\n", "unique"),
    ("rule: ST101\nfail:\n  - name: a\n    descriptor: {}\n    expect: [{count: 2}]\n", "has a message"),
    ("rule: [ST101\n", "not valid YAML"),
])
def test_a_malformed_case_file_is_one_clear_error(text, problem):
    with pytest.raises(CaseFileError, match="rules/cases/ST101.yml") as raised:
        parse_cases("ST101", text)
    assert problem in str(raised.value)


def test_descriptor_patches():
    data = {"title": "A", "modules": [{"id": "M1", "hours": 4, "tasks": [1, 2, 3]}, {"id": "M2", "hours": 4}]}
    patched = apply_patch(data, {"set": {"modules[*].hours": 5, "title": "B"}, "delete": ["modules[1].id"],
                                 "truncate": {"modules[0].tasks": 1}})
    assert patched == {"title": "B", "modules": [{"id": "M1", "hours": 5, "tasks": [1]}, {"hours": 5}]}
    assert data["title"] == "A", "the original is left alone"
    assert parse_path("modules[0].lessons[*].quiz") == ("modules", 0, "lessons", "*", "quiz")
