"""`moocforge score`: a proposal per criterion from the findings of the rules that name it, with the figures behind it."""

from __future__ import annotations

import json

from moocforge.findings import Finding, Location, Severity
from moocforge.review.facts import CheckFacts, RuleFacts
from moocforge.review.rubric import load_rubric
from moocforge.review.score import propose

from course_factory import good_descriptor
from media_factory import write_media_course
from review.review_factory import make_course, run_cli


def _score_json(*args) -> dict:
    code, out, err = run_cli("score", *args, "--format", "json", "--lang", "en")
    assert code == 0, err
    return json.loads(out)


def _criterion(report: dict, number: int) -> dict:
    return next(c for c in report["criteria"] if c["number"] == number)


def test_every_proposal_follows_the_findings_behind_it_and_the_expert_criteria_stay_open(tmp_path):
    report = _score_json(make_course(tmp_path / "course"))
    for criterion in report["criteria"]:
        severities = {f["severity"] for f in criterion["findings"]}
        if criterion["number"] in (4, 7):
            assert criterion["proposed"] is None and criterion["needs_expert"] and criterion["reason"] == "expert"
        else:
            expected = 1 if "error" in severities else 2 if "warning" in severities else 3
            assert criterion["proposed"] == expected, criterion
            assert criterion["rules"], criterion  # the rules that ran for it are named
    open_points = sum(3 for c in report["criteria"] if c["proposed"] is None)
    assert report["total"]["min"] == sum(c["proposed"] or 0 for c in report["criteria"])
    assert report["total"]["max"] == report["total"]["min"] + open_points and report["total"]["of"] == 24


def test_an_error_lowers_its_criterion_and_is_listed_behind_the_proposal(tmp_path):
    data = good_descriptor(modules=3)  # ST101: 4 to 6 modules (ATU §8.1)
    report = _score_json(make_course(tmp_path / "course", modules=data["modules"], duration_weeks=3))
    structure = _criterion(report, 3)
    assert structure["proposed"] == 1 and structure["reason"] == "errors"
    assert "ST101" in [f["rule"] for f in structure["findings"]]
    assert {"name": "modules", "key": "modules", "value": "3"} in structure["figures"]


def test_criterion_8_shows_instructions_deadlines_and_grading(tmp_path):
    from moocforge.course.loader import load_course

    course = make_course(tmp_path / "course")
    tasks = [task for _, task in load_course(course).model.assessments()]
    figures = {f["key"]: f["value"] for f in _criterion(_score_json(course), 8)["figures"]}
    assert figures["instructions"] == f"{sum(1 for t in tasks if t.instructions)} of {len(tasks)}"
    assert figures["deadlines"] == f"{sum(1 for t in tasks if t.deadline)} of {len(tasks)}"
    assert figures["grading_described"] == "yes"


def _facts(findings: list[Finding]) -> CheckFacts:
    from moocforge.course.model import Course

    rules = {"MD102": RuleFacts("MD102", "media", "error", (1, 2)), "MD113": RuleFacts("MD113", "media", "warning", (1,)),
             "ST101": RuleFacts("ST101", "structure", "error", (3,))}
    return CheckFacts(Course(title="T"), rules, findings, {"media": {"a.mp4": {"duration": 60}}})


def test_a_media_finding_counts_toward_the_stream_it_is_about():
    audio = Finding("MD102", Severity.ERROR, "sampling_rate", {"field": {"i18n": "media.field.audio.sampling_rate"}},
                    Location(file="a.mp4"))
    report = propose(_facts([audio]), load_rubric())
    assert report.proposal(1).score == 1 and report.proposal(2).score == 3


def test_an_error_level_media_finding_rules_out_the_top_band_whatever_the_total():
    picture = Finding("MD102", Severity.ERROR, "bit_rate", {"field": {"i18n": "media.field.video.bit_rate"}})
    report = propose(_facts([picture]), load_rubric())
    assert report.has_technical_fault and report.high_total == 24 - 2
    assert "recommended" not in [b.id for b in report.bands()]
    clean = propose(_facts([]), load_rubric())
    assert not clean.has_technical_fault and clean.bands()[-1].id == "recommended"


def test_a_warning_gives_the_middle_score():
    silence = Finding("MD113", Severity.WARNING, "silence", {}, Location(file="a.mp4", start=1, end=9))
    assert propose(_facts([silence]), load_rubric()).proposal(1).score == 2


def test_a_saved_check_result_gives_the_same_proposals(tmp_path):
    course = make_course(tmp_path / "course")
    saved = tmp_path / "result.json"
    code, _, err = run_cli("check", course, "--format", "json", "-o", saved)
    assert code in (0, 1), err
    assert _score_json("--from", saved) == _score_json(course)
    assert _score_json(course, "--from", saved)["course"] == _score_json(course)["course"]


def test_a_saved_result_of_another_course_is_refused(tmp_path):
    saved = tmp_path / "result.json"
    run_cli("check", make_course(tmp_path / "one"), "--format", "json", "-o", saved)
    other = make_course(tmp_path / "two", title="Басқа курс")
    code, out, err = run_cli("score", other, "--from", saved, "--lang", "en")
    assert code == 2 and "another course" in err and str(saved) in err


def test_a_file_that_is_not_a_check_result_is_refused(tmp_path):
    saved = tmp_path / "result.json"
    saved.write_text('{"format": "something-else"}', encoding="utf-8")
    code, _, err = run_cli("score", "--from", saved, "--lang", "en")
    assert code == 2 and str(saved) in err and "moocforge check --format json" in err


def test_the_terminal_report_shows_the_range_the_band_and_the_gate(tmp_path, media):
    course = write_media_course(tmp_path / "course", media, videos={(1, 1): [{"file": "p25"}]})
    code, out, err = run_cli("score", course, "--lang", "en")
    assert code == 0, err
    assert "Possible total:" in out and "of 24" in out
    assert "error-level media finding" in out and "22–24" in out  # a 320×180 clip fails the upload policy
    assert "4. Content quality — for the expert" in out


def test_deep_analysis_gives_the_speaker_criterion_its_measurable_hints(tmp_path, media):
    course = write_media_course(tmp_path / "course", media, videos={(1, 1): [{"file": "qc_faults"}]}, promo=None)
    profile = tmp_path / "short-clips.yaml"  # two seconds of silence count in a six-second clip
    profile.write_text("extends: atu-2025\nmedia:\n  qc:\n    silence: {min_seconds: {value: 1, clause: test clips}}\n",
                       encoding="utf-8")
    report = _score_json(course, "--deep", "--profile", profile)
    sound = _criterion(report, 1)
    assert sound["proposed"] is not None and sound["notes"] == []
    assert any(f["rule"] == "MD111" for f in sound["findings"])  # the clipped tone in the first two seconds
    speaker = {f["key"]: f["value"] for f in _criterion(report, 7)["figures"]}
    assert speaker["silence_share"].endswith("%") and float(speaker["silence_share"].rstrip(" %")) > 0


def test_without_media_files_sound_and_picture_are_not_proposed():
    from moocforge.course.model import Course

    facts = CheckFacts(Course(title="T"), {"MD102": RuleFacts("MD102", "media", "error", (1, 2))}, [], {})
    report = propose(facts, load_rubric())
    assert [(p.score, p.reason) for p in report.proposals[:2]] == [(None, "no_media"), (None, "no_media")]
