"""Loading course.yaml: validation errors with file, line and field; discovery; encodings."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys

import pytest
import yaml

from course_factory import good_descriptor, write_course, write_pdf
from moocforge.course.errors import CourseError
from moocforge.course.loader import load_course


def test_unknown_field_names_line_and_field(tmp_path):
    (tmp_path / "course.yaml").write_text("title: Курс\nmodules:\n  - title: A\n    lesons: []\n", encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    err = info.value
    assert err.line == 4 and err.field == "modules[0].lesons" and "unknown field" in err.message
    assert "did you mean «lessons»?" in err.text("en")
    assert "course.yaml" in err.file and err.hint


def test_wrong_type_names_expected(tmp_path):
    (tmp_path / "course.yaml").write_text("title: Курс\ncredits: бес\n", encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    assert info.value.line == 2 and info.value.field == "credits" and "number" in info.value.message


def test_every_problem_is_listed(tmp_path):
    (tmp_path / "course.yaml").write_text("titel: A\nlevel: [1]\nmodules:\n  - {}\n", encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    text = str(info.value)
    assert "titel" in text and "modules[0].title" in text and "level" in text


def test_yaml_syntax_error_has_line(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\nmodules:\n  - title: [unclosed\n", encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    assert info.value.line == 3 and info.value.key == "course.yaml.open_bracket"


def test_duplicate_key_is_an_error(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\ntitle: B\n", encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    assert info.value.line == 2 and "twice" in info.value.message
    assert "«title» указано дважды (впервые в строке 1)" in info.value.text("ru")
    assert "merge line 2 into line 1" in info.value.text("en")


def test_missing_descriptor_and_folder(tmp_path):
    with pytest.raises(CourseError, match="no course.yaml"):
        load_course(tmp_path)
    with pytest.raises(CourseError, match="does not exist"):
        load_course(tmp_path / "nope")


@pytest.mark.parametrize("encoding, bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("cp1251", b"")])
def test_descriptor_in_windows_encodings(tmp_path, encoding, bom):
    text = "title: Деректер қоры\r\nlanguage: ru\r\nannotation: Курс о базах данных.\r\n"
    if encoding == "cp1251":
        text = text.replace("қ", "к")  # cp1251 has no Kazakh letters
    (tmp_path / "course.yaml").write_bytes(bom + text.encode(encoding))
    course = load_course(tmp_path)
    assert course.model.title.startswith("Деректер") and course.model.annotation == "Курс о базах данных."


def test_single_values_are_accepted_as_lists(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\nprerequisites: Алгебра\nauthors: Иванов И.И.\n", encoding="utf-8")
    model = load_course(tmp_path).model
    assert model.prerequisites == ["Алгебра"] and model.authors[0].name == "Иванов И.И."


def test_discovery_by_folder_convention(tmp_path):
    (tmp_path / "course.yaml").write_text(yaml.safe_dump({"title": "A", "modules": [
        {"title": "Бірінші", "lessons": [{"title": "Кіріспе"}]}]}, allow_unicode=True), encoding="utf-8")
    write_pdf(tmp_path / "docs/Глоссарий.pdf")
    write_pdf(tmp_path / "docs/work_program_signed.pdf")
    lesson = tmp_path / "module-01/lesson-01"
    write_pdf(lesson / "reading.pdf")
    (lesson / "lecture.mp4").write_bytes(b"x")
    (lesson / "lecture.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nСәлем\n", encoding="utf-8")
    (lesson / "masters").mkdir()
    (lesson / "masters/lecture.mov").write_bytes(b"x")
    (lesson / "quiz.gift").write_text("::Q1:: 2+2? {=4 ~5}\n", encoding="utf-8")
    (tmp_path / "module-01/announcement.md").write_text("Хабарлама", encoding="utf-8")
    write_pdf(tmp_path / "module-01/self_study.pdf")
    (tmp_path / "final").mkdir()
    (tmp_path / "final/final_test.aiken.txt").write_text("Q?\nA. a\nB. b\nANSWER: A\n", encoding="utf-8")

    course = load_course(tmp_path)
    model = course.model
    assert model.documents.glossary == "docs/Глоссарий.pdf"
    assert model.documents.work_program == "docs/work_program_signed.pdf"
    module = model.modules[0]
    assert module.id == "M1" and module.dir == "module-01" and module.announcement_file == "module-01/announcement.md"
    video = module.lessons[0].videos[0]
    assert (video.file, video.master, video.subtitles) == (
        "module-01/lesson-01/lecture.mp4", "module-01/lesson-01/masters/lecture.mov", "module-01/lesson-01/lecture.srt")
    assert module.lessons[0].quiz.file == "module-01/lesson-01/quiz.gift"
    assert model.final_assessment.file == "final/final_test.aiken.txt"
    roles = {ref.role for ref in course.refs}
    assert {"video", "master", "subtitles", "reading", "quiz", "document:glossary", "announcement"} <= roles
    assert all(ref.source == "convention" for ref in course.refs if ref.role == "video")


def test_explicit_paths_override_convention(tmp_path):
    data = good_descriptor()
    data["documents"]["glossary"] = "materials/terms.pdf"
    root = write_course(tmp_path, data)
    write_pdf(root / "docs/glossary.pdf")  # would be found by convention, but the descriptor wins
    course = load_course(root)
    assert course.model.documents.glossary == "materials/terms.pdf"
    [ref] = [r for r in course.refs if r.role == "document:glossary"]
    assert ref.source == "descriptor"


def test_modules_discovered_when_descriptor_lists_none(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\n", encoding="utf-8")
    for name in ("module-02-Екінші", "Модуль-1", "week-3", "notes"):
        (tmp_path / name).mkdir()
    (tmp_path / "Модуль-1" / "сабақ-01-Кіріспе").mkdir()
    model = load_course(tmp_path).model
    assert [m.title for m in model.modules] == ["Модуль-1", "Екінші", "week-3"]
    assert [m.dir for m in model.modules] == ["Модуль-1", "module-02-Екінші", "week-3"]
    assert [lesson.title for lesson in model.modules[0].lessons] == ["Кіріспе"]


def test_quiz_fix_copies_are_not_discovered(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\nmodules:\n  - title: B\n    lessons: [{title: C}]\n", encoding="utf-8")
    lesson = tmp_path / "module-01/lesson-01"
    lesson.mkdir(parents=True)
    (lesson / "a.fixed.aiken.txt").write_text("Q?\nA. a\nB. b\nANSWER: A\n", encoding="utf-8")
    (lesson / "quiz.aiken.txt").write_text("Q?\nA. a\nB. b\nANSWER: A\n", encoding="utf-8")
    assert load_course(tmp_path).model.modules[0].lessons[0].quiz.file == "module-01/lesson-01/quiz.aiken.txt"


def test_binary_descriptor_gets_a_clear_message(tmp_path):
    (tmp_path / "course.yaml").write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    assert "binary" in info.value.message and info.value.line == 1


def test_declared_folders_outside_the_course_are_not_searched(tmp_path):
    outside = tmp_path / "outside"
    (outside / "lesson-01").mkdir(parents=True)
    (outside / "lesson-01" / "secret.pdf").write_bytes(b"%PDF-1.4")
    course = tmp_path / "course"
    course.mkdir()
    (course / "course.yaml").write_text("title: A\nmodules:\n  - title: M\n    dir: ../outside\n", encoding="utf-8")
    (course / "module-02").symlink_to(outside, target_is_directory=True)
    loaded = load_course(course)
    assert all("secret" not in ref.path for ref in loaded.refs)
    assert [m.dir for m in loaded.model.modules] == ["../outside"]  # the linked module-02 is not followed
    assert [(r.role, r.path) for r in loaded.refs] == [("folder", "../outside")]


def test_windows_absolute_paths_are_outside(tmp_path):
    from moocforge.check import run_check

    data = good_descriptor()
    data["modules"][0]["lessons"][0]["reading"] = ["C:\\Users\\teacher\\lecture.pdf", "\\\\server\\share\\x.pdf"]
    root = write_course(tmp_path / "c", data)
    found = run_check(root, select=["LK102"]).findings
    assert sorted(f.params["path"] for f in found) == ["//server/share/x.pdf", "C:/Users/teacher/lecture.pdf"]


# ---------------------------------------------------------------- what a malformed descriptor says, in the reader's language

def _error(tmp_path, text: str) -> CourseError:
    (tmp_path / "course.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    return info.value


@pytest.mark.parametrize("text, key, line", [
    ("title: Python: негіздер\n", "course.yaml.colon_in_text", 1),
    ("title: A\n  annotation: B\n", "course.yaml.indented_key", 2),
    ("title: A\nmodules\n  - title: B\n", "course.yaml.no_colon", 2),
    ("modules:\n\t- title: B\n", "course.yaml.tab", 2),
    ("modules:\n  - title: B\n - title: C\n", "course.yaml.indentation", 3),
    ("title: \"Деректер\nannotation: B\n", "course.yaml.open_quote", 1),
    ("objectives: [бір, екі\naim: C\n", "course.yaml.open_bracket", 1),
    ("objectives:\n* бірінші\n", "course.yaml.star", 2),
    ("title: @course\n", "course.yaml.reserved_character", 1),
])
def test_yaml_slips_are_named_with_their_line(tmp_path, text, key, line):
    error = _error(tmp_path, text)
    assert (error.key, error.line) == (key, line)
    assert error.hint, "every slip comes with a way to fix it"
    for lang in ("kk", "ru"):
        assert error.text(lang) != error.text("en"), f"{key} is not translated into {lang}"


def test_unknown_field_suggests_the_closest_with_its_form_01_label(tmp_path):
    error = _error(tmp_path, "titel: Деректер қоры\nanotation: Курс.\n")
    assert (error.line, error.field) == (1, "titel")
    text = error.text("en")
    assert "field «titel»: unknown field" in text and "did you mean «title», the course title (form 01, item 1)?" in text
    assert "also line 2, field «anotation»: unknown field" in text
    assert "«annotation» — краткая аннотация (форма 01, п. 10)" in error.text("ru")


@pytest.mark.parametrize("line, fixed", [
    ("weight: 10%", "weight: 10"),
    ("weight: 12,5", "weight: 12.5"),
    ("questions: 20 сұрақ", "questions: 20"),
])
def test_wrong_number_says_how_to_write_it(tmp_path, line, fixed):
    error = _error(tmp_path, f"title: A\nfinal_assessment:\n  file: final/f.gift\n  {line}\n")
    assert error.line == 4 and error.field == f"final_assessment.{line.split(':')[0]}"
    assert fixed in error.text("en") and fixed in error.text("kk")
    assert "Input should" not in error.text("ru"), "no pydantic English reaches the author"


def test_yes_in_kazakh_is_explained_as_true(tmp_path):
    error = _error(tmp_path, "title: A\ngeneral_education: иә\n")
    assert "general_education: true" in error.text("kk") and "«иә»" in error.text("kk")


def test_wrong_type_shows_the_form_01_label_in_the_readers_language(tmp_path):
    error = _error(tmp_path, "title: Курс\ncredits: бес\n")
    assert "количество академических кредитов (форма 01, п. 7) — ожидается число, а не «бес»" in error.text("ru")
    assert "академиялық кредиттердің саны (01 нысан, 7-тармақ)" in error.text("kk")


def test_problems_are_listed_in_file_order(tmp_path):
    error = _error(tmp_path, "titel: A\nlevel: [1]\nmodules:\n  - {}\n")
    lines = [p.line for p in error.problems]
    assert lines == sorted(lines) and error.problems[0].field == "titel"
    assert "Input should" not in error.text("en")


def test_a_date_or_text_field_is_one_problem(tmp_path):
    error = _error(tmp_path, "title: A\nfinal_assessment:\n  deadline: [1]\n")
    assert len(error.problems) == 1 and error.key == "course.field.date_or_text" and "2026-02-08" in error.text("en")


def test_cli_prints_the_descriptor_error_in_the_chosen_language(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\nmodules:\n  - title: B\n    workload_hours: 4 сағат\n",
                                          encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "moocforge", "check", str(tmp_path), "--lang", "ru"],
                          capture_output=True, text=True, env=_cli_env())
    assert proc.returncode == 2
    err = " ".join(proc.stderr.split())
    assert "course.yaml:4" in err and "ожидается число, а не «4 сағат»" in err
    assert "как исправить: напишите только число, без единиц и слов: workload_hours: 4" in err


def _cli_env() -> dict:
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "200",
            "PYTHONPATH": ":".join(sys.path)}


# ---------------------------------------------------------------- special files: each says what it is

def test_descriptor_with_a_hidden_windows_extension(tmp_path):
    (tmp_path / "course.yaml.txt").write_text("title: A\n", encoding="utf-8")
    error = _error_of(tmp_path)
    assert error.key == "course.error.descriptor_hidden_extension" and "course.yaml.txt" in error.text("en")
    assert "init" not in error.text("en"), "init would refuse this folder: never suggest it"
    assert "переименуйте course.yaml.txt в course.yaml" in error.text("ru")


def test_descriptor_in_capitals_is_named(tmp_path):
    (tmp_path / "Course.yaml").write_text("title: A\n", encoding="utf-8")
    error = _error_of(tmp_path)
    assert error.key == "course.error.descriptor_case" and "rename Course.yaml to course.yaml" in error.text("en")


def test_descriptor_under_another_name(tmp_path):
    (tmp_path / "course.yaml.bak").write_text("title: A\n", encoding="utf-8")
    error = _error_of(tmp_path)
    assert error.key == "course.error.descriptor_misnamed" and "rename course.yaml.bak to course.yaml" in error.text("en")


def test_descriptor_that_is_a_fifo_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "course.yaml")
    error = _error_of(tmp_path)  # returns at once: opening a FIFO to read would wait for ever
    assert error.key == "course.error.descriptor_not_a_file" and "a named pipe (FIFO)" in error.text("en")


def test_descriptor_that_is_a_dangling_link(tmp_path):
    (tmp_path / "course.yaml").symlink_to(tmp_path / "moved" / "course.yaml")
    error = _error_of(tmp_path)
    assert error.key == "course.error.descriptor_broken_link" and "moved/course.yaml" in error.text("en")


def test_descriptor_that_is_a_folder(tmp_path):
    (tmp_path / "course.yaml").mkdir()
    assert "course.yaml is a folder, not a text file" in _error_of(tmp_path).text("en")


def test_course_path_that_is_a_fifo_is_not_called_a_folder(tmp_path):
    os.mkfifo(tmp_path / "course")
    error = _error_of(tmp_path / "course")
    assert error.key == "course.error.not_a_folder" and "this is a named pipe (FIFO), not a course folder" in error.text("en")


def test_course_path_that_names_the_descriptor(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\n", encoding="utf-8")
    error = _error_of(tmp_path / "course.yaml")
    assert f"moocforge check {tmp_path}" in error.text("en")


def test_course_path_that_is_a_dangling_link(tmp_path):
    (tmp_path / "course").symlink_to(tmp_path / "gone", target_is_directory=True)
    assert _error_of(tmp_path / "course").key == "course.error.folder_broken_link"


def _error_of(folder) -> CourseError:
    with pytest.raises(CourseError) as info:
        load_course(folder)
    return info.value


# ---------------------------------------------------------------- names authors use

@pytest.mark.parametrize("name, document", [
    ("Список литературы.pdf", "bibliography"),
    ("Әдебиеттер тізімі.pdf", "bibliography"),
    ("Пайдаланылған_әдебиеттер.pdf", "bibliography"),
    ("References.pdf", "bibliography"),
    ("Глоссарий терминов.pdf", "glossary"),
    ("Терминдер сөздігі.pdf", "glossary"),
    ("Рабочая программа (подписанная).pdf", "work_program"),
    ("Жұмыс оқу бағдарламасы.pdf", "work_program"),
    ("Syllabus_2025.pdf", "work_program"),
])
def test_documents_found_by_the_names_authors_use(tmp_path, name, document):
    (tmp_path / "course.yaml").write_text("title: A\n", encoding="utf-8")
    write_pdf(tmp_path / "docs" / name)
    documents = load_course(tmp_path).model.documents
    assert getattr(documents, document) == f"docs/{name}"
    assert [n for n in ("work_program", "glossary", "bibliography") if getattr(documents, n)] == [document]


def test_subtitles_belong_to_a_video_by_its_exact_stem(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\nmodules:\n  - title: B\n    lessons: [{title: C}]\n",
                                          encoding="utf-8")
    lesson = tmp_path / "module-01/lesson-01"
    lesson.mkdir(parents=True)
    for name in ("Лекция 1.mp4", "Лекция 11.mp4", "Лекция 11.srt", "Лекция 2.mp4", "Лекция 2.kk.vtt",
                 "Лекция 2 (old).srt"):
        (lesson / name).write_bytes(b"x")
    videos = {v.file.rsplit("/", 1)[1]: v.subtitles for v in load_course(tmp_path).model.modules[0].lessons[0].videos}
    assert videos == {"Лекция 1.mp4": None, "Лекция 11.mp4": "module-01/lesson-01/Лекция 11.srt",
                      "Лекция 2.mp4": "module-01/lesson-01/Лекция 2.kk.vtt"}


def test_folders_left_outside_the_course_are_noted(tmp_path):
    data = good_descriptor()
    root = write_course(tmp_path / "c", data)
    for folder in ("module-05", "модуль-1", "module-02/lesson-03", "notes"):
        (root / folder).mkdir()
    unused = {(f.path, f.module) for f in load_course(root).unused_folders}
    assert unused == {("module-05", None), ("модуль-1", None), ("module-02/lesson-03", "M2")}


def test_loose_files_that_are_not_files_say_what_they_are(tmp_path):
    from moocforge.course.loose import ROLE_QUIZ, expand_paths

    os.mkfifo(tmp_path / "bank.gift")
    (tmp_path / "old.gift").symlink_to(tmp_path / "gone.gift")
    for name, kind in (("bank.gift", "a named pipe (FIFO)"), ("old.gift", "a link to something that does not exist")):
        with pytest.raises(CourseError) as info:
            expand_paths([tmp_path / name], ROLE_QUIZ)
        assert f"this is {kind}, not a regular file" in info.value.text("en")
        assert info.value.text("kk") != info.value.text("en")


def test_the_closing_video_is_a_video_of_the_course(tmp_path):
    """Form 08's closing video is probed and checked like a lecture video, and named at its line."""
    data = good_descriptor()
    data["closing_video"] = "promo\\closing.mp4"  # written on Windows
    loaded = load_course(write_course(tmp_path / "c", data))
    [ref] = [r for r in loaded.refs if r.field == ("closing_video",)]
    assert (ref.path, ref.role, ref.source) == ("promo/closing.mp4", "video", "descriptor")
    assert loaded.line_of(ref.field) is not None


def test_descriptor_fields_of_the_forms_are_read(tmp_path):
    data = good_descriptor()
    data.update(study_level="master", interaction="Форум, сейсенбі 18:00 Zoom", last_reviewed="2025-09-01")
    data["final_assessment"].update(time_limit_minutes=40, questions_per_attempt=15)
    course = load_course(write_course(tmp_path / "c", data)).model
    assert course.study_level == "master" and course.interaction.startswith("Форум")
    assert course.last_reviewed.isoformat() == "2025-09-01"
    assert (course.final_assessment.time_limit_minutes, course.final_assessment.questions_per_attempt) == (40, 15)
    data["final_assessment"]["time_limit_minutes"] = 0
    with pytest.raises(CourseError) as info:
        load_course(write_course(tmp_path / "d", data))
    assert info.value.field == "final_assessment.time_limit_minutes"
