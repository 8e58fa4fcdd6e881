"""The rubric as data: ATU form 10's criteria and bands, form 11's columns, and clear errors for a bad rubric."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from moocforge.languages import LANGUAGES
from moocforge.review.rubric import RubricError, load_rubric

from review.review_factory import make_course, run_cli

SEED = "seeds/004_26fe5e1c88641652.txt"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_atu_rubric_has_eight_criteria_with_three_levels_in_every_language():
    rubric = load_rubric()
    assert [c.number for c in rubric.criteria] == list(range(1, 9))
    assert [level.scores for level in rubric.levels] == [[0, 1], [2], [3]]
    for criterion in rubric.criteria:
        for level in rubric.levels:
            assert all(criterion.levels[level.id](lang) for lang in LANGUAGES)
    assert [c.number for c in rubric.criteria if c.expert_only] == [4, 7]
    assert rubric.max_total == 24 and rubric.experts.min == 3


def test_bands_and_the_no_technical_faults_gate():
    rubric = load_rubric()
    assert [(b.id, b.min, b.max) for b in rubric.bands] == [("recommended", 22, 24), ("revise", 19, 21),
                                                          ("rejected", 0, 18)]
    assert rubric.band_of(22).id == "recommended"
    assert rubric.band_of(24, technical_fault=True).id == "revise"
    assert rubric.band_of(21).id == "revise" and rubric.band_of(18).id == "rejected"


def test_scores_map_to_the_three_columns_of_form_11():
    rubric = load_rubric()
    assert rubric.level_of(3).compliance("kk") == "Толық сәйкестік"
    assert rubric.level_of(2).compliance("kk") == "Ішінара сәйкессіздік"
    assert rubric.level_of(1).compliance("kk") == rubric.level_of(0).compliance("kk") == "Сәйкессіздік"


def test_the_kazakh_texts_are_the_regulations_own_words(shared_dir):
    seed = _words((shared_dir / SEED).read_text(encoding="utf-8"))
    rubric = load_rubric()
    texts = [rubric.title("kk").upper()] + [b.text("kk") for b in rubric.bands]
    texts += [level.compliance("kk") for level in rubric.levels]
    for criterion in rubric.criteria:
        texts.append(criterion.title("kk"))
        texts += [criterion.levels[level.id]("kk") for level in rubric.levels]
    missing = [text for text in texts if _words(text) not in seed]
    assert missing == []


def test_the_rubric_ships_inside_the_package():
    assert (resources.files("moocforge.rubrics") / "atu-2025.yaml").is_file()


def _rubric_text() -> str:
    return (resources.files("moocforge.rubrics") / "atu-2025.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_missing_descriptor_is_named_by_file_line_and_field(tmp_path):
    text = _rubric_text()
    broken = text.replace("      partial:\n        kk: Жақсы сапалы иллюстрациялар", "      parital:\n        kk: Жақсы сапалы иллюстрациялар")
    path = tmp_path / "mine.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    error = caught.value
    assert error.file == str(path) and error.field == "criteria[1].levels"
    assert error.line == _line_of(broken, "number: 2")  + 3  # the "levels:" line of criterion 2


def test_a_misspelt_key_gets_its_line_and_the_closest_name(tmp_path):
    text = _rubric_text().replace("  discuss_spread: 2", "  discus_spread: 2")
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.line == _line_of(text, "discus_spread")
    assert "discuss_spread" in caught.value.text("en")


def test_bands_that_leave_a_gap_are_refused(tmp_path):
    text = _rubric_text().replace("    min: 19\n", "    min: 20\n")
    path = tmp_path / "gap.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.field == "bands" and caught.value.line == _line_of(text, "bands:")


def test_a_rubric_that_is_not_yaml_says_where(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("format: 1\nid: atu: 2025\n", encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.file == str(path) and caught.value.line == 2


def test_the_command_line_names_the_rubric_file_and_line(tmp_path):
    course = make_course(tmp_path / "course")
    path = tmp_path / "mine.yaml"
    path.write_text(_rubric_text().replace("  min: 3\n", "  min: three\n"), encoding="utf-8")
    code, out, err = run_cli("score", course, "--rubric", path, "--lang", "en")
    assert code == 2
    assert f"{path}:{_line_of(path.read_text(encoding='utf-8'), 'min: three')}" in err
    assert "experts.min" in err and "Traceback" not in err


def test_another_institutions_rubric_is_used(tmp_path):
    course = make_course(tmp_path / "course")
    path = tmp_path / "other.yaml"
    path.write_text(_rubric_text().replace("id: atu-2025", "id: other-2026"), encoding="utf-8")
    code, out, err = run_cli("score", course, "--rubric", path, "--format", "json")
    assert code == 0, err
    assert '"rubric": "other-2026"' in out


@pytest.mark.parametrize("make, key", [
    (lambda p: p, "review.rubric.no_file"),
    (lambda p: p.mkdir() or p, "review.rubric.not_a_file"),
])
def test_a_rubric_path_that_is_missing_or_a_folder_says_which(tmp_path, make, key):
    path = make(tmp_path / "rubric.yaml")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.key == key and caught.value.file == str(path)


def test_a_rubric_saved_by_a_windows_editor_is_read(tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_bytes(_rubric_text().replace("id: atu-2025", "id: ours-2026").encode("kz1048"))  # Kazakh "ANSI"
    assert load_rubric(path).id == "ours-2026"
