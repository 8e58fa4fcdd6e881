"""Coursera: a kit laid out Course → Module → Lesson → Item with a manifest in CSV and XLSX (issue 13, point 3)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from moocforge.package.coursera import package_coursera
from moocforge.package.preflight import preflight
from moocforge.quiz.load import load_bank

ITEM_TYPES = {"lecture", "reading", "practice_quiz", "graded_quiz", "discussion_prompt", "peer_review"}


def build(course: Path, out: Path, media: Path | None = None):
    result = preflight(course, "coursera", force=True)
    return package_coursera(result, out / "kit", media_dir=media), out / "kit"


def rows(kit: Path) -> list[dict]:
    with open(kit / "manifest.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_kit_follows_module_lesson_item_order(sample_course, tmp_path):
    _, kit = build(sample_course, tmp_path)
    items = rows(kit)
    assert {row["item_type"] for row in items} == ITEM_TYPES
    assert [int(row["order"]) for row in items] == list(range(1, len(items) + 1))
    first_lecture = next(row for row in items if row["item_type"] == "lecture")
    assert first_lecture["module"] == "Python және Jupyter: деректермен жұмысқа кіріспе"
    assert first_lecture["lesson"] == "Jupyter ортасы және Python негіздері"
    assert first_lecture["outcomes"] == "M1.1 M1.2"
    assert 2.5 < float(first_lecture["duration_seconds"]) < 4  # the sample's 3-second clip, from the check's media facts
    files = first_lecture["files"].split()
    assert [Path(f).suffix for f in files] == [".mp4", ".srt", ".vtt"]
    assert files[0].startswith("01_Python_zhane_Jupyter_derektermen_zhumysqa_kirispe/01_Jupyter_ortasy_zhane_Python_negizderi/01_lecture_")
    assert all((kit / f).is_file() for row in items for f in row["files"].split())
    assert (kit / files[2]).read_text().startswith("WEBVTT")  # made from the course's SRT
    modules = [row["module"] for row in items]
    assert modules == sorted(modules, key=modules.index)  # each module's items together, in course order


def test_quizzes_come_as_gift_and_a_question_sheet(sample_course, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    _, kit = build(sample_course, tmp_path)
    graded = next(row for row in rows(kit) if row["item_type"] == "graded_quiz" and "2-модуль" in row["title"])
    gift, sheet = graded["files"].split()
    bank = load_bank(kit / gift).bank
    assert len(bank.questions) == 10
    table = openpyxl.load_workbook(kit / sheet).active
    values = list(table.iter_rows(values_only=True))
    assert values[0][:3] == ("№", "Сұрақ түрі", "Сұрақ")  # the course's language
    assert len(values) == 11 and values[1][2] == bank.questions[0].stem.text


def test_the_xlsx_manifest_lists_the_same_items(sample_course, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    _, kit = build(sample_course, tmp_path)
    sheet = list(openpyxl.load_workbook(kit / "manifest.xlsx").active.iter_rows(values_only=True))
    assert len(sheet) == len(rows(kit)) + 1
    assert [row[3] for row in sheet[1:]] == [row["item_type"] for row in rows(kit)]


def test_upload_md_tells_the_order(sample_course, tmp_path):
    _, kit = build(sample_course, tmp_path)
    text = (kit / "UPLOAD.md").read_text()
    first = rows(kit)[0]["files"].split()[0]
    assert "Coursera-ға жүктеу реті" in text and f"`{first}`" in text
    assert text.index("Дәріс") < text.index("Бағаланатын тест")


def test_transcode_outputs_are_used_when_present(sample_course, tmp_path, transcoded):
    media = transcoded(tmp_path / "media", ["module-01/lesson-01/lecture_1_1.mp4"])
    report, kit = build(sample_course, tmp_path, media)
    lecture = next(row for row in rows(kit) if row["item_type"] == "lecture")
    mp4, srt, vtt = lecture["files"].split()
    assert (kit / mp4).read_bytes() == (media / "module-01/lesson-01/lecture_1_1.mp4").read_bytes()
    assert "Сәлем, әлем!" in (kit / vtt).read_text()
    other = [row for row in rows(kit) if row["item_type"] == "lecture"][1]
    assert (kit / other["files"].split()[0]).read_bytes() == \
        (sample_course / "module-01/lesson-02/lecture_1_2.mp4").read_bytes()


def test_practical_tasks_become_peer_reviews_and_say_so(sample_course, tmp_path):
    report, kit = build(sample_course, tmp_path)
    reviews = [row for row in rows(kit) if row["item_type"] == "peer_review"]
    assert len(reviews) == 4 and all(row["files"].endswith("practical_task.pdf") for row in reviews)
    assert any(r.key == "package.reason.coursera_peer_review" for i in report.items for r in i.reasons)


def test_a_zip_of_the_kit_is_written_and_a_users_folder_is_not_replaced(sample_course, tmp_path):
    from moocforge.package.output import PackageFolderTaken

    _, kit = build(sample_course, tmp_path)
    with zipfile.ZipFile(kit.with_name("kit.zip")) as archive:
        assert "kit/manifest.csv" in archive.namelist()
    build(sample_course, tmp_path)  # moocforge's own kit is replaced
    mine = tmp_path / "mine" / "kit"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(PackageFolderTaken):
        build(sample_course, tmp_path / "mine")
    assert (mine / "notes.txt").read_text() == "keep me"


@pytest.mark.slow
def test_transcode_makes_the_kits_mp4s_with_the_coursera_preset(course4, tmp_path, media):
    pytest.importorskip("moocforge.transcode.job")
    import shutil

    import yaml

    from moocforge.package.coursera import transcode_for_coursera

    shutil.copy(media.get("p25"), course4 / "module-01" / "lesson-01" / "lecture.mp4")
    data = yaml.safe_load((course4 / "course.yaml").read_text())
    data["modules"][0]["lessons"][0]["videos"] = [{"title": "Дәріс", "file": "module-01/lesson-01/lecture.mp4"}]
    (course4 / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    made = tmp_path / "kit.media"
    transcode_for_coursera(course4, made)
    assert (made / "module-01" / "lesson-01" / "lecture.mp4").is_file()
    _, kit = build(course4, tmp_path, made)
    lecture = next(row for row in rows(kit) if row["item_type"] == "lecture")
    assert (kit / lecture["files"].split()[0]).read_bytes() == \
        (made / "module-01" / "lesson-01" / "lecture.mp4").read_bytes()
