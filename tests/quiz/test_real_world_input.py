"""Banks as Windows machines write them: every encoding and line end reads into the same questions."""

from __future__ import annotations

import codecs

import pytest

from moocforge.quiz.fix import fix_bank
from moocforge.quiz.load import load_bank

AIKEN_KK_RU = ("Python тілінде қай тип өзгермейді?\nA. list\nB. tuple\nC. dict\nD. set\nE. bytearray\nANSWER: B\n\n"
               "Какой оператор возводит в степень?\nA. ^\nB. **\nC. //\nD. %\nE. pow\nANSWER: B\n")
# cp1251 has no ә, қ, ү …: Kazakh text cannot be saved in it, Russian text is.
AIKEN_RU = ("Какой тип в Python неизменяем?\nA. list\nB. tuple\nC. dict\nD. set\nE. bytearray\nANSWER: B\n\n"
            "Какой оператор возводит в степень?\nA. ^\nB. **\nC. //\nD. %\nE. pow\nANSWER: B\n")
GIFT_RU = ("// [tag:M1.1]\n::Тип::Какой тип неизменяем? {\n=tuple#Верно\n~list\n~dict\n}\n\n"
           "Python — компилируемый язык.{FALSE#Он интерпретируемый.}\n")

ENCODINGS = [
    ("utf-8", lambda t: t.encode("utf-8"), True),
    ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), True),
    ("utf-16-le with BOM", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), False),
    ("utf-16-be with BOM", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), False),
    ("utf-16-le without BOM", lambda t: t.encode("utf-16-le"), False),
]
LINE_ENDS = [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")]


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("label, encode, moodle_reads_it", ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("end_label, end", LINE_ENDS, ids=[e[0] for e in LINE_ENDS])
@pytest.mark.parametrize("name, text", [("bank.aiken.txt", AIKEN_KK_RU), ("bank.gift", GIFT_RU)])
def test_unicode_encodings_and_line_ends_read_identically(tmp_path, label, encode, moodle_reads_it, end_label, end,
                                                          name, text):
    (tmp_path / "ref").mkdir()
    reference = load_bank(_write(tmp_path / "ref", name, text.encode("utf-8"))).bank
    loaded = load_bank(_write(tmp_path, name, encode(text.replace("\n", end)))).bank
    assert loaded == reference and loaded.question_count == 2
    assert [q.line for q in loaded.questions] == [q.line for q in reference.questions]
    not_utf8 = [p for p in loaded.problems if p.code == "not_utf8"]
    assert bool(not_utf8) is not moodle_reads_it


@pytest.mark.parametrize("name, text", [("bank.aiken.txt", AIKEN_RU), ("bank.gift", GIFT_RU)])
def test_cp1251_is_detected_not_assumed(tmp_path, name, text):
    reference = load_bank(_write(tmp_path, "utf8-" + name, text.encode("utf-8"))).bank
    legacy = load_bank(_write(tmp_path, name, text.replace("\n", "\r\n").encode("cp1251")))
    assert legacy.encoding == "cp1251" and legacy.bank == reference
    assert [(p.code, p.params) for p in legacy.bank.problems] == [
        ("not_utf8", {"encoding": {"i18n": "quiz.encoding.cp1251"}})]
    assert "Windows-1251 (Cyrillic)" in legacy.bank.problems[0].text("en")


def test_fix_rewrites_a_cp1251_crlf_bank_as_utf8_lf_with_latin_letters(tmp_path):
    broken = AIKEN_RU.replace("\nA. list", "\nА. list").replace("ANSWER: B\n\nКакой", "answer: b\n\nКакой")
    result = fix_bank(broken.replace("\n", "\r\n").encode("cp1251"), "bank.aiken.txt")
    assert result.encoding_changed and result.line_ends_changed
    assert result.fixed == AIKEN_RU and result.remaining == []
    assert {p.code for p in result.applied} == {"cyrillic_letter", "answer_lowercase", "answer_letter_lowercase"}
