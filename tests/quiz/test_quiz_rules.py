"""The QZ rules beyond their cases, through the same path `quiz lint` takes.

Each rule's own failing and passing banks live in src/moocforge/rules/cases/
and run in tests/rules/test_rule_cases.py. Here banks are real files in
tmp_path too: ``run_check`` on them as loose files turns them into quiz
evidence and runs the catalogue's QZ rules, exactly what ``moocforge check``
does for a course's banks (the course-level cases at the end check a course).
"""

from __future__ import annotations

from course_factory import aiken_bank, good_descriptor, write_course
from moocforge.check import run_check
from moocforge.course.loose import ROLE_QUIZ, loose_files
from moocforge.findings import Severity


def lint(tmp_path, files: dict[str, str]):
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return run_check(loose_files(paths, ROLE_QUIZ), profile="atu-2025", select=["QZ"]).findings


def found(findings, rule_id):
    return [(f.message, f.line) for f in findings if f.rule_id == rule_id]


def aiken(stem: str, options: list[str], key: str) -> str:
    return "\n".join([stem, *[f"{chr(65 + i)}. {o}" for i, o in enumerate(options)], f"ANSWER: {key}", ""])


CLEAN_GIFT = """// [tag:M1.1]
::Capital::What is the capital of Kazakhstan? {=Astana ~Almaty ~Shymkent}

Python is interpreted.{TRUE}

How many bits in a byte? {#8}

Which are prime? {~%50%2 ~%50%3 ~%-100%4}
"""


def test_clean_banks_pass_every_qz_rule(tmp_path):
    findings = lint(tmp_path, {"clean.aiken.txt": aiken_bank(10), "clean.gift": CLEAN_GIFT})
    assert [(f.rule_id, f.text("en")) for f in findings] == []


def test_key_bias_and_longest_cue_wait_for_enough_questions(tmp_path):
    nine = "\n".join(aiken(f"Сұрақ {i}?", ["толық әрі нақты жауап", "жоқ", "иә"], "A") for i in range(9))
    assert found(lint(tmp_path, {"nine.aiken.txt": nine}), "QZ109") == []
    assert found(lint(tmp_path, {"nine.aiken.txt": nine}), "QZ110") == []


def test_form_05_applies_to_aiken_banks_only(tmp_path):
    four = "Q? {=a ~b ~c ~d}\n"
    assert found(lint(tmp_path, {"four.gift": four}), "QZ104") == []


def test_severities_follow_the_catalogue(tmp_path):
    findings = lint(tmp_path, {"w.gift": "Q? {true}\n\nR? {=a ~a}\n"})
    assert {(f.rule_id, f.severity) for f in findings} == {("QZ102", Severity.WARNING), ("QZ106", Severity.ERROR)}


# ---------------------------------------------------------------- in a course (moocforge check)

TAGGED_ONLY_M1_1 = "// [tag:M1.1]\nQ1? {=a ~b}\n\n// [tag:M1.1]\nQ2? {=c ~d}\n"


def _course_with_module_bank(tmp_path, bank: str):
    data = good_descriptor()
    module = data["modules"][0]
    module["practical_task"]["outcomes"] = []
    module["assessment"]["file"] = "module-01/assessment.gift"
    root = write_course(tmp_path, data)
    (root / "module-01/assessment.gift").write_text(bank, encoding="utf-8")
    return root


def test_outcome_coverage_follows_question_tags(tmp_path):
    root = _course_with_module_bank(tmp_path / "c", TAGGED_ONLY_M1_1)
    result = run_check(root, select=["QZ113", "ST113"])
    # The descriptor claims M1.1–M1.4 for the assessment (ST113 is content); the questions check M1.1
    # only, the lessons M1.1–M1.2: M1.3 and M1.4 are checked by nothing.
    assert [(f.rule_id, f.params["id"]) for f in result.findings] == [("QZ113", "M1.3"), ("QZ113", "M1.4")]
    assert all(f.file == "course.yaml" and f.line for f in result.findings)


def test_outcome_coverage_passes_when_tags_cover_every_outcome(tmp_path):
    bank = TAGGED_ONLY_M1_1 + "\n// [tag:M1.3]\nQ3? {=e ~f}\n\n$CATEGORY: $course$/top/M1.4\n\nQ4? {=g ~h}\n"
    root = _course_with_module_bank(tmp_path / "c", bank)
    assert run_check(root, select=["QZ113"]).findings == []


def test_check_runs_quiz_rules_on_the_course_banks_with_module_and_lesson(tmp_path):
    root = write_course(tmp_path / "c")
    bank = root / "module-02/lesson-01/quiz.aiken.txt"
    bank.write_text(aiken_bank(6).replace("\nA. бірінші", "\nА. бірінші", 1), encoding="utf-8")
    findings = run_check(root, select=["QZ101"]).findings
    assert [(f.file, f.line, f.module, f.lesson) for f in findings] == [
        ("module-02/lesson-01/quiz.aiken.txt", 2, "M2", "M2.L1")]


def test_question_counts_are_exact(tmp_path):
    root = write_course(tmp_path / "c")
    bank = root / "module-01/lesson-01/quiz.aiken.txt"
    # Six good questions, one Moodle would misread, one with no ANSWER line: six test items.
    bank.write_text(aiken_bank(6) + "\nBroken?\nA. x\nB. y\nANSWER: C\n\nUnfinished?\nA. x\nB. y\n",
                    encoding="utf-8")
    gift = root / "final/final.gift"
    # Three true/false questions; a description is no test item, and Moodle refuses a 33 % weight.
    gift.write_text("Intro text, not a question.\n\n" + "\n".join(f"Q{i}? {{T}}\n" for i in range(3))
                    + "\nR? {~%33%a ~%67%b}\n", encoding="utf-8")
    result = run_check(root, select=["ST109", "DC105"])
    assert result.evidence.quiz["module-01/lesson-01/quiz.aiken.txt"].question_count == 6
    assert result.evidence.quiz["final/final.aiken.txt"].question_count == 20
    from moocforge.inspect.quiz import inspect_bank

    assert inspect_bank(gift, "final/final.gift").question_count == 3


def test_surveys_are_read_but_not_graded(tmp_path):
    data = good_descriptor()
    data["surveys"] = {"pre": {"file": "surveys/pre.gift"}}
    root = write_course(tmp_path / "c", data)
    (root / "surveys").mkdir()
    # Opinion questions: no correct answer, an essay, a matching-like scale; only reading problems count.
    (root / "surveys/pre.gift").write_text("How do you rate Python? {~1 ~2 ~3}\n\nWhy this course? {}\n\n"
                                           "Rate: {true}\n", encoding="utf-8")
    result = run_check(root, select=["QZ"])
    assert [(f.rule_id, f.file, f.message) for f in result.findings if f.file == "surveys/pre.gift"] == [
        ("QZ102", "surveys/pre.gift", "truefalse_case")]
    assert result.evidence.quiz["surveys/pre.gift"].question_count == 3  # what ST115 counts


def test_grade_problems_are_as_severe_as_what_moodle_does_with_them(tmp_path):
    findings = lint(tmp_path, {
        # Moodle imports these as written: multiple choice without 100 %, weights adding up to 75 %.
        "imported.gift": "Q? {~%-50%a ~b}\n\nR? {~%50%a ~%25%b ~c}\n\nN? {#=%50%5}\n",
        # Moodle stops the import: a short answer without 100 %, a weight that is no Moodle grade.
        "stopped.gift": "S? {=%50%a =%25%b}\n\nT? {~%37%a =b}\n",
    })
    grades = {(f.file.rsplit("/", 1)[-1], f.line, f.message, f.severity) for f in findings
              if f.rule_id in ("QZ107", "QZ108")}
    assert grades == {
        ("imported.gift", 1, "none_correct", Severity.WARNING),
        ("imported.gift", 5, "no_full_credit", Severity.WARNING),
        ("stopped.gift", 1, "shortanswer_no_full_credit", Severity.ERROR),
        ("imported.gift", 3, "weights_sum", Severity.WARNING),
        ("stopped.gift", 3, "weight_not_allowed", Severity.ERROR),
    }
    assert "imports the question as written" in next(f for f in findings if f.message == "weights_sum").text("en")


def test_questions_moodle_imports_count_and_those_it_refuses_do_not(tmp_path):
    from moocforge.inspect.quiz import inspect_bank

    bank = tmp_path / "bank.gift"
    bank.write_text("Q? {~%50%a ~%25%b ~c}\n\nR? {=%50%a}\n\nS? {~%37%a =b}\n", encoding="utf-8")
    assert inspect_bank(bank, "bank.gift").question_count == 1  # only Q reaches learners
