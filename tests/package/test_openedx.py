"""The Open edX archive: what Studio imports, validated with olxcleaner, safe and deterministic (issue 13, points 1, 2, 6)."""

from __future__ import annotations

import datetime as dt
import json
import os
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from course_factory import good_descriptor, write_course
from moocforge.package.archive import FIXED_TIME
from moocforge.package.openedx import OpenEdxOptions, package_openedx
from moocforge.package.openedx.builder import MissingStaticFile, verify_static_references
from moocforge.package.archive import PackageTree
from moocforge.package.preflight import preflight

RUN = "2026_T1"


def build(course: Path, out: Path, **options) -> tuple[Path, object]:
    result = preflight(course, "openedx", force=True)
    size_limit = options.pop("size_limit_mb", None)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / "course.tar.gz"
    report = package_openedx(result, OpenEdxOptions(org="ATU", number="PY101", run=RUN, **options), archive,
                             size_limit_mb=size_limit)
    return archive, report


def olx(course: Path, tmp_path: Path, **options) -> tuple[Path, object]:
    archive, report = build(course, tmp_path, **options)
    folder = tmp_path / "x"
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "course", report


def validate(folder: Path) -> list[str]:
    olxcleaner = pytest.importorskip("olxcleaner")
    _, errors, _ = olxcleaner.validate(str(folder), steps=8)
    return [f"{e.level} {e.name}: {e.description}" for e in errors.errors if e.name != "SettingOverride"]


def xml(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


# ---------------------------------------------------------------- point 2: olxcleaner finds nothing

@pytest.mark.parametrize("course", ["sample_course", "course4", "course6"])
def test_olxcleaner_finds_no_error_and_no_warning_but_setting_override(course, request, tmp_path):
    folder, _ = olx(request.getfixturevalue(course), tmp_path)
    assert validate(folder) == []


def test_the_validator_would_notice_a_broken_archive(sample_course, tmp_path):
    """olxcleaner is worth something here only if it can fail: a dangling pointer is an error."""
    folder, _ = olx(sample_course, tmp_path)
    (folder / "sequential" / "m1_l1.xml").unlink()
    assert any("FileDoesNotExist" in line for line in validate(folder))


# ---------------------------------------------------------------- point 1: the course as OLX

def test_course_files_carry_the_key_dates_language_and_image(sample_course, tmp_path):
    folder, _ = olx(sample_course, tmp_path)
    pointer = xml(folder / "course.xml")
    assert pointer.attrib == {"url_name": RUN, "org": "ATU", "course": "PY101"}
    course = xml(folder / "course" / f"{RUN}.xml")
    assert course.get("display_name") == "Python тілінде деректерді талдау негіздері"
    assert course.get("language") == "kk"
    # a week before the first deadline (2026-02-08), the day after a week past the last (2026-03-04)
    assert course.get("start") == "2026-01-31T19:00:00Z" and course.get("end") == "2026-03-11T19:00:00Z"
    assert (folder / "static" / course.get("course_image")).is_file()
    assert [c.get("url_name") for c in course] == ["m1", "m2", "m3", "m4", "final"]
    policy = json.loads((folder / "policies" / RUN / "policy.json").read_text())
    assert policy[f"course/{RUN}"]["language"] == "kk"


def test_modules_lessons_and_tasks_become_chapters_sequentials_and_units(sample_course, tmp_path):
    folder, _ = olx(sample_course, tmp_path)
    chapter = xml(folder / "chapter" / "m1.xml")
    assert chapter.get("display_name") == "Python және Jupyter: деректермен жұмысқа кіріспе"
    assert [s.get("url_name") for s in chapter] == ["m1_overview", "m1_l1", "m1_l2", "m1_assignment", "m1_forum",
                                                    "m1_quiz"]
    lesson = xml(folder / "sequential" / "m1_l1.xml")
    assert lesson.get("display_name") == "Jupyter ортасы және Python негіздері" and lesson.get("graded") is None
    units = [xml(folder / "vertical" / f"{v.get('url_name')}.xml") for v in lesson]
    assert [[child.tag for child in unit] for unit in units] == [["video"], ["html"], ["problem"] * 6]


def test_graded_sequentials_use_the_grader_types_and_weights_sum_to_one(sample_course, tmp_path):
    folder, _ = olx(sample_course, tmp_path)
    policy = json.loads((folder / "policies" / RUN / "grading_policy.json").read_text())
    types = {g["type"]: g for g in policy["GRADER"]}
    assert {name: (g["weight"], g["min_count"]) for name, g in types.items()} == {
        "Practical Task": (0.5, 4), "Module Test": (0.2, 4), "Final Exam": (0.3, 1)}
    assert sum(g["weight"] for g in policy["GRADER"]) == pytest.approx(1.0, abs=1e-9)
    assert policy["GRADE_CUTOFFS"] == {"Pass": 0.85}  # "85–100 % — … сертификат беріледі"
    graded = [xml(p) for p in (folder / "sequential").glob("*.xml") if xml(p).get("graded") == "true"]
    assert len(graded) == 9 and {s.get("format") for s in graded} == set(types)
    assert xml(folder / "sequential" / "m1_quiz.xml").get("due") == "2026-02-08T18:59:00Z"  # 23:59 in Almaty


def test_unequal_weights_in_one_group_are_reported(sample_course, tmp_path):
    _, report = olx(sample_course, tmp_path)
    assert any(w.key == "package.grading.averaged" and w.params["weights"] == "10, 10, 15, 15"
               for w in report.warnings)


def test_every_capa_question_kind_is_a_problem(sample_course, tmp_path):
    folder, _ = olx(sample_course, tmp_path)
    responses = {child.tag for p in (folder / "problem").glob("*.xml") for child in xml(p)}
    assert {"multiplechoiceresponse", "choiceresponse", "stringresponse", "numericalresponse"} <= responses
    numerical = next(xml(p) for p in (folder / "problem").glob("m2_quiz_*.xml")
                     if xml(p).find("numericalresponse") is not None)
    assert numerical.find("numericalresponse/responseparam").get("type") == "tolerance"
    truefalse = [xml(p) for p in (folder / "problem").glob("m2_quiz_*.xml")
                 if [c.text for c in xml(p).iter("choice")] == ["True", "False"]]
    assert truefalse


def test_forums_practical_tasks_and_about_page(sample_course, tmp_path):
    folder, _ = olx(sample_course, tmp_path)
    forum_unit = xml(folder / "vertical" / "m1_forum_unit.xml")
    discussion = forum_unit.find("discussion")
    assert discussion.get("discussion_id") == "m1_forum"
    assert discussion.get("discussion_category") == "Python және Jupyter: деректермен жұмысқа кіріспе"
    assert discussion.get("discussion_target") == "Деректер менің жұмысымда"
    task_unit = xml(folder / "vertical" / "m1_task_unit.xml")
    ora = task_unit.find("openassessment")
    assert ora.find("assessments/assessment").get("name") == "staff-assessment"
    assert len(ora.findall("rubric/criterion/option")) == 6  # 0–5 points (form 08)
    overview = (folder / "about" / "overview.html").read_text()
    for text in ("Python, NumPy және pandas көмегімен", "LO1" if False else "NumPy массивтерімен",
                 "Математикалық статистика негіздері", "Сейітқали Айгерім Бақытжанқызы"):
        assert text in overview
    updates = (folder / "info" / "updates.html").read_text()
    assert updates.count("<li>") == 4


def test_readings_link_their_pdfs_under_static(sample_course, tmp_path):
    folder, _ = olx(sample_course, tmp_path)
    html = (folder / "html" / "m1_l1_reading.html").read_text()
    assert 'href="/static/module_01_self_study.pdf"' in html
    assert 'href="https://docs.python.org/3/tutorial/introduction.html"' in html
    assert (folder / "static" / "module_01_self_study.pdf").read_bytes() == \
        (sample_course / "module-01" / "self_study.pdf").read_bytes()


# ---------------------------------------------------------------- videos and transcripts

def test_videos_have_srt_transcripts_in_static(sample_course, tmp_path):
    folder, report = olx(sample_course, tmp_path)
    video = xml(folder / "video" / "m1_l1_video1.xml")
    transcripts = json.loads(video.get("transcripts"))
    assert transcripts == {"kk": "module_01_lesson_01_lecture_1_1_kk.srt"}
    assert video.find("transcript").attrib == {"language": "kk", "src": transcripts["kk"]}
    assert (folder / "static" / transcripts["kk"]).read_text().startswith("1\n00:00:00,000")
    assert video.get("youtube_id_1_0") == ""  # not Open edX's default demo video
    # no URL and no --video-base-url: the component comes without a source, and the report says so
    item = next(i for i in report.items if i.kind == "video" and i.target == "video/m1_l1_video1.xml")
    assert item.status == "downgraded" and item.reasons[0].key == "package.reason.video_no_source"


def test_video_sources_youtube_url_base_url_and_embedded(course4, tmp_path, transcoded):
    data = yaml.safe_load((course4 / "course.yaml").read_text())
    lessons = data["modules"][0]["lessons"]
    lessons[0]["videos"] = [{"title": "YouTube", "youtube": "lVPPPpyUOR4"}]
    lessons[1]["videos"] = [{"title": "Файл", "file": "module-01/lesson-02/Дәріс 1, кіріспе.mp4"}]
    (course4 / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    media = transcoded(tmp_path / "media", ["module-01/lesson-02/Дәріс 1, кіріспе.mp4"])
    (course4 / "module-01" / "lesson-02" / "Дәріс 1, кіріспе.mp4").write_bytes(b"not used: --media wins")

    folder, report = olx(course4, tmp_path / "base", media_dir=media, video_base_url="https://cdn.atu.kz/py/")
    youtube = xml(folder / "video" / "m1_l1_video1.xml")
    assert youtube.get("youtube_id_1_0") == "lVPPPpyUOR4" and youtube.get("youtube") == "1.00:lVPPPpyUOR4"
    hosted = xml(folder / "video" / "m1_l2_video1.xml")
    assert [s.get("src") for s in hosted.iter("source")] == ["https://cdn.atu.kz/py/module_01_lesson_02_Daris_1_kirispe.mp4"]
    assert report.assets["module-01/lesson-02/Дәріс 1, кіріспе.mp4"] == "module_01_lesson_02_Daris_1_kirispe.mp4"
    assert not list((folder / "static").glob("*.mp4"))  # referenced, not embedded
    assert json.loads(hosted.get("transcripts")) == {"kk": "module_01_lesson_02_Daris_1_kirispe_kk.srt"}
    # the third lesson's video is a URL in the descriptor: used as it is
    assert [s.get("src") for s in xml(folder / "video" / "m2_l1_video1.xml").iter("source")] == \
        ["https://video.atu.edu.kz/m2l1"]

    embedded, _ = olx(course4, tmp_path / "embed", media_dir=media, embed_videos=True)
    source = xml(embedded / "video" / "m1_l2_video1.xml").find("source").get("src")
    assert source == "/static/module_01_lesson_02_Daris_1_kirispe.mp4"
    assert (embedded / "static" / source[len("/static/"):]).read_bytes() == \
        (media / "module-01" / "lesson-02" / "Дәріс 1, кіріспе.mp4").read_bytes()
    assert validate(embedded) == []


def test_asset_names_are_safe_ascii_with_a_mapping(sample_course, tmp_path):
    odd = sample_course / "module-01" / "lesson-01" / "Оқу материалы, 1-бөлім (қосымша).pdf"
    odd.write_bytes((sample_course / "module-01" / "self_study.pdf").read_bytes())
    data = yaml.safe_load((sample_course / "course.yaml").read_text())
    data["modules"][0]["lessons"][0]["reading"].append("module-01/lesson-01/Оқу материалы, 1-бөлім (қосымша).pdf")
    (sample_course / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    folder, report = olx(sample_course, tmp_path)
    names = [p.name for p in (folder / "static").iterdir()]
    assert all(name.isascii() and " " not in name and "," not in name for name in names)
    safe = report.assets["module-01/lesson-01/Оқу материалы, 1-бөлім (қосымша).pdf"]
    assert safe == "module_01_lesson_01_Oqu_materialy_1_bolim_qosymsha.pdf" and safe in names
    assert f"→ {safe}" in report.render_text("en")


def test_every_static_reference_is_checked_before_writing():
    tree = PackageTree()
    tree.add_text("video/v.xml", '<video transcripts="{&quot;kk&quot;: &quot;gone.srt&quot;}"/>')
    tree.add_text("html/h.html", '<a href="/static/there.pdf">x</a>')
    tree.add_bytes("static/there.pdf", b"%PDF")
    with pytest.raises(MissingStaticFile, match="gone.srt"):
        verify_static_references(tree)
    tree.add_text("static/gone.srt", "1\n")
    verify_static_references(tree)


def test_a_missing_transcript_is_reported(tmp_path):
    data = good_descriptor()
    del data["modules"][0]["lessons"][0]["videos"][0]["subtitles"]  # the complete course subtitles every video
    _, report = olx(write_course(tmp_path / "course", data), tmp_path)
    video = next(i for i in report.items if i.kind == "video")
    assert "package.reason.no_transcript" in [r.key for r in video.reasons]


# ---------------------------------------------------------------- point 2: safe and deterministic

def test_the_archive_is_safe(sample_course, tmp_path):
    link = sample_course / "module-01" / "lesson-01" / "linked.pdf"
    os.symlink(sample_course / "module-01" / "self_study.pdf", link)
    data = yaml.safe_load((sample_course / "course.yaml").read_text())
    data["modules"][0]["lessons"][0]["reading"].append("module-01/lesson-01/linked.pdf")
    (sample_course / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    archive, _ = build(sample_course, tmp_path)
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
    assert members[0].name == "course" and all(m.name.startswith("course") for m in members)
    assert all(not m.name.startswith("/") and ".." not in m.name.split("/") for m in members)
    assert all(m.isfile() or m.isdir() for m in members)  # no links, no devices
    assert {(m.uid, m.gid, m.uname, m.gname, m.mtime) for m in members} == {(0, 0, "", "", FIXED_TIME)}
    assert [m.name for m in members] == sorted((m.name for m in members), key=lambda n: n.split("/"))
    assert any(m.name == "course/static/module_01_lesson_01_linked.pdf" and m.isfile() for m in members)


def test_the_same_course_gives_the_same_bytes(sample_course, tmp_path):
    first, _ = build(sample_course, tmp_path / "a")
    # touching a file changes its time stamp, not the archive
    os.utime(sample_course / "module-01" / "self_study.pdf", (1e9, 1e9))
    second, _ = build(sample_course, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


# ---------------------------------------------------------------- point 6: the import limit

def test_an_archive_above_the_limit_is_refused_before_writing(course4, tmp_path):
    from moocforge.errors import UserError

    data = yaml.safe_load((course4 / "course.yaml").read_text())
    data["modules"][0]["lessons"][0]["videos"] = [{"file": "module-01/lesson-01/big.mp4"}]
    (course4 / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # Incompressible, like video: Studio's limit is on the compressed archive.
    (course4 / "module-01" / "lesson-01" / "big.mp4").write_bytes(os.urandom(3_000_000))
    with pytest.raises(UserError) as refused:
        build(course4, tmp_path, embed_videos=True, size_limit_mb=2)
    assert refused.value.key == "package.openedx.too_large" and not (tmp_path / "course.tar.gz").exists()
    _, report = build(course4, tmp_path, embed_videos=True, size_limit_mb=3.6)
    assert [w.key for w in report.warnings if w.key.startswith("package.openedx")] == ["package.openedx.near_limit"]
    _, report = build(course4, tmp_path, embed_videos=False, size_limit_mb=3.6)
    assert not [w for w in report.warnings if w.key.startswith("package.openedx")]


# ---------------------------------------------------------------- the real Studio export

def test_the_layout_matches_a_real_studio_export(shared_dir, sample_course, tmp_path):
    reference = shared_dir / "reference" / "openedx-olx-example" / "course"
    folder, _ = olx(sample_course, tmp_path)
    ref_run = xml(reference / "course.xml").get("url_name")
    for path in ("course.xml", f"course/{ref_run}.xml", f"policies/{ref_run}/policy.json",
                 f"policies/{ref_run}/grading_policy.json", "about/overview.html"):
        assert (reference / path).is_file()
        assert (folder / path.replace(ref_run, RUN)).is_file(), path
    ref_grader = json.loads((reference / "policies" / ref_run / "grading_policy.json").read_text())["GRADER"][0]
    ours = json.loads((folder / "policies" / RUN / "grading_policy.json").read_text())["GRADER"][0]
    assert set(ours) == set(ref_grader)
    for kind in ("chapter", "sequential", "vertical", "video", "problem", "html"):
        assert (reference / kind).is_dir() and (folder / kind).is_dir()


def test_dates_come_from_options_when_given(course4, tmp_path):
    folder, _ = olx(course4, tmp_path, start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))
    course = xml(folder / "course" / f"{RUN}.xml")
    assert (course.get("start"), course.get("end")) == ("2026-08-31T19:00:00Z", "2026-12-31T19:00:00Z")
