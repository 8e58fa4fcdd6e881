"""Loading course.yaml: validation errors with file, line and field; discovery; encodings."""

from __future__ import annotations

import codecs

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
    assert info.value.line is not None and "YAML" in info.value.message


def test_duplicate_key_is_an_error(tmp_path):
    (tmp_path / "course.yaml").write_text("title: A\ntitle: B\n", encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path)
    assert info.value.line == 2 and "twice" in info.value.message


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
