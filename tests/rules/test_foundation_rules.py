"""The foundation rules (CD, ST, DC, LK) beyond their cases: boundaries, locations, profiles.

Each rule's own failing and passing cases live in src/moocforge/rules/cases/
and run in test_rule_cases.py; here one complete course
(course_factory.good_descriptor) passes every foundation rule, and the tests
pin down what a single case cannot: boundaries, lines, units and profiles.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from course_factory import aiken_bank, good_descriptor, write_course, write_pdf
from moocforge.check import run_check
from moocforge.findings import Quantity, between
from moocforge.i18n import catalogue, missing_translations
from moocforge.rules.descriptor import count_sentences
from moocforge.rules.links import failure
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
    data["general_education"] = True  # §8.6: general-education MOOCs may exceed 100 hours: no cap
    root = write_course(tmp_path / "d", data)
    assert findings(root, "ST111") == []
    data["hours"] = 150
    assert findings(write_course(tmp_path / "e", data), "ST111") == []


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
    assert finding.params["problem"] == {"i18n": f"LK103.problem.{problem}"}
    assert f"({problem})" not in finding.text("ru"), "the reason is told in words, not as a code"


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


# What each built-in profile finds on the complete course beyond atu-2025: an institution's
# profile does something of its own (the interaction format, certificate fields, test deadlines,
# refresh periods, time limits, variant banks), and nothing else changes.
PROFILE_ADDS = {
    "atu-2025": set(),
    "kaznu": {("CD104", "missing"), ("CD114", "missing"), ("ST122", "missing"), ("ST126", "undeclared")},
    "katu": {("ST126", "undeclared"), ("ST127", "untimed"), ("ST128", "whole_bank")},
    "mes-2020": set(),  # subtitles are asked by ATU §10.4 already; the weekly self-study PDFs are full texts
    "kaznua": set(),  # the course declares no open licence
}


def test_institution_profiles_add_their_own_checks(good_course):
    from moocforge.profiles import builtin_profiles

    def found(name):
        result = run_check(good_course, profile=name, select=list(FOUNDATION))
        return {(f.rule_id, f.message, f.module, f.lesson, f.line, str(f.params)) for f in result.findings}

    assert set(PROFILE_ADDS) == set(builtin_profiles())
    base = found("atu-2025")
    added = {name: {place[:2] for place in found(name) - base} for name in PROFILE_ADDS}
    removed = {name: base - found(name) for name in PROFILE_ADDS}
    assert added == PROFILE_ADDS and removed == {name: set() for name in PROFILE_ADDS}


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


# ---------------------------------------------------------------- CD102: what ends a sentence

@pytest.mark.parametrize("text, sentences", [
    ("Курс Python тілін үйретеді. Соңында өз жобаңызды жасайсыз.", 2),
    ("Курс NumPy, pandas т.б. Python кітапханаларын үйретеді.", 1),
    ("Курс данных, напр. Python и т. е. pandas, для начинающих.", 1),
    ("Автор курса — А. Байтұрсынұлы атындағы мектептің мұғалімі.", 1),
    ("Курс ведёт И.И. Иванов.", 1),
    ("Learn the tools, e.g. NumPy, step by step.", 1),
    ("Learn NumPy etc. in four weeks.", 1),
    ("Python 3.11 нұсқасы. Жаңа курс!", 2),
    ("Вы научитесь… Всему!", 2),
    ("Мәтін… және т.б. деректер.", 1),
])
def test_abbreviations_and_initials_do_not_end_a_sentence(text, sentences):
    assert count_sentences(text) == sentences


# ---------------------------------------------------------------- plurals and labels in the reader's language

def _texts(root, rule_id, lang, **kwargs):
    return [f.text(lang) for f in findings(root, rule_id, **kwargs)]


def test_counts_take_each_languages_plural_form(tmp_path):
    data = good_descriptor()
    data["title"] = "Т" * 203
    data["modules"] = data["modules"][:3]
    root = write_course(tmp_path / "c", data)
    for j in (1, 2):
        (root / f"module-01/lesson-{j:02d}/quiz.aiken.txt").write_text(aiken_bank(2), encoding="utf-8")
    assert _texts(root, "CD101", "ru") == ["название длиной 203 символа; допускается не более 150"]
    assert _texts(root, "ST101", "ru") == ["в курсе 3 модуля; требуется 4–6"]
    assert "в модуле M1 4 практических вопроса; нужно более 10" in _texts(root, "ST109", "ru")
    assert "module M1 has 4 practice questions; more than 10 required" in _texts(root, "ST109", "en")
    data["modules"] = data["modules"][:1]
    one_module = write_course(tmp_path / "d", data)
    assert _texts(one_module, "ST101", "en") == ["course has 1 module; 4–6 required"]
    # 2 lessons × 6 + a module assessment of 10 + a final of 20 = 42 items
    assert _texts(one_module, "DC105", "ru") == ["в банках тестов курса 42 задания; требуется не менее 100"]


def test_missing_fields_are_named_by_their_form_01_label(tmp_path):
    data = good_descriptor()
    data["university"] = ""
    data["prerequisites"] = []
    data["authors"][0]["workplace"] = None
    root = write_course(tmp_path / "c", data)
    assert _texts(root, "CD104", "en") == [
        "not filled in: university, the developer (form 01, item 2); write it under `university:` in course.yaml",
        "not filled in: prerequisites (form 01, item 8); write it under `prerequisites:` in course.yaml"]
    assert _texts(root, "CD107", "ru") == ["в описании не указано: пререквизиты (форма 01, п. 8); заполните `prerequisites:`"]
    assert _texts(root, "CD105", "kk") == ["Асқарова Әйгерім авторында көрсетілмеген: автордың жұмыс орны "
                                           "(01 нысан, 5-тармақ); авторға `workplace:` өрісін қосыңыз"]


def test_a_missing_document_names_what_was_looked_for(tmp_path):
    root = write_course(tmp_path / "c", _without_bibliography(good_descriptor()))
    [text] = _texts(root, "DC101", "en")
    assert "looked in docs/ and beside course.yaml" in text
    assert "references…" in text and "литератур…" in text and "әдебиет…" in text
    assert "`documents:` as `bibliography:`" in text


def _without_bibliography(data):
    del data["documents"]["bibliography"]
    return data


def test_every_text_of_the_course_areas_is_translated():
    prefixes = ("course.", "field.", "CD1", "ST1", "DC1", "LK1")
    keys = [key for key in catalogue() if key.startswith(prefixes)]
    assert len(keys) > 200 and missing_translations(keys) == []


@pytest.mark.parametrize("error, kind", [
    ("timed out", "timeout"),
    ("[Errno 111] Connection refused", "refused"),
    ("[Errno -2] Name or service not known", "no_host"),
    ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "certificate"),
    ("something else", "other"),
    (None, "other"),
])
def test_link_failures_are_told_in_words(error, kind):
    assert failure(error) == kind


# ---------------------------------------------------------------- special files are named for what they are

def _check_json(root, *rules):
    """The CLI's JSON report, in a child process: a regression that opened a FIFO would hang only it."""
    proc = subprocess.run([sys.executable, "-m", "moocforge", "check", str(root), "--format", "json",
                           *[arg for rule in rules for arg in ("--select", rule)]],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": ":".join(sys.path)})
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["findings"]


def test_a_fifo_named_as_a_document_is_a_named_pipe_not_a_folder(tmp_path):
    root = write_course(tmp_path / "c", skip_files=("docs/glossary.pdf",))
    os.mkfifo(root / "docs/glossary.pdf")
    [finding] = findings(root, "LK101")
    assert finding.message == "special" and "is a named pipe (FIFO), not a file" in finding.text("en")
    assert "именованный канал" in finding.text("ru")
    assert [f["message_key"] for f in _check_json(root, "LK101", "DC102")] == ["LK101.special"]


def test_a_fifo_found_by_the_convention_is_reported_not_read(tmp_path):
    root = write_course(tmp_path / "c", _without_glossary(good_descriptor()))
    os.mkfifo(root / "docs/glossary.pdf")
    report = _check_json(root, "LK101", "DC102", "DC105")
    assert [f["message_key"] for f in report] == ["LK101.special"]


def _without_glossary(data):
    del data["documents"]["glossary"]
    return data


def test_a_dangling_link_is_not_called_a_missing_glossary(tmp_path):
    root = write_course(tmp_path / "c", _without_glossary(good_descriptor()))
    (root / "docs/glossary.pdf").symlink_to("../old/glossary.pdf")
    assert findings(root, "DC102") == []
    [finding] = findings(root, "LK101")
    assert finding.message == "broken_link" and finding.params["path"] == "docs/glossary.pdf"
    assert finding.file == "docs/glossary.pdf", "a file the convention found is pointed at, not course.yaml"
    assert "is a link to ../old/glossary.pdf, which does not exist" in finding.text("en")


def test_a_missing_file_is_still_missing(tmp_path):
    root = write_course(tmp_path / "c", skip_files=("docs/glossary.pdf",))
    assert [f.message for f in findings(root, "LK101")] == ["missing"]


# ---------------------------------------------------------------- consistency of the descriptor

def test_credits_against_hours_follow_a_department_profile(tmp_path):
    data = good_descriptor()
    data["credits"] = 2
    root = write_course(tmp_path / "c", data)
    assert findings(root, "CD111") == [], "atu-2025 sets no hours per credit"
    profile = tmp_path / "dept.yaml"
    profile.write_text("extends: atu-2025\ndescriptor:\n  hours_per_credit: 30\n", encoding="utf-8")
    [finding] = findings(root, "CD111", profile=str(profile))
    assert finding.text("ru") == "2 кредита по 30 ч — это 60 ч, а в курсе 16 ч"
    assert finding.clause == "profile dept.yaml"


def test_hours_duration_and_folders_agree_with_the_modules(tmp_path):
    data = good_descriptor()
    data["hours"] = 18
    data["duration_weeks"] = 5
    root = write_course(tmp_path / "c", data)
    (root / "module-05").mkdir()
    write_pdf(root / "module-05" / "self_study.pdf")
    assert _texts(root, "ST120", "en") == ["hours says 18 h, but the modules' weekly workloads add up to 16 h"]
    assert _texts(root, "CD110", "ru") == ["в duration_weeks 5 недель, а в курсе 4 модуля, по одному в неделю"]
    [folder] = findings(root, "ST121")
    assert folder.file == "module-05" and folder.severity == Severity.WARNING
