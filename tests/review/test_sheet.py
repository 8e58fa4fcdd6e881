"""Expert sheets: written pre-filled (XLSX and YAML), read back, and every bad sheet refused with its place."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from openpyxl import load_workbook

from moocforge.review.rubric import load_rubric
from moocforge.review.sheet import SheetError, read_sheet

from review.review_factory import (COMMENT_COLUMN, FIRST_SCORE_ROW, SCORE_COLUMN, digest, make_course, run_cli,
                                   score_workbook, write_sheet)

EVIDENCE_COLUMN, LOW_COLUMN = 9, 6


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return make_course(tmp_path_factory.mktemp("sheet") / "course")


def _proposals(course) -> dict[int, int | None]:
    code, out, err = run_cli("score", course, "--format", "json")
    import json

    return {c["number"]: c["proposed"] for c in json.loads(out)["criteria"]}


def test_the_workbook_is_prefilled_validated_and_locked(course, tmp_path):
    path = write_sheet(course, "Әлиева Айгүл", tmp_path / "a.xlsx", lang="kk")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.title == "Бағалау" and book["moocforge"].sheet_state == "hidden"
    proposals = _proposals(course)
    rows = range(FIRST_SCORE_ROW, FIRST_SCORE_ROW + 8)
    assert [sheet.cell(r, SCORE_COLUMN).value for r in rows] == [proposals[n] for n in range(1, 9)]
    validation = sheet.data_validations.dataValidation[0]
    assert (validation.type, validation.formula1, validation.formula2) == ("whole", "0", "3")
    assert str(validation.sqref) == f"C{FIRST_SCORE_ROW}:C{FIRST_SCORE_ROW + 7}"
    assert sheet.protection.sheet
    assert not sheet.cell(FIRST_SCORE_ROW, SCORE_COLUMN).protection.locked
    assert not sheet.cell(FIRST_SCORE_ROW, COMMENT_COLUMN).protection.locked
    assert sheet.cell(FIRST_SCORE_ROW, EVIDENCE_COLUMN).protection.locked
    assert sheet.cell(FIRST_SCORE_ROW, LOW_COLUMN).value.startswith("Жазу және/немесе дыбыс")  # form 10's words
    assert sheet.cell(FIRST_SCORE_ROW + 6, 2).value == "Спикердің материалды беру сапасы"
    identity = {sheet.cell(r, 1).value: sheet.cell(r, 3).value for r in range(2, 7)}
    assert identity["ЖАОК атауы"] == "Python тілінде деректерді талдау негіздері"
    assert len(identity["Курс сипаттамасының ізі"]) == 16 and identity["Сарапшы"] == "Әлиева Айгүл"


def test_a_sheet_reads_back_with_the_experts_scores_and_comments(course, tmp_path):
    path = score_workbook(write_sheet(course, "Petrov P.", tmp_path / "p.xlsx"), [3, 2, 3, 2, 3, 3, 1, 2],
                          {7: "монотонно"})
    sheet = read_sheet(path, load_rubric())
    assert [e.score for e in sheet.entries] == [3, 2, 3, 2, 3, 3, 1, 2]
    assert sheet.entry(7).comment == "монотонно" and sheet.expert == "Petrov P."


def test_the_yaml_sheet_carries_descriptors_and_evidence_as_comments(course, tmp_path):
    path = write_sheet(course, "Nurlanov N.", tmp_path / "n.yaml", lang="ru")
    text = path.read_text(encoding="utf-8")
    assert "# 7. Качество подачи материала спикером" in text and "Спикер излагает материал неясно" in text
    data = yaml.safe_load(text)
    assert data["expert"] == "Nurlanov N." and len(data["criteria"]) == 8
    assert [c["score"] for c in data["criteria"]][3] is None  # content: for the expert


def _expect_refusal(path, *needles):
    digest_before = digest(path)
    with pytest.raises(SheetError) as caught:
        read_sheet(path, load_rubric())
    message = caught.value.text("en")
    for needle in needles:
        assert needle in message, message
    assert digest(path) == digest_before  # nothing the expert wrote is touched
    return caught.value


def test_a_text_in_a_score_cell_names_the_sheet_and_cell(course, tmp_path):
    path = score_workbook(write_sheet(course, "A", tmp_path / "a.xlsx"), [3, 2, "жақсы", 2, 3, 3, 2, 2])
    _expect_refusal(path, str(path), "Review!C10", "«жақсы» is not a score")


def test_a_score_of_4_is_refused(course, tmp_path):
    path = score_workbook(write_sheet(course, "A", tmp_path / "a.xlsx"), [3, 2, 3, 4, 3, 3, 2, 2])
    _expect_refusal(path, "Review!C11", "4 is not a score from 0 to 3")


def test_a_deleted_row_is_noticed(course, tmp_path):
    path = score_workbook(write_sheet(course, "A", tmp_path / "a.xlsx"), [3, 2, 3, 2, 3, 3, 2, 2])
    book = load_workbook(path)
    book.worksheets[0].delete_rows(FIRST_SCORE_ROW + 4)
    book.save(path)
    _expect_refusal(path, "criterion 5 (Self-study materials) is missing", "a row was deleted")


def test_an_unscored_criterion_is_refused(course, tmp_path):
    path = write_sheet(course, "A", tmp_path / "a.xlsx")  # criteria 4 and 7 are left to the expert
    _expect_refusal(path, "Review!C11", "criterion 4 (Content quality) has no score")


def test_a_yaml_sheet_with_a_misspelt_key_names_the_line(course, tmp_path):
    path = write_sheet(course, "A", tmp_path / "a.yaml")
    text = path.read_text(encoding="utf-8").replace("score: null", "score: 2").replace("    comment:", "    coment:", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "coment:" in row)
    error = _expect_refusal(path, f"{path}:{line}", "unknown key «coment»", "did you mean «comment»?")
    assert error.line == line


def test_a_yaml_score_out_of_range_names_its_line(course, tmp_path):
    path = write_sheet(course, "A", tmp_path / "a.yaml")
    text = re.sub(r"(?m)^    score: .*$", "    score: 2", path.read_text(encoding="utf-8"))
    text = text.replace("    score: 2", "    score: 5", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "score: 5" in row)
    _expect_refusal(path, f"{path}:{line}", "5 is not a score from 0 to 3")


def test_numbers_stored_as_text_or_float_are_scores(course, tmp_path):
    path = score_workbook(write_sheet(course, "A", tmp_path / "a.xlsx"), ["3", 2.0, " 1 ", 2, 3, 3, 2, 2])
    assert [e.score for e in read_sheet(path, load_rubric()).entries][:3] == [3, 2, 1]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "scores.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    _expect_refusal(path, str(path), "not an Excel workbook")


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (Debian package libreoffice-calc-nogui) is not installed")
def test_a_sheet_resaved_by_libreoffice_is_read_and_a_bad_one_still_named(course, tmp_path):
    good = score_workbook(write_sheet(course, "A", tmp_path / "good.xlsx"), [3, 2, 3, 2, 3, 3, 2, 2])
    bad = score_workbook(write_sheet(course, "B", tmp_path / "bad.xlsx"), [3, 2, 3, 2, 3, 9, 2, 2])
    saved = tmp_path / "libreoffice"
    for path in (good, bad):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(path)],
                       check=True, capture_output=True, timeout=180)
    assert [e.score for e in read_sheet(saved / "good.xlsx", load_rubric()).entries] == [3, 2, 3, 2, 3, 3, 2, 2]
    _expect_refusal(saved / "bad.xlsx", "Review!C13", "9 is not a score")


def test_the_command_line_refuses_a_bad_sheet_with_one_message(course, tmp_path):
    sheets = [score_workbook(write_sheet(course, name, tmp_path / f"{name}.xlsx"), [3, 2, 3, 2, 3, 3, 2, 2])
              for name in ("A", "B")]
    bad = score_workbook(write_sheet(course, "C", tmp_path / "C.xlsx"), [3, 2, 3, "x", 3, 3, 2, 2])
    before = [digest(p) for p in [*sheets, bad]]
    code, out, err = run_cli("review", "merge", *sheets, bad, "-o", tmp_path / "merged.yaml", "--lang", "en")
    assert code == 2 and err.count("error:") == 1 and "C.xlsx: Review!C11" in err and "Traceback" not in err
    assert [digest(p) for p in [*sheets, bad]] == before and not (tmp_path / "merged.yaml").exists()


def test_a_sheet_is_not_written_over_an_existing_file_by_default(course, tmp_path):
    code, _, err = run_cli("review", "sheet", course, "--expert", "Ким", "--lang", "en", cwd=tmp_path)
    assert code == 0, err and (tmp_path / "review-ким.xlsx").is_file()
    before = digest(tmp_path / "review-ким.xlsx")
    code, _, err = run_cli("review", "sheet", course, "--expert", "Ким", "--lang", "en", cwd=tmp_path)
    assert code == 2 and "already exists" in err and digest(tmp_path / "review-ким.xlsx") == before
