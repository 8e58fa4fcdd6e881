"""The foundation rules (CD, ST, DC, LK) beyond their cases: boundaries, locations, profiles.

Each rule's own failing and passing cases live in src/moocforge/rules/cases/
and run in test_rule_cases.py; here one complete course
(course_factory.good_descriptor) passes every foundation rule, and the tests
pin down what a single case cannot: boundaries, lines, units and profiles.
"""

from __future__ import annotations

import pytest

from course_factory import aiken_bank, good_descriptor, write_course
from moocforge.check import run_check
from moocforge.findings import Quantity, between
from moocforge.rules.registry import Severity

FOUNDATION = ("CD", "ST", "DC", "LK")


def findings(root, rule_id, **kwargs):
    result = run_check(root, select=[rule_id], **kwargs)
    return [f for f in result.findings if f.rule_id == rule_id]


@pytest.fixture(scope="module")
def good_course(tmp_path_factory):
    return write_course(tmp_path_factory.mktemp("good"))


def test_good_course_passes_every_foundation_rule(good_course):
    result = run_check(good_course, select=list(FOUNDATION))
    assert [(f.rule_id, f.text("en")) for f in result.findings] == []


def _uncovered_course_outcome(data):
    data["outcomes"].append({"id": "LO3", "text": "Жаңа нәтиже"})
    return data


def _unprotected(data):
    for module in data["modules"]:
        module["practical_task"]["parameterised"] = False
    return data


def test_descriptor_findings_point_at_the_line(tmp_path):
    data = good_descriptor()
    data["modules"][2]["workload_hours"] = 9
    root = write_course(tmp_path / "c", data)
    [finding] = findings(root, "ST110")
    text = (root / "course.yaml").read_text(encoding="utf-8").splitlines()
    assert finding.file == "course.yaml"
    assert text[finding.line - 1].strip().startswith("workload_hours: 9")
    assert finding.module == "M3" and finding.measured == Quantity(9, "h")


def test_practice_questions_boundary_is_strictly_more_than_ten(tmp_path):
    data = good_descriptor()
    root = write_course(tmp_path / "c", data)
    # two lessons × 5 questions = 10: not "more than 10"
    for j in (1, 2):
        (root / f"module-01/lesson-{j:02d}/quiz.aiken.txt").write_text(aiken_bank(5), encoding="utf-8")
    [finding] = findings(root, "ST109")
    assert finding.measured == Quantity(10, "questions") and finding.module == "M1"
    (root / "module-01/lesson-01/quiz.aiken.txt").write_text(aiken_bank(6), encoding="utf-8")
    assert findings(root, "ST109") == []


def test_workload_undeclared_is_a_warning(tmp_path):
    data = good_descriptor()
    del data["modules"][1]["workload_hours"]
    [finding] = findings(write_course(tmp_path / "c", data), "ST110")
    assert finding.message == "undeclared" and finding.severity == Severity.WARNING


def test_total_hours_from_module_workloads_and_general_education(tmp_path):
    data = good_descriptor(modules=6)
    for module in data["modules"]:
        module["workload_hours"] = 5.5  # 33 h in total, also outside 3–5 h per week
    root = write_course(tmp_path / "c", data)
    [finding] = findings(root, "ST111")
    assert finding.measured == Quantity(33, "h")
    data["general_education"] = True  # §8.6: up to 100 hours for general-education disciplines
    root = write_course(tmp_path / "d", data)
    assert findings(root, "ST111") == []


def test_announcement_from_file_is_measured(tmp_path):
    data = good_descriptor()
    del data["modules"][0]["announcement"]
    root = write_course(tmp_path / "c", data)
    (root / "module-01/announcement.md").write_text("Сәлем! " * 10, encoding="utf-8")
    [finding] = findings(root, "ST112")
    assert finding.file == "module-01/announcement.md" and finding.measured == Quantity(len(("Сәлем! " * 10).strip()), "chars")


def test_course_outcome_coverage_through_module_outcomes(tmp_path):
    root = write_course(tmp_path / "c", _uncovered_course_outcome(good_descriptor()))
    [finding] = findings(root, "ST113")
    assert finding.message == "course_outcome" and finding.params["id"] == "LO3"


def test_annotation_length_limit(tmp_path):
    data = good_descriptor()
    data["annotation"] = "а" * 101
    [finding] = findings(write_course(tmp_path / "c", data), "CD102")
    assert finding.message == "too_long" and finding.measured == Quantity(101, "chars")


def test_symlink_out_of_course_is_refused(tmp_path):
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4")
    root = write_course(tmp_path / "c", skip_files=("docs/glossary.pdf",))
    (root / "docs/glossary.pdf").symlink_to(outside)
    found = findings(root, "LK102")
    assert [f.params["path"] for f in found] == ["docs/glossary.pdf"]


@pytest.mark.parametrize("url, problem", [
    ("https://bad host/page", "space"),
    ("http:/example.org", "host"),
    ("ftp://files.atu.edu.kz/a.pdf", "scheme"),
    ("https://localhostx/page", "host"),
])
def test_malformed_url_reasons(tmp_path, url, problem):
    data = good_descriptor()
    data["modules"][0]["lessons"][0]["reading"] = [url]
    [finding] = findings(write_course(tmp_path / "c", data), "LK103")
    assert finding.params["problem"] == problem


def test_well_formed_urls_pass(tmp_path):
    data = good_descriptor()
    data["modules"][0]["lessons"][0]["reading"] = ["https://docs.python.org/3/", "www.atu.edu.kz/mooc"]
    assert findings(write_course(tmp_path / "c", data), "LK103") == []


def test_profile_override_changes_threshold(tmp_path):
    profile = tmp_path / "strict.yaml"
    profile.write_text("extends: atu-2025\nstructure:\n  modules:\n    min: 5\n", encoding="utf-8")
    root = write_course(tmp_path / "c")
    assert findings(root, "ST101") == []
    [finding] = findings(root, "ST101", profile=str(profile))
    assert finding.expected == between(5, 6, "modules") and finding.clause == "profile strict.yaml; ATU §8.1"


def test_good_course_passes_under_every_builtin_profile(good_course):
    from moocforge.profiles import builtin_profiles

    for name in builtin_profiles():
        result = run_check(good_course, profile=name, select=list(FOUNDATION))
        unexpected = [(f.rule_id, f.text("en")) for f in result.findings if not (name == "mes-2020" and f.rule_id == "ST119")]
        assert unexpected == [], name


def test_essays_count_as_open_unique_answers(tmp_path):
    data = _unprotected(good_descriptor())
    data["final_assessment"].update(kind="essay", weight=20)
    for module in data["modules"]:
        module["assessment"]["kind"] = "project"
    assert findings(write_course(tmp_path / "c", data), "ST118") == []


def test_missing_file_names_its_role_in_the_readers_language(tmp_path):
    root = write_course(tmp_path / "c", skip_files=("docs/glossary.pdf",))
    [finding] = findings(root, "LK101")
    assert "(глоссарий)" in finding.text("ru") and "glossary file" in finding.text("en")
    assert finding.params["path"] == "docs/glossary.pdf" and finding.line is not None
