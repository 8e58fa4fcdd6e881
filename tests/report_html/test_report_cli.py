"""`moocforge report`: the page of a real course, in each language, live or from a saved result."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from course_factory import good_descriptor, write_course
from report_html.page_check import parse
from report_html.pages import CHARTS, LANGS, SAMPLE, make_page, without_time
from review.review_factory import merged_review, run_cli

from moocforge.i18n import t


@pytest.mark.parametrize("lang", LANGS)
def test_the_sample_course_page_in_each_language(sample_pages, lang):
    html = sample_pages[lang]
    page = parse(html)
    assert page.find("html")[0].attrs["lang"] == lang
    titles = [text for level, text in page.headings if level == 2]
    assert titles == [t(f"report_html.section.{name}", lang) for name in ("overview", "charts", "findings", "rubric")]
    # every finding of the check is listed once, with its severity in words
    saved = json.loads(run_cli("check", SAMPLE, "--format", "json", "--deep", "--lang", lang)[1])
    items = page.with_class("finding")
    assert len(items) == saved["summary"]["total"] > 0
    assert sorted(i.attrs["data-severity"] for i in items) == sorted(f["severity"] for f in saved["findings"])
    assert all(t(f"core.severity.{i.attrs['data-severity']}", lang) in i.text for i in items)
    # every chart is drawn (the sample has media, deep loudness, banks and outcomes)
    assert [f.attrs["data-chart"] for f in page.find("figure")] == list(CHARTS)
    # the rubric: one row per criterion of form 10, with the proposal
    assert len(page.find("table", **{"class": "rubric"})) == 1
    assert html.count('<td class="score">') == 8


def test_a_factory_course_end_to_end(tmp_path):
    course = write_course(tmp_path / "курс", good_descriptor())
    html = make_page(tmp_path / "out" / "report.html", course, "--lang", "en")
    page = parse(html)
    # the factory's videos are links, so nothing was measured: a sentence says so instead of an empty chart
    empty = {p.attrs["data-chart-empty"]: p.text for p in page.elements if "data-chart-empty" in p.attrs}
    assert set(empty) == {"chart-video-weeks", "chart-lesson-videos", "chart-loudness"}
    assert empty["chart-loudness"] == t("report_html.no_data.loudness", "en")
    # its quiz banks and outcomes are there to draw
    assert {f.attrs["data-chart"] for f in page.find("figure")} == {"chart-quiz-weeks", "chart-answer-keys",
                                                                    "chart-coverage"}
    notes = [e.text for e in page.with_class("note")]
    assert t("report_html.rubric.no_review", "en") in notes
    saved = json.loads(run_cli("check", course, "--format", "json")[1])
    assert len(page.with_class("finding")) == saved["summary"]["total"]


def test_a_saved_result_gives_the_same_page_as_a_live_check(tmp_path):
    saved = tmp_path / "result.json"
    code, _, err = run_cli("check", SAMPLE, "--format", "json", "-o", saved, "--lang", "ru")
    assert code == 1, err  # the sample has errors; the report is written all the same
    live = make_page(tmp_path / "live.html", SAMPLE, "--lang", "ru")
    from_saved = make_page(tmp_path / "saved.html", "--from", saved, "--lang", "ru")
    assert without_time(from_saved) == without_time(live)
    # and a saved result may be drawn in another language than it was saved in
    english = make_page(tmp_path / "saved-en.html", "--from", saved, "--lang", "en")
    assert parse(english).find("html")[0].attrs["lang"] == "en" and "Findings" in english


def test_a_saved_result_is_read_once_so_it_may_come_from_a_pipe(tmp_path):
    saved = tmp_path / "result.json"
    run_cli("check", SAMPLE, "--format", "json", "-o", saved, "--lang", "en")
    from_file = make_page(tmp_path / "file.html", "--from", saved, "--lang", "en")
    piped = tmp_path / "piped.html"
    proc = subprocess.run([sys.executable, "-m", "moocforge", "report", "--from", "-", "-o", piped, "--lang", "en"],
                          input=saved.read_bytes(), capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    assert without_time(piped.read_text(encoding="utf-8")) == without_time(from_file)


def test_a_profile_named_with_a_saved_result_draws_the_bands(tmp_path):
    saved = tmp_path / "result.json"
    run_cli("check", SAMPLE, "--format", "json", "-o", saved, "--lang", "en")
    profile = tmp_path / "faculty.yaml"
    profile.write_text("extends: atu-2025\nmedia:\n  durations:\n"
                       "    weekly_video_min_minutes: {value: 20, clause: 'faculty order 7'}\n", encoding="utf-8")
    default = make_page(tmp_path / "default.html", "--from", saved, "--lang", "en")
    faculty = make_page(tmp_path / "faculty.html", "--from", saved, "--profile", profile, "--lang", "en")
    assert "30–60 min band" in default and "20–60 min band" in faculty


def test_a_saved_result_of_another_course_is_refused(tmp_path):
    saved = tmp_path / "result.json"
    run_cli("check", SAMPLE, "--format", "json", "-o", saved)
    other = write_course(tmp_path / "other", good_descriptor())
    code, _, err = run_cli("report", other, "--from", saved, "-o", tmp_path / "r.html")
    assert code == 2 and "Traceback" not in err and not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("content, words", [
    (None, "no such file"),
    ("{not json", "JSON"),
    ('{"format": "something-else", "version": 2}', "moocforge check"),
    ('{"format": "moocforge-check", "version": 1}', "version"),
])
def test_a_bad_saved_result_is_one_message_and_exit_2(tmp_path, content, words):
    saved = tmp_path / "result.json"
    if content is not None:
        saved.write_text(content, encoding="utf-8")
    target = tmp_path / "report.html"
    code, out, err = run_cli("report", "--from", saved, "-o", target, "--lang", "en")
    assert code == 2
    assert "Traceback" not in err and err.lower().count("error:") == 1 and words.lower() in err.lower(), err
    assert not target.exists() and out == ""


def test_without_a_course_or_a_saved_result_it_says_how(tmp_path):
    code, _, err = run_cli("report", "--lang", "en")
    assert code == 2 and t("report_html.cli.no_course", "en") in err


def test_the_page_goes_to_stdout_with_dash(tmp_path):
    # -o - writes bytes to the real standard output, so this runs the installed command in a process of its own
    saved = tmp_path / "result.json"
    run_cli("check", SAMPLE, "--format", "json", "-o", saved)
    done = subprocess.run([sys.executable, "-m", "moocforge", "report", "--from", str(saved), "-o", "-", "--lang",
                           "en"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>") and done.stdout.rstrip().endswith("</html>")


def test_a_merged_review_adds_the_agreed_scores(tmp_path):
    course = write_course(tmp_path / "course", {**good_descriptor(), "study_level": "bachelor"})
    merged = merged_review(course, tmp_path, {"Әлиева А.": [3, 2, 3, 2, 3, 2, 3, 2], "Petrov P.": [3, 3, 3, 2, 3, 2,
                                                                                                    3, 2],
                                              "Нұрлан Б.": [2, 2, 3, 2, 3, 2, 3, 3]})
    html = make_page(tmp_path / "report.html", course, "--review", merged, "--lang", "en")
    page = parse(html)
    headers = [th.text for th in page.find("th", scope="col")]
    assert t("report_html.rubric.agreed", "en") in headers
    assert "Әлиева А.: 3" in html and f"{3 + 2 + 3 + 2 + 3 + 2 + 3 + 2} / 24" in html


def test_a_merged_review_of_another_course_is_refused(tmp_path):
    course = write_course(tmp_path / "course", {**good_descriptor(), "study_level": "bachelor"})
    merged = merged_review(course, tmp_path, {"A": [3] * 8, "B": [3] * 8, "C": [3] * 8})
    other = write_course(tmp_path / "other", {**good_descriptor(), "title": "Another course"})
    code, _, err = run_cli("report", other, "--review", merged, "-o", tmp_path / "r.html", "--lang", "en")
    assert code == 2 and "Traceback" not in err


def test_a_folder_as_output_is_one_message_like_every_command(tmp_path):
    saved = tmp_path / "result.json"
    run_cli("check", SAMPLE, "--format", "json", "-o", saved)
    code, _, err = run_cli("report", "--from", saved, "-o", tmp_path, "--lang", "en")
    assert code == 2 and "Traceback" not in err and err.lower().count("error:") == 1
