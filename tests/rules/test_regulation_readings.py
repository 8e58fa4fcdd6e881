"""Readings of the regulation that one case per rule cannot pin down: where seconds decide a verdict,
what of an announcement a learner reads, how grading texts are read, and dates a refresh is judged at.

The rules' own pass and fail cases are in src/moocforge/rules/cases/; these tests build real
courses (tests/course_factory.py) and real videos (ffmpeg) for the boundaries between them.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from course_factory import good_descriptor, write_course
from moocforge.check import run_check
from moocforge.rules.descriptor import mentions, percent_ranges
from moocforge.rules.structure import verdict_clock, visible_text


def findings(root, rule_id, **kwargs):
    return [f for f in run_check(root, select=[rule_id], **kwargs).findings if f.rule_id == rule_id]


# ---------------------------------------------------------------- durations keep the seconds that decide

@pytest.mark.parametrize("seconds, limit, shown", [
    (899.6, 900, "14:59"),  # rounded it would read 15:00, the very minimum it fails
    (120.4, 120, "02:01"),  # rounded it would read 02:00, the very maximum it exceeds
    (59.5, 60, "00:59"),
    (130.0, 120, "02:10"),  # far from the limit: plain rounding
    (30.2, 60, "00:30"),
])
def test_a_failing_duration_never_reads_as_its_limit(seconds, limit, shown):
    assert verdict_clock(seconds, limit) == shown


def _video(ffmpeg, path, seconds: float):
    """A tiny real video of the given length (1-pixel-cheap grey frames at 10 fps)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([ffmpeg, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    f"color=c=gray:s=64x36:r=10:d={seconds}", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", str(path)], check=True, capture_output=True)


@pytest.fixture
def closing_course(tmp_path, ffmpeg, private_user_cache):
    def make(seconds: float):
        data = good_descriptor()
        data["closing_video"] = "promo/closing.mp4"
        root = write_course(tmp_path / f"closing-{seconds}", data)
        _video(ffmpeg, root / "promo" / "closing.mp4", seconds)
        return root

    return make


@pytest.mark.slow
def test_closing_video_is_judged_to_the_second(closing_course):
    [too_long] = findings(closing_course(120.4), "ST125")
    assert too_long.params == {"duration": "02:01", "min": "01:00", "max": "02:00"}
    assert too_long.text("en") == "the closing video lasts 02:01; 01:00–02:00 expected"
    assert too_long.file == "promo/closing.mp4" and too_long.clause.startswith("ATU form 08")
    assert findings(closing_course(90), "ST125") == []
    [too_short] = findings(closing_course(40), "ST125")
    assert too_short.params["duration"] == "00:40"


@pytest.mark.slow
def test_the_closing_video_is_held_to_the_upload_policy_like_a_lecture(closing_course):
    """It is a video learners watch: probed, and judged by the upload spec (MD102) like the lectures."""
    result = run_check(closing_course(90), select=["MD102"])
    assert any(f.file == "promo/closing.mp4" for f in result.findings)


# ---------------------------------------------------------------- an announcement as a learner reads it

def test_markdown_marks_and_link_targets_are_not_text():
    text = ("# Апта\n\n**Маңызды:** [форум](https://skills.atu.kz/mod/forum/view.php?id=1) және "
            "![сурет](a.png) `код` \\* &amp; <b>қалың</b>\n\n- бір\n- екі")
    assert visible_text(text) == "Апта\n\nМаңызды: форум және  код * & қалың\n\nбір\n\nекі"


def test_plain_text_counts_as_before():
    """Without Markdown syntax the visible text is the text: nothing changes for plain announcements."""
    plain = "Құрметті тыңдаушылар!\nОсы аптада тізімдерді үйренеміз.\n\nСәттілік!"
    assert visible_text(plain) == plain


def _announcement_course(tmp_path, name: str, text: str):
    data = good_descriptor()
    del data["modules"][0]["announcement"]
    data["modules"][0]["announcement_file"] = f"module-01/{name}"
    root = write_course(tmp_path / name, data)
    (root / "module-01" / name).write_text(text, encoding="utf-8")
    return root


def test_a_txt_announcement_is_counted_as_written_and_markdown_as_rendered(tmp_path):
    body = "**" + "ә" * 396 + "**"  # 400 characters as written, 396 as rendered
    [short] = findings(_announcement_course(tmp_path, "announcement.md", body), "ST112")
    assert short.params["count"] == 396
    assert findings(_announcement_course(tmp_path, "announcement.txt", body), "ST112") == []


# ---------------------------------------------------------------- the grading and certificate text

@pytest.mark.parametrize("text, ranges", [
    ("0–40 % — аяқталмады; 40–85 % — сертификатсыз; 85–100 % — сертификатпен", [(0, 40), (40, 85), (85, 100)]),
    ("от 40% - 85% и 85%—100%", [(40, 85), (85, 100)]),
    ("шкала 0–100 ұпай; 2024–2025 оқу жылы", []),  # points and years are no percentages
    ("1.5–2 %", []),  # a decimal is no band boundary
    ("90–80 %", []),  # backwards
])
def test_percentage_ranges(text, ranges):
    assert percent_ranges(text) == ranges


def test_words_are_found_at_the_start_of_a_word_in_any_case():
    assert mentions("Бағалау КРИТЕРИЙЛЕРІ жарияланады", ["критери"])
    assert mentions("Проверка в течение\nнедели", ["в течение"])  # across a line break
    assert not mentions("дискриминант", ["критери"])  # not inside a word
    assert not mentions("", ["мерзім"])


# ---------------------------------------------------------------- when content is judged stale

def test_refresh_is_judged_today_when_the_course_dates_nothing(tmp_path):
    data = good_descriptor()
    for _, task in [(None, data["final_assessment"]), *((None, m["assessment"]) for m in data["modules"])]:
        task.pop("deadline", None)
    data["last_reviewed"] = dt.date(2001, 3, 1)
    [stale] = findings(write_course(tmp_path / "c", data), "ST126", profile="kaznu")
    assert stale.message == "stale_today"
    assert stale.params["due"] == "2004-03-01" and stale.params["at"] == dt.date.today().isoformat()


def test_a_leap_day_review_falls_due_on_the_28th(tmp_path):
    data = good_descriptor()
    data["last_reviewed"] = dt.date(2024, 2, 29)
    data["final_assessment"]["deadline"] = dt.date(2026, 12, 20)
    [stale] = findings(write_course(tmp_path / "c", data), "ST126", profile="katu")
    assert stale.params["due"] == "2025-02-28"
