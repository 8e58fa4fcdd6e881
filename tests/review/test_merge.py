"""`moocforge review merge`: every expert's score, the agreed one, disagreements, agreement in words, the band."""

from __future__ import annotations

import pytest
import yaml

from moocforge.review.merge import agreed_score, read_review
from moocforge.review.rubric import load_rubric

from review.review_factory import committee, digest, make_course, merged_review, run_cli

SCORES = {"Әлиева А.": [3, 3, 3, 3, 3, 3, 3, 3], "Petrov P.": [3, 2, 3, 1, 3, 3, 3, 2], "Ким О.": [3, 3, 2, 3, 3, 3, 2, 3]}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course without media files, so without technical faults."""
    return make_course(tmp_path_factory.mktemp("merge") / "course", promo_video=None)


def test_three_sheets_merge_into_agreed_scores_total_and_band(course, tmp_path):
    merged = yaml.safe_load(merged_review(course, tmp_path, SCORES, "--lang", "en").read_text(encoding="utf-8"))
    assert merged["experts"] == list(SCORES)
    content = merged["criteria"][3]
    assert content["scores"] == {"Әлиева А.": 3, "Petrov P.": 1, "Ким О.": 3}
    assert (content["agreed"], content["spread"], content["discuss"]) == (3, 2, True)
    assert [c["agreed"] for c in merged["criteria"]] == [3, 3, 3, 3, 3, 3, 3, 3]
    assert [c["criterion"] for c in merged["criteria"] if c["discuss"]] == [4]
    assert merged["total"] == 24 and merged["band"] == "recommended"
    assert merged["agreement"]["statistic"] == "krippendorff-alpha-ordinal"
    assert merged["agreement"]["meaning"]


def test_the_agreed_score_by_method():
    assert agreed_score([3, 2], "median") == 2  # the lower middle: a split committee does not round up
    assert agreed_score([3, 2, 2, 3], "mean") == 2 and agreed_score([3, 3, 2], "mean") == 3
    assert agreed_score([3, 1, 3], "min") == 1


def test_krippendorffs_alpha_in_words(course, tmp_path):
    same = {"A": [3, 2, 1, 3, 2, 3, 1, 0], "B": [3, 2, 1, 3, 2, 3, 1, 0], "C": [3, 2, 1, 3, 2, 3, 1, 0]}
    merged = yaml.safe_load(merged_review(course, tmp_path / "same", same, "--lang", "en").read_text(encoding="utf-8"))
    assert merged["agreement"]["alpha"] == 1.0 and merged["agreement"]["verdict"] == "reliable"
    apart = {"A": [3, 0, 3, 0, 3, 0, 3, 0], "B": [0, 3, 0, 3, 0, 3, 0, 3], "C": [1, 2, 1, 2, 1, 2, 1, 2]}
    merged = yaml.safe_load(merged_review(course, tmp_path / "apart", apart, "--lang", "ru").read_text(encoding="utf-8"))
    assert merged["agreement"]["alpha"] < 0 and merged["agreement"]["verdict"] == "unreliable"
    assert "эксперты расходятся" in merged["agreement"]["meaning"]
    flat = {"A": [3] * 8, "B": [3] * 8, "C": [3] * 8}
    merged = yaml.safe_load(merged_review(course, tmp_path / "flat", flat).read_text(encoding="utf-8"))
    assert merged["agreement"]["alpha"] is None and merged["agreement"]["verdict"] == "no_variation"


def test_fewer_experts_than_the_rubric_asks_is_an_error(course, tmp_path):
    sheets = committee(course, tmp_path, dict(list(SCORES.items())[:2]))
    code, _, err = run_cli("review", "merge", *sheets, "-o", tmp_path / "m.yaml", "--lang", "en")
    assert code == 2 and "2 experts; the rubric asks for at least 3" in err and "--allow-fewer" in err
    code, _, err = run_cli("review", "merge", *sheets, "--allow-fewer", "-o", tmp_path / "m.yaml", "--lang", "en")
    assert code == 2 and "--reason" in err
    code, _, err = run_cli("review", "merge", *sheets, "--allow-fewer", "--reason", "үшінші сарапшы ауырып қалды",
                           "-o", tmp_path / "m.yaml")
    assert code == 0, err
    review = read_review(tmp_path / "m.yaml", load_rubric())
    assert review.fewer_experts_reason == "үшінші сарапшы ауырып қалды"


def test_the_same_expert_twice_is_refused(course, tmp_path):
    sheets = committee(course, tmp_path, {"Ким О.": [3] * 8, " ким  о. ": [2] * 8, "A": [3] * 8})
    code, _, err = run_cli("review", "merge", *sheets, "--lang", "en")
    assert code == 2 and "already has a sheet" in err and str(sheets[0]) in err


def test_a_sheet_of_another_course_or_version_is_refused(course, tmp_path):
    other = make_course(tmp_path / "other", title="Басқа курс")
    newer = make_course(tmp_path / "newer", aim="Жаңартылған мақсат")
    sheets = committee(course, tmp_path, dict(list(SCORES.items())[:2]))
    for stranger, words in ((other, "made for another course"), (newer, "made for another version")):
        foreign = committee(stranger, tmp_path / stranger.name, {"C": [3] * 8})[0]
        code, _, err = run_cli("review", "merge", *sheets, foreign, "--lang", "en")
        assert code == 2 and words in err and str(foreign) in err


def test_merge_never_writes_over_a_sheet(course, tmp_path):
    sheets = committee(course, tmp_path, SCORES)
    before = digest(sheets[0])
    code, _, err = run_cli("review", "merge", *sheets, "-o", sheets[0], "--lang", "en")
    assert code == 2 and digest(sheets[0]) == before


def test_a_merged_file_reads_back_with_the_same_outcome(course, tmp_path):
    path = merged_review(course, tmp_path, SCORES)
    review = read_review(path, load_rubric())
    assert review.total == 24 and [c.number for c in review.discussed()] == [4] and review.experts == list(SCORES)


def test_the_summary_says_total_band_disagreements_and_alpha(course, tmp_path):
    sheets = committee(course, tmp_path, SCORES)
    code, out, err = run_cli("review", "merge", *sheets, "-o", tmp_path / "m.yaml", "--lang", "kk")
    assert code == 0, err
    assert "Қосынды: 24 ұпайдан 24 · Орналастыруға ұсынылады" in err
    assert "талқылау керек: ұпайлар 2 ұпайға алшақ" in err and "Криппендорф альфасы" in err


def test_a_technical_fault_found_by_the_check_keeps_24_points_out_of_the_top_band(tmp_path):
    faulty = make_course(tmp_path / "faulty")  # its promo "video" is not a media file: MD101, an error
    merged = yaml.safe_load(merged_review(faulty, tmp_path, SCORES).read_text(encoding="utf-8"))
    assert merged["technical_fault"] is True and merged["total"] == 24 and merged["band"] == "revise"
