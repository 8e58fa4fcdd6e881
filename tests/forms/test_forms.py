"""`moocforge forms`: ATU forms 01, 02, 09 and 10 from the descriptor (and the review), in the regulation's words."""

from __future__ import annotations

import re


from moocforge.i18n import catalogue, missing_translations, t

from forms.conftest import EXPERTS, PLACEMENT
from forms.readers import docx_tables, flat, html_text, pdf_cells, pdf_text
from review.review_factory import run_cli

SEED = "seeds/004_26fe5e1c88641652.txt"


def _form(reviewed, tmp_path, form: str, fmt: str, lang: str, *extra: str):
    course, review = reviewed
    target = tmp_path / f"form-{form}.{fmt}"
    code, _, err = run_cli("forms", course, "--form", form, "--lang", lang, "-o", target, *extra)
    assert code == 0, err
    return target


def test_form_09_the_placement_certificate(reviewed, tmp_path):
    _, review = reviewed
    path = _form(reviewed, tmp_path, "09", "docx", "kk", "--review", review, "--number", "31")
    tables = docx_tables(path)
    assert tables[0][0] == ["Қазақстан Республикасы Ғылым және жоғары білім министрлігі\n"
                            "Алматы Технологиялық Университеті",
                            "Министерство науки и высшего образования Республики Казахстан\n"
                            "Алматинский Технологический Университет"]
    assert tables[1][0] == ["АНЫҚТАМА № 31", "СПРАВКА № 31"]
    rows = {row[1]: row[2] for row in tables[2][1:]}
    assert rows["Курстың авторы (лары), лауазымы, оқу дәрежесі, атағы"].startswith(
        "Асқарова Әйгерім – PhD, аға оқытушы, АТУ, a.askarova@atu.edu.kz")
    assert rows["Бөлімшенің атауы"] == "Ақпараттық технологиялар, Информатика кафедрасы"
    assert rows["Курстың атауы"] == "Python тілінде деректерді талдау негіздері"
    assert rows["Платформаның атауы"] == PLACEMENT["platform"] and rows["Курсқа сілтеме"] == PLACEMENT["url"]
    assert rows["Курсты орналастыру күні"] == "01.02.2026" and rows["Курс тілі"] == "қазақ тілі"
    assert rows["Мақсатты аудитория"].startswith("6B06101")
    assert "Ү.ЖИЦДО-7.5.1-2025-02-11 Сараптамалық қорытындысы" in rows["Растайтын құжаттар"]
    assert "24 ұпайдан 22" in rows["Растайтын құжаттар"]
    assert ["ЖИЦДО директоры", "_______________", "Т.А.Ә."] in tables[-1]


def test_form_10_the_score_sheet_with_every_experts_score(reviewed, tmp_path):
    _, review = reviewed
    path = _form(reviewed, tmp_path, "10", "pdf", "kk", "--review", review)
    cells = pdf_cells(path)
    for expected in ("Дыбыс сапасы", "0 - 1 ұпай", "2 ұпай", "3 ұпай", "Бағалау және кері байланыс",
                     "Курстың жүйесіз құрылымы және логикалық реттіліктің болмауы", "22 / 24"):
        assert expected in cells, expected
    text = flat(pdf_text(path))
    assert "ЖАОК МАЗМҰНЫНА ҚОЙЫЛАТЫН ТАЛАПТАРҒА СӘЙКЕСТІК КРИТЕРИЙЛЕРІ" in text
    for number, name in enumerate(EXPERTS, start=1):
        assert f"С{number} — {name}" in text
    assert "18 балл және одан аз – білім беру платформасында қараудан және орналастырудан бас тарту." in text


def test_form_10_without_a_review_is_a_blank_sheet(reviewed, tmp_path):
    tables = docx_tables(_form(reviewed, tmp_path, "10", "docx", "en"))
    assert tables[0][0] == ["№", "Criteria", "0–1 points", "2 points", "3 points", "Score"]
    assert [row[-1] for row in tables[0][1:9]] == [""] * 8 and tables[0][-1][-1] == "/ 24"


def test_form_01_the_description_has_its_22_items(reviewed, tmp_path):
    tables = docx_tables(_form(reviewed, tmp_path, "01", "docx", "kk"))
    rows = tables[0][1:]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 23)]
    values = {row[1]: row[2] for row in rows}
    assert values["ЖАОК атауы (150 таңбадан аспауы керек)"] == "Python тілінде деректерді талдау негіздері"
    assert values["Курстың күрделілік деңгейі: бастауыш, орта, жоғары"] == "бастауыш"
    assert values["Академиялық кредиттердің саны/ЖАОК ұзақтығы"] == "1 кредит / 4 апта"
    assert "LO1. Деректерді талдайды" in values["Оқу нәтижелері"]
    assert "final_assessment: final/final.aiken.txt" in values["Тест тапсырмалары"]


def test_form_02_the_work_program_counts_each_check_task(reviewed, tmp_path):
    path = _form(reviewed, tmp_path, "02", "html", "ru")
    text = flat(html_text(path))
    for expected in ("РАБОЧАЯ ПРОГРАММА МООК", "Факультет «Ақпараттық технологиялар»",
                     "Кафедра «Информатика кафедрасы»", "Асқарова Әйгерім – PhD, аға оқытушы, АТУ, a.askarova@atu.edu.kz",
                     "Модуль №1", "Лекция 1. 1-сабақ",
                     "Вид и количество проверочных заданий: тест – 6 вопросов",
                     "Итоговый контроль по модулю №1", "тест – 10 вопросов (Модуль тесті)",
                     "Итоговый контроль по МООК", "тест – 20 вопросов (Қорытынды тест)", "Заведующий кафедрой",
                     "Автор курса"):
        assert expected in text, expected


def test_every_form_in_every_format_and_language(reviewed, tmp_path):
    _, review = reviewed
    for form in ("01", "02", "09", "10", "11"):
        for fmt, lang in (("docx", "en"), ("pdf", "ru"), ("html", "kk")):
            path = _form(reviewed, tmp_path / f"{form}-{fmt}", form, fmt, lang, "--review", review)
            assert path.stat().st_size > 1000, (form, fmt)


def test_form_11_needs_a_review(reviewed, tmp_path):
    course, _ = reviewed
    code, _, err = run_cli("forms", course, "--form", "11", "--lang", "en", "-o", tmp_path / "x.docx")
    assert code == 2 and "--review" in err


# ---------------------------------------------------------------- the regulation's own words

# (key, params): labels whose Kazakh text the regulation's forms print word for word.
REGULATION_WORDS = [
    ("forms.f11.heading", {}), ("forms.f11.title", {}), ("forms.f11.language", {}), ("forms.f11.level", {}),
    ("forms.f11.audience", {}), ("forms.f11.author", {}), ("forms.f11.criteria", {}), ("forms.f11.actions", {}),
    ("forms.f11.cause", {}), ("forms.f11.corrective", {}), ("forms.f11.deadline", {}),
    ("forms.f11.results", {"first": "20 __", "last": "20 __"}), ("forms.sign.head", {}), ("forms.sign.author", {}),
    ("forms.sign.experts", {"min": 3}), ("forms.full_name", {}),
    ("forms.study_level.bachelor", {}), ("forms.study_level.master", {}), ("forms.study_level.doctoral", {}),
    ("forms.f10.criteria", {}), ("forms.f10.note", {}),
    ("forms.f09.certificate", {"number": "_____"}), ("forms.f09.subject", {}), ("forms.f09.name", {}),
    ("forms.f09.description", {}), ("forms.f09.documents", {"institution": "«АТУ» АҚ",
                                                             "form02": "Ү.ЖИЦДО-7.5.1-2025-02-02",
                                                             "form11": "Ү.ЖИЦДО-7.5.1-2025-02-11"}),
    *[(f"forms.f09.row{n}", {}) for n in range(1, 10)],
    ("forms.f01.heading", {}), ("forms.f01.intro", {}), *[(f"forms.f01.item{n}", {}) for n in range(1, 23)],
    ("forms.f02.heading", {}), ("forms.f02.description", {}), ("forms.f02.aim", {}), ("forms.f02.objectives", {}),
    ("forms.f02.outcomes", {}), ("forms.f02.prerequisites", {}), ("forms.f02.postrequisites", {}),
    ("forms.f02.structure", {}), ("forms.f02.module_title", {}), ("forms.f02.module_number", {"number": 1}),
    ("forms.f02.lecture", {"number": 1, "title": "Дәрістің атауы"}), ("forms.f02.check_tasks", {}),
    ("forms.f02.module_control", {"number": 1}), ("forms.f02.course_control", {}), ("forms.f02.date_line", {}),
    ("forms.f02.course_title", {}),
]


def test_the_kazakh_labels_are_the_regulations_words(shared_dir):
    seed = flat((shared_dir / SEED).read_text(encoding="utf-8").replace("**", ""))
    missing = [key for key, params in REGULATION_WORDS if flat(t(key, "kk", **params)) not in seed]
    assert missing == []


def test_every_review_and_form_text_is_in_kazakh_russian_and_english():
    keys = [key for key in catalogue() if key.startswith(("review.", "forms."))]
    assert len(keys) > 150 and missing_translations(keys) == []
    for key in keys:  # the same placeholders in every language
        names = {lang: set(re.findall(r"\{(\w+)", catalogue()[key][lang])) for lang in ("kk", "ru", "en")}
        assert names["kk"] == names["ru"] == names["en"], key


def test_form01_item7_counts_credits_weeks_and_hours_with_each_languages_plurals():
    from course_factory import good_descriptor

    from moocforge.course.model import Course
    from moocforge.forms.common import credits_text

    data = {**good_descriptor(), "credits": 1, "duration_weeks": 2, "hours": 5}
    model = Course.model_validate(data)
    assert credits_text(model, "en") == "1 credit / 2 weeks / 5 academic hours"
    assert credits_text(model, "ru") == "1 кредит / 2 недели / 5 академических часов"
    assert credits_text(model, "kk") == "1 кредит / 2 апта / 5 академиялық сағат"
