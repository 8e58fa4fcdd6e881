"""`moocforge protocol`: ATU form 11 in DOCX, PDF and HTML, read back field by field."""

from __future__ import annotations

import pytest

from forms.conftest import EXPERTS
from forms.readers import docx_paragraphs, docx_tables, flat, html_text, pdf_cells, pdf_text
from review.review_factory import make_course, run_cli

AGREED = [3, 2, 3, 3, 3, 2, 3, 3]  # the medians of the experts' scores in conftest
DETAILS = ["--number", "14", "--date", "2026-03-05", "--head", "Сейітов Серік", "--actions", "Тесттерді қайта қарау",
           "--deadline", "2026-04-01"]


def _protocol(reviewed, tmp_path, fmt: str, lang: str, *extra: str):
    course, review = reviewed
    target = tmp_path / f"protocol.{fmt}"
    code, _, err = run_cli("protocol", course, "--review", review, "--lang", lang, "-o", target, *DETAILS, *extra)
    assert code == 0, err
    return target


def test_the_docx_protocol_has_every_field_of_form_11(reviewed, tmp_path):
    path = _protocol(reviewed, tmp_path, "docx", "kk")
    text = "\n".join(docx_paragraphs(path))
    for expected in ("Ү.ЖИЦДО-7.5.1-2025-02-11", "ЖАОК сапасын бағалау сараптамасының хаттамасы",
                     "№ 14 от 05.03.2026 ж.", "1. Факультет: Ақпараттық технологиялар",
                     "2. Кафедра: Информатика кафедрасы", "3. ЖАОК атауы: Python тілінде деректерді талдау негіздері",
                     "4. Оқыту тілі: қазақ тілі", "5. Білім деңгейі: магистратура",
                     "6. Мақсатты аудитория: 6B06101 Информатика білім беру бағдарламасының студенттері",
                     "7. Автордың Т.А.Ә.: Асқарова Әйгерім", "2025 - 2026 оқу жылында",
                     "Қорытынды: Барлығы: 24 ұпайдан 22 ұпай. 22-24 ұпай – ЖАОК техникалық ақаулар болмаған жағдайда",
                     "Сәйкессіздікті жою үшін жоспарланған әрекеттер: Тесттерді қайта қарау",
                     "Сәйкессіздіктің себебі: 2. Бейне кескін сапасы",
                     "6. Тапсырмалар мен тест материалдары — Petrov Pavel: тесттерде қателер бар",
                     "Түзету әрекеттері процедурасын жүзеге асыру орынды ма? (иә / жоқ): иә",
                     "Сәйкессіздіктерді жою мерзімі: 2026-04-01"):
        assert expected in text, expected
    criteria = next(t for t in docx_tables(path) if "Толық сәйкестік" in t[0])
    assert criteria[0] == ["№", "Сараптама критерийлері", "Толық сәйкестік", "Ішінара сәйкессіздік", "Сәйкессіздік"]
    columns = {3: 2, 2: 3, 1: 4, 0: 4}
    for row, agreed in zip(criteria[1:], AGREED):
        assert [i for i, cell in enumerate(row) if cell == "X"] == [columns[agreed]], row
    signatures = docx_tables(path)[-1]
    assert ["Кафедра меңгерушісі (Информатика кафедрасы)", "_______________", "Сейітов Серік"] in signatures
    assert ["Курс авторы", "_______________", "Асқарова Әйгерім"] in signatures
    assert signatures[2][0] == "Сарапшылар (кемінде 3)"
    assert [row[2] for row in signatures[2:]] == list(EXPERTS)


def test_the_pdf_protocol_writes_kazakh_letters_and_every_expert(reviewed, tmp_path):
    text = flat(pdf_text(_protocol(reviewed, tmp_path, "pdf", "kk")))
    assert "ЖАОК сапасын бағалау сараптамасының хаттамасы" in text
    assert set("әғқңөұүһіӘҒҚҢӨҰҮҺІ") & set(text) >= set("әғқңөұүі")
    for name in [*EXPERTS, "Асқарова Әйгерім", "Сейітов Серік"]:
        assert name in text, name
    cells = pdf_cells(tmp_path / "protocol.pdf")
    assert {"Сараптама критерийлері", "Толық сәйкестік", "Ішінара сәйкессіздік", "Сәйкессіздік"} <= set(cells)
    assert cells.count("X") == 8 and "Спикердің материалды беру сапасы" in cells
    assert "Сәйкессіздіктерді жою мерзімі: 2026-04-01" in text


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ["Протокол экспертизы оценки качества МООК", "№ 14 от 05.03.2026 г.", "Уровень образования: магистратура",
            "Полное соответствие", "Частичное несоответствие", "Заведующий кафедрой", "Эксперты (не менее 3)"]),
    ("en", ["Record of the expert review of MOOC quality", "Level of study: master's", "Full compliance",
            "Partial non-compliance", "Head of department", "Experts (at least 3)", "2025–2026 academic year"]),
])
def test_the_html_protocol_in_russian_and_english(reviewed, tmp_path, lang, words):
    path = _protocol(reviewed, tmp_path, "html", lang)
    text = flat(html_text(path))
    for expected in [*words, *EXPERTS, "Асқарова Әйгерім"]:
        assert expected in text, expected
    assert f'<html lang="{lang}">' in path.read_text(encoding="utf-8")


def test_the_reason_for_fewer_experts_is_printed_in_the_protocol(tmp_path):
    from review.review_factory import committee

    course = make_course(tmp_path / "course", promo_video=None)
    sheets = committee(course, tmp_path, {"A": [3] * 8, "B": [3] * 8})
    merged = tmp_path / "merged.yaml"
    code, _, err = run_cli("review", "merge", *sheets, "--allow-fewer", "--reason", "үшінші сарапшы іссапарда",
                           "-o", merged)
    assert code == 0, err
    code, _, err = run_cli("protocol", course, "--review", merged, "--lang", "kk", "-o", tmp_path / "p.docx")
    assert code == 0, err
    expected = "Кемінде 3 сарапшының орнына 2 сарапшы бағалады: үшінші сарапшы іссапарда"
    assert expected in docx_paragraphs(tmp_path / "p.docx")


def test_a_merged_review_of_another_course_is_refused(reviewed, tmp_path):
    _, review = reviewed
    other = make_course(tmp_path / "other", title="Басқа курс")
    target = tmp_path / "p.docx"
    code, _, err = run_cli("protocol", other, "--review", review, "--lang", "en", "-o", target)
    assert code == 2 and str(review) in err and "made for another course" in err and not target.exists()


def test_a_damaged_merged_review_names_its_line(reviewed, tmp_path):
    course, review = reviewed
    broken = tmp_path / "merged.yaml"
    text = review.read_text(encoding="utf-8").replace("  agreed: 3", "  agreed: 7", 1)
    broken.write_text(text, encoding="utf-8")
    code, _, err = run_cli("protocol", course, "--review", broken, "--lang", "en", "-o", tmp_path / "p.pdf")
    assert code == 2 and f"{broken}:" in err and "7 is not a score from 0 to 3" in err
