"""The rule catalogue: stable ids, docs, and translations in kk, ru and en."""

from __future__ import annotations

import re

from moocforge.i18n import LANGUAGES, catalogue, choose_language, missing_translations, t
from moocforge.rules.registry import Severity, all_rules


def test_rule_ids_are_stable_and_unique():
    rules = all_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for item in rules:
        assert re.fullmatch(r"[A-Z]{2}\d{3}", item.id), item.id
        assert re.fullmatch(r"[a-z0-9-]+", item.name), item.name
        assert isinstance(item.severity, Severity) and item.clause


def test_every_rule_is_translated_into_every_language():
    keys = [key for item in all_rules() for key in item.catalogue_keys()]
    assert missing_translations(keys) == []


def test_core_and_report_labels_are_translated():
    keys = [k for k in catalogue() if k.startswith(("core.", "report."))]
    assert keys and missing_translations(keys) == []


def _placeholders(text: str) -> set[str]:
    """{name} and {name, plural, …}: the parameters a text uses."""
    return set(re.findall(r"\{(\w+)(?:\}|\s*,\s*plural\s*,)", text))


def test_message_placeholders_agree_across_languages():
    for key, texts in catalogue().items():
        names = {lang: _placeholders(texts.get(lang, "")) for lang in LANGUAGES}
        assert names["kk"] == names["ru"] == names["en"], key


def test_plural_texts_have_a_fallback_and_complete_russian_forms():
    """Every plural has "other"; a Russian one that changes for few changes for many too (2 вопроса, 5 вопросов)."""
    for key, texts in catalogue().items():
        for lang, text in texts.items():
            for block in re.findall(r"\{\w+\s*,\s*plural\s*,((?:[^{}]|\{[^{}]*\})*)\}", text):
                variants = set(re.findall(r"(=\d+|zero|one|two|few|many|other)\s*\{", block))
                assert "other" in variants, (key, lang)
                assert not (variants & {"few", "many"}) or variants >= {"one", "few", "many"}, (key, lang)


def test_plurals_follow_each_language():
    assert [t("report.count.error", "ru", n=n) for n in (1, 3, 5, 21)] == ["1 ошибка", "3 ошибки", "5 ошибок",
                                                                          "21 ошибка"]
    assert [t("report.count.file", "en", n=n) for n in (1, 2)] == ["1 file", "2 files"]


def test_docs_say_what_why_and_how_to_fix():
    for item in all_rules():
        assert "What" in item.doc("en") and "Fix" in item.doc("en"), item.id


def test_language_choice_order(monkeypatch):
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert choose_language(None, None) == "ru"
    assert choose_language(None, "қазақ тілі") == "kk"
    assert choose_language("en", "kk") == "en"
    monkeypatch.setenv("LANG", "C")
    assert choose_language(None, "klingon") == "en"


def test_missing_key_falls_back_visibly():
    assert t("no.such.key", "kk") == "no.such.key"
    assert missing_translations(["no.such.key"]) == ["no.such.key [kk]", "no.such.key [ru]", "no.such.key [en]"]


def test_a_key_written_twice_in_one_catalogue_file_is_refused():
    import pytest

    from moocforge.i18n import _parse

    text = "a.key:\n  en: first\nb.key:\n  en: other\na.key:\n  en: second\n".encode()
    with pytest.raises(RuntimeError, match="'a.key' defined twice in x.yaml"):
        _parse([("x.yaml", text)])
    assert _parse([("x.yaml", b"a.key:\n  en: one  # a.key: in a comment\n")])["a.key"] == {"en": "one"}
