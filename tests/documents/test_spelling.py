"""Spelling (acceptance 8): unknown words per file with dictionaries; one info finding without; never required."""

from __future__ import annotations

import pytest
import yaml

from moocforge.check import run_check
from moocforge.documents.spelling import SpellChecker, find_dictionaries, wanted_languages

pytest.importorskip("spylls", reason="spylls reads the Hunspell dictionaries")

KAZAKH_WORDS = ("ЖАОК атауы Python тілінде деректерді талдау негіздері Дәріс Тақырыбы модуль мәтіні анықтамалар "
                "мысалдар және суреттер апта өзіндік жұмыс тапсырмалары практикалық тапсырма нұсқалар мен қадамдар "
                "сабақ оқу материалы ЖҰМЫС БАҒДАРЛАМАСЫ Алматы технологиялық университеті Факультет Ақпараттық "
                "технологиялар Кафедра Информатика кафедрасы Курстың атауы сипаттамасы Оқудың мақсаты міндеттері "
                "нәтижелері Пререквизиттер Постреквизиттер Академиялық кредиттердің саны Курстың күрделілік деңгейі "
                "бастауыш құрылымы Модуль Тексеру тапсырмаларының түрі тест сұрақ бойынша қорытынды бақылау қаңтар "
                "меңгерушісі авторы Глоссарий Термин терминнің анықтамасы Әдебиеттер тізімі Автор Кітап Баспа "
                "Мазмұны сұрақ Анықтамалар Мысалдар Қолданылуы Бірінші тұжырым Екінші Тақырыптың түйіндемесі "
                "білдік Қандай дағды алдық Курс Корпоративтік").split()


def _dictionary(folder, stem: str, words) -> None:
    (folder / f"{stem}.aff").write_text("SET UTF-8\n", encoding="utf-8")
    unique = sorted(set(words))
    (folder / f"{stem}.dic").write_text(f"{len(unique)}\n" + "\n".join(unique) + "\n", encoding="utf-8")


def _profile(tmp_path, folder) -> str:
    path = tmp_path / "spelling.yaml"
    path.write_text(yaml.safe_dump({"pdf": {"spelling": {"folders": [str(folder)]}}}), encoding="utf-8")
    return str(path)


def test_unknown_words_are_listed_per_file(tmp_path, document_course):
    folder = tmp_path / "dictionaries"
    folder.mkdir()
    _dictionary(folder, "kk_KZ", [w for word in KAZAKH_WORDS for w in (word, word.lower())])
    _dictionary(folder, "en_US", ["Python", "Lecture", "mail"])
    root = document_course({"module-02/self_study.pdf": {"pages": [
        "ЖАОК атауы: Python тілінде деректерді талдау негіздері\nДәріс №2. Тақырыбы: 2-модуль\n"
        "Дәріс мәтіні: анықтамаллар және суреттер. Lectrue pandas.DataFrame NaN"]}})
    result = run_check(root, profile=_profile(tmp_path, folder), select=["PD108"])
    found = {f.file: f for f in result.findings}
    assert set(found) == {"module-02/self_study.pdf"}, [f.text("en") for f in result.findings]
    finding = found["module-02/self_study.pdf"]
    # "DataFrame" (inner capital) and "NaN" (capitals) are identifiers, never looked up; "pandas" is a word.
    assert finding.params["words"] == "Lectrue, pandas, анықтамаллар" and finding.location.page == 1
    assert finding.params["languages"] == "en, kk"
    # Glossary terms, authors' names, identifiers and abbreviations were never looked up.
    assert result.evidence.spelling["docs/glossary.pdf"].unknown == []


def test_without_dictionaries_one_info_says_how_to_enable(tmp_path, document_course):
    root = document_course()
    result = run_check(root, profile=_profile(tmp_path, tmp_path / "none"), select=["PD108"])
    assert [(f.message, f.severity.value) for f in result.findings] == [("no_dictionaries", "info")]
    assert "hunspell-kk" in result.findings[0].text("en")


def test_checker_routes_words_by_script(tmp_path):
    _dictionary(tmp_path, "kk_KZ", ["сабақ"])
    _dictionary(tmp_path, "en_US", ["lesson"])
    checker = SpellChecker(find_dictionaries(["kk", "en"], [tmp_path]), "kk", {"numpy"})
    unknown = checker.unknown_words([(1, "сабақ сабак lesson lessen NumPy numpy ЖАОК x2 Алм-ата", set()),
                                     (2, "сабак код_1 https://example.kz/сабак", {"сабак"})])
    assert [(w.word, w.count, w.first) for w in unknown] == [("lessen", 1, 1), ("Алм", 1, 1), ("ата", 1, 1),
                                                           ("сабак", 1, 1)]
    assert wanted_languages("ru") == ("ru", "en") and wanted_languages(None) == ("kk", "en")


def test_system_dictionaries_when_installed():
    found = find_dictionaries(["kk", "ru", "en"])
    if len(found) < 3:
        pytest.skip("Hunspell dictionaries hunspell-kk, hunspell-ru, hunspell-en-us are not installed")
    checker = SpellChecker(found, "kk")
    assert [w.word for w in checker.unknown_words([(1, "деректерді талдау негіздері қатеес", set())])] == ["қатеес"]
    russian = SpellChecker(found, "ru")
    assert [w.word for w in russian.unknown_words([(1, "лекция программа лекцыя", set())])] == ["лекцыя"]
