"""`moocforge init`: the skeleton, its languages, and what `check` says about it.

The promise of ATU-facing `init` is that a fresh skeleton has no *structural*
finding: everything `check` reports is content the author still has to supply.
The split is written down here, rule by rule, so that a new rule firing on a
fresh skeleton fails this test until someone decides which side it is on.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from babel import Locale

from moocforge.check import run_check
from moocforge.course.errors import CourseError
from moocforge.course.loader import load_course
from moocforge.course.scaffold import (
    create_course,
    first_start,
    lesson_outcome_groups,
    plan_course,
    split_weights,
)

START = dt.date(2026, 2, 2)  # a Monday

# Structural: the shape of the course, which the skeleton settles by construction.
# A rule id alone means every message of that rule; (id, message) one message.
STRUCTURAL = {
    "ST101", "ST102", "ST103", "ST104",  # modules, lessons, outcomes per module and lesson
    "ST105", "ST106", "ST107", "ST108",  # practical task, forum, module and final assessment
    "ST110", "ST111", "ST120",  # workload declared, within limits, and adding up to the course's hours
    "CD110",  # duration_weeks equals the number of modules
    "ST121",  # every module and lesson folder belongs to a module or lesson
    "ST117", "ST118",  # weights add up to 100; half the grade from parameterised tasks (ATU §11.7)
    "ST113", "ST114",  # every outcome assessed; every cited outcome exists
    "ST115",  # the example surveys stay within 15 questions
    ("ST116", "no_quiz"),  # every lesson has its Block 3 quiz bank
    "ST122",  # practical tasks, module and final assessments carry their deadlines (form 08)
    "ST123",  # both surveys are there (ATU §12.10.1)
    "ST124",  # every practical task has its task document to write the instructions in
    "ST126", "ST127", "ST128",  # refresh, time limits, variant banks: the kaznu and katu profiles ask, atu-2025 not
    "DC107",  # a full lecture text per lesson: the mes-2020 profile asks
    "CD101", "CD102", "CD103", "CD108",  # values the skeleton writes are valid; ids unique
    "LK101", "LK102", "LK103",  # every file the skeleton names exists, inside the folder
    "core.internal_error",
}
# Content: what only the author can supply. Nothing else may fire on a fresh skeleton.
CONTENT = {
    "CD104",  # empty form 01 fields
    "CD106",  # promo video
    "CD107",  # audience and prerequisites still empty
    "CD109",  # titles and outcome texts still hold the "…" placeholders
    "DC101", "DC102", "DC103", "DC104",  # work program, bibliography, glossary, weekly PDFs
    "DC105",  # fewer than 100 test items: the banks hold two examples each
    "ST109",  # practice questions per week
    "ST112",  # the announcement placeholder is shorter than 400 characters
    ("ST116", "no_video"), ("ST116", "no_reading"),
    "ST119",  # subtitles (ATU §10.4; no video is there yet)
    "CD112", "CD113", "CD114",  # what the certificate description says: written by the author
    "CD115",  # faculty, department and level of study
    "CD116",  # each author's corporate e-mail
    "CD117",  # the licence or copyright statement is the author's and the university's decision
    "DC106",  # video titles with the lecture's number and topic
    "ST125",  # the closing video, when the author records one
    # The form 04 deck `init` writes (the document rules): the title slide's name, position and photo,
    # the template's sentences, and words no dictionary knows until the author writes the lecture.
    ("SL102", "missing_item"), ("SL102", "no_photo"), ("SL104", "leftover"), "PD108",
    "MD104",  # weekly video minutes: no video recorded yet
}


def _kind(finding) -> tuple[str, str]:
    return finding.rule_id, finding.message


def _in(finding, classes: set) -> bool:
    rule_id, message = _kind(finding)
    return rule_id in classes or (rule_id, message) in classes or message in classes


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1",
                                        "COLUMNS": "200", "PYTHONPATH": ":".join(sys.path)})


@pytest.fixture(scope="module")
def skeletons(tmp_path_factory):
    """One skeleton per language and module count, made once for the module's tests."""
    made = {}
    for lang in ("kk", "ru", "en"):
        for modules in (4, 6):
            root = tmp_path_factory.mktemp(f"init-{lang}-{modules}") / "course"
            files = create_course(root, modules=modules, lessons=2 if modules == 4 else 3, lang=lang,
                                  title=None, start=START)
            made[(lang, modules)] = (root, files)
    return made


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("modules", [4, 6])
def test_fresh_skeleton_has_only_content_findings(skeletons, lang, modules):
    root, _ = skeletons[(lang, modules)]
    result = run_check(root)
    structural = [f"{f.rule_id}.{f.message} {f.file}:{f.line}" for f in result.findings if _in(f, STRUCTURAL)]
    assert structural == []
    unexpected = [f"{f.rule_id}.{f.message} {f.file}:{f.line}" for f in result.findings if not _in(f, CONTENT)]
    assert unexpected == [], "a new rule fires on a fresh skeleton: fix the skeleton or classify the rule here"

    lessons = 2 if modules == 4 else 3
    kinds = Counter(_kind(f) for f in result.findings)
    # What the author still has to supply, counted exactly.
    assert kinds[("DC103", "missing")] == kinds[("DC104", "missing")] == modules
    assert kinds[("ST112", "length")] == kinds[("ST109", "too_few")] == modules
    assert kinds[("ST116", "no_video")] == kinds[("ST116", "no_reading")] == modules * lessons
    assert kinds[("DC101", "missing")] == 2 and kinds[("DC102", "missing")] == 1
    assert kinds[("CD106", "missing")] == 1 and kinds[("DC105", "too_few")] == 1
    placeholders = {f.params["field"] for f in result.findings if f.rule_id == "CD109"}
    assert {f"modules[{i}].title" for i in range(modules)} <= placeholders
    assert {f"modules[{i}].lessons[0].title" for i in range(modules)} <= placeholders
    empty = {f.params["field"] for f in result.findings if f.rule_id == "CD104"}
    # Form 01 item 7 is "credits / duration": the skeleton's duration_weeks and hours answer it.
    assert empty == {"title", "university", "audience", "authors", "level", "prerequisites",
                     "postrequisites", "annotation", "aim", "objectives", "certificate"}
    assert {f.params["field"] for f in result.findings if f.rule_id == "CD115"} == {"faculty", "department",
                                                                                     "study_level"}
    assert kinds[("CD117", "missing")] == 1


def test_skeleton_structure(skeletons):
    root, files = skeletons[("kk", 6)]
    assert all(path.is_file() for path in files)
    course = load_course(root).model
    assert course.language == "kk" and len(course.modules) == 6 and course.duration_weeks == 6
    assert course.hours == sum(m.workload_hours for m in course.modules) <= 30
    graded = [a for _, a in course.assessments() if a.weight is not None]
    assert sum(a.weight for a in graded) == 100
    assert sum(a.weight for a in graded if a.parameterised) == 50
    assert all(a.deadline for a in graded)
    for module in course.modules:
        assert len(module.outcomes) >= 4 and all(1 <= len(lesson.outcomes) <= 2 for lesson in module.lessons)
        assert set(module.assessment.outcomes) == {o.id for o in module.outcomes}
        assert set(o.supports[0] for o in module.outcomes) == {o.id for o in course.outcomes}
        assert module.lessons[0].dir == f"{module.dir}/lesson-01"
    assert set(course.final_assessment.outcomes) == {o.id for o in course.outcomes}
    # The editor modeline points at the schema written beside course.yaml.
    assert (root / "course.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=course.schema.json\n")
    assert '"title": "moocforge course.yaml"' in (root / "course.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, words", [
    ("kk", ("курстың сипаттамасы", "тақырыбын жазыңыз", "сұрақ мәтінін")),
    ("ru", ("описание курса", "напишите тему", "текст вопроса")),
    ("en", ("the course description", "write the topic", "write the question")),
])
def test_skeleton_speaks_the_chosen_language(skeletons, lang, words):
    root, _ = skeletons[(lang, 4)]
    descriptor = (root / "course.yaml").read_text(encoding="utf-8")
    bank = (root / "module-01" / "lesson-01" / "quiz.aiken.txt").read_text(encoding="utf-8")
    assert words[0] in descriptor and words[1] in descriptor and words[2] in bank
    assert f"\nlanguage: {lang}\n" in descriptor
    others = {"kk": "тақырыбын жазыңыз", "ru": "напишите тему", "en": "write the topic"}
    assert not any(text in descriptor for code, text in others.items() if code != lang)


def test_every_bank_is_form_05_aiken(skeletons):
    """Question line, options A.–E. with Latin letters, ANSWER: X, blank line between."""
    root, _ = skeletons[("ru", 4)]
    banks = sorted(root.rglob("*.aiken.txt"))
    assert len(banks) == 4 * 2 + 4 + 1
    for bank in banks:
        blocks = bank.read_text(encoding="utf-8").strip().split("\n\n")
        for block in blocks:
            lines = block.split("\n")
            assert len(lines) == 7, (bank, block)
            assert not re.match(r"^[A-Z][.)]\s", lines[0])
            assert [line[:3] for line in lines[1:6]] == ["A. ", "B. ", "C. ", "D. ", "E. "]
            assert re.fullmatch(r"ANSWER: [A-E]", lines[6])
    texts = [b.read_text(encoding="utf-8") for b in banks]
    assert len(set(texts)) == len(texts), "every example bank names its own lesson or module"


def test_surveys_are_gift_within_limit(skeletons):
    root, _ = skeletons[("en", 4)]
    for name in ("pre", "post"):
        text = (root / "surveys" / f"{name}.gift").read_text(encoding="utf-8")
        assert 1 <= len(re.findall(r"^::S\d+::", text, re.M)) <= 15
        assert text.count("{}") == len(re.findall(r"^::S\d+::", text, re.M))


def test_title_with_yaml_characters_round_trips(tmp_path):
    title = 'Деректер: "талдау" #1 — {негіздер}'
    create_course(tmp_path / "c", modules=4, lessons=2, lang="kk", title=title, start=START)
    assert load_course(tmp_path / "c").model.title == title
    assert (tmp_path / "c" / "README.md").read_text(encoding="utf-8").startswith(f"# {title}\n")


def test_refuses_a_non_empty_folder_and_writes_nothing(tmp_path):
    target = tmp_path / "course"
    target.mkdir()
    (target / "notes.txt").write_text("мен мұнда болдым", encoding="utf-8")
    with pytest.raises(CourseError, match="not empty"):
        create_course(target, modules=4, lessons=2, lang="kk", title=None)
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_accepts_an_empty_folder(tmp_path):
    target = tmp_path / "course"
    target.mkdir()
    created = create_course(target, modules=4, lessons=2, lang="en", title=None, start=START)
    assert target / "course.yaml" in created


def test_refuses_a_file_as_target(tmp_path):
    target = tmp_path / "course"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(CourseError, match="file"):
        create_course(target, modules=4, lessons=2, lang="en", title=None)


def test_cli_init_then_check(tmp_path):
    proc = _cli("init", tmp_path / "c", "--modules", "5", "--lang", "ru", "--title", "Базы данных")
    assert proc.returncode == 0, proc.stderr
    count = len([p for p in (tmp_path / "c").rglob("*") if p.is_file()])
    # The plural follows the count (a skeleton's file count changes as templates are added): 44 файла, 48 файлов.
    word = {"one": "файл", "few": "файла", "many": "файлов"}[Locale("ru").plural_form(count)]
    assert proc.stdout == f"создан курс {tmp_path / 'c'} ({count} {word}); далее: moocforge check {tmp_path / 'c'}\n"
    course = load_course(tmp_path / "c").model
    assert len(course.modules) == 5 and course.title == "Базы данных" and course.language == "ru"
    # Content is missing, so check fails with findings (1), not with a usage error (2).
    proc = _cli("check", tmp_path / "c", "--lang", "en")
    assert proc.returncode == 1 and "DC103" in proc.stdout and "Traceback" not in proc.stderr


def test_cli_refuses_non_empty_folder_with_one_message(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "notes.txt").write_text("жоспар\n", encoding="utf-8")
    proc = _cli("init", tmp_path / "c")
    assert proc.returncode == 2
    assert "not empty" in proc.stderr and str(tmp_path / "c") in proc.stderr and "how to fix" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("name", ["course.yaml", "course.yaml.txt", "Course.yaml"])
def test_refuses_a_folder_with_a_course_and_says_check_it(tmp_path, name):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / name).write_text("title: мой курс\n", encoding="utf-8")
    proc = _cli("init", tmp_path / "c", "--lang", "ru")
    assert proc.returncode == 2
    err = " ".join(proc.stderr.split())
    assert f"в этой папке уже есть курс ({name})" in err and f"moocforge check {tmp_path / 'c'}" in err
    assert (tmp_path / "c" / name).read_text(encoding="utf-8") == "title: мой курс\n"


@pytest.mark.parametrize("modules, lessons, key", [
    (3, 2, "course.init.modules_out_of_range"),
    (7, 2, "course.init.modules_out_of_range"),
    (4, 1, "course.init.lessons_out_of_range"),
    (4, 5, "course.init.lessons_out_of_range"),
])
def test_refuses_counts_the_structure_rules_would_fail(tmp_path, modules, lessons, key):
    with pytest.raises(CourseError) as info:
        create_course(tmp_path / "c", modules=modules, lessons=lessons, lang="kk", title=None, start=START)
    assert info.value.key == key and "atu-2025" in info.value.text("en") and "ATU §8" in info.value.text("en")
    assert not (tmp_path / "c").exists(), "nothing is written"


def test_cli_modules_below_the_minimum_names_st101_in_the_readers_language(tmp_path):
    proc = _cli("init", tmp_path / "c", "--modules", "3", "--lang", "ru")
    assert proc.returncode == 2 and not (tmp_path / "c").exists()
    err = " ".join(proc.stderr.split())
    assert "курс из 3 модулей не прошёл бы ST101: профиль atu-2025 требует 4–6 (ATU §8.1)" in err
    assert "выберите число от 4 до 6" in err and "--profile" in err


def test_a_department_profile_allows_three_modules(tmp_path):
    profile = tmp_path / "three.yaml"
    profile.write_text("extends: atu-2025\nstructure:\n  modules:\n    min: 3\n", encoding="utf-8")
    create_course(tmp_path / "c", modules=3, lessons=2, lang="en", title=None, start=START, profile=str(profile))
    assert load_course(tmp_path / "c").model.profile == str(profile)
    result = run_check(tmp_path / "c", select=["ST101", "ST110", "ST111", "ST120", "CD110"])
    assert result.findings == []


@pytest.mark.parametrize("modules", range(1, 13))
def test_weights_sum_to_100(modules):
    weights = split_weights(modules)
    assert len(weights) == modules
    assert sum(p + a for p, a in weights) + 30 == 100  # the final assessment carries 30
    assert sum(p for p, _ in weights) == 50  # parameterised practical tasks: half the grade (ATU §11.7)
    assert all(0 < a <= p for p, a in weights)


@pytest.mark.parametrize("lessons", range(1, 9))
def test_lessons_cover_one_or_two_outcomes_and_all_of_them(lessons):
    ids = [f"M1.{k}" for k in range(1, max(4, lessons) + 1)]
    groups = lesson_outcome_groups(ids, lessons)
    assert len(groups) == lessons and all(1 <= len(g) <= 2 for g in groups)
    if lessons >= 2:
        assert {i for g in groups for i in g} == set(ids)


def test_plan_dates_and_hours():
    plan = plan_course(6, 2, START)
    assert [m.deadline.weekday() for m in plan.modules] == [6] * 6  # Sundays
    assert plan.modules[0].deadline == dt.date(2026, 2, 8) and plan.final_deadline == dt.date(2026, 3, 15)
    assert plan_course(8, 2, START).hours <= 30
    start = first_start(dt.date(2026, 1, 7))  # a Wednesday
    assert start.weekday() == 0 and (start - dt.date(2026, 1, 7)).days >= 14


def test_templates_load_from_the_package_not_the_repository(tmp_path, monkeypatch):
    """Run from an unrelated folder: the templates come from moocforge's package data."""
    from importlib import resources

    folder = resources.files("moocforge.templates") / "scaffold"
    names = {entry.name for entry in folder.iterdir()}
    assert {"course.yaml.j2", "README.md.j2", "bank.aiken.txt.j2", "texts"} <= names
    monkeypatch.chdir(tmp_path)
    create_course(Path("relative"), modules=4, lessons=2, lang="kk", title=None, start=START)
    assert yaml.safe_load((tmp_path / "relative" / "course.yaml").read_text(encoding="utf-8"))["format"] == 1


def test_phrase_files_share_their_keys():
    from moocforge.course.scaffold import phrases

    keys = {lang: set(phrases(lang)) for lang in ("kk", "ru", "en")}
    assert keys["kk"] == keys["ru"] == keys["en"]


def test_skeleton_keeps_the_media_cache_out_of_git(skeletons):
    from moocforge.cache import CACHE_FOLDER_NAME

    root, files = skeletons[("en", 4)]
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines() == [f"{CACHE_FOLDER_NAME}/"]
