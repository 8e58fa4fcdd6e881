"""Decoding what Windows machines write: BOMs, UTF-16, cp1251 and the other single-byte code pages, CRLF."""

from __future__ import annotations

import codecs

import pytest

from moocforge.textio import decode_bytes

TEXT = "Сұрақ: Python дегеніміз не?\nA. тіл\nB. жылан\nANSWER: A\n"
RUSSIAN = "Вопрос: что такое Python?\nA. язык\nB. змея\nANSWER: A\n"


@pytest.mark.parametrize("encoded, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
])
def test_unicode_forms_decode_identically(encoded, encoding):
    decoded = decode_bytes(encoded)
    assert decoded.text == TEXT and decoded.encoding == encoding


@pytest.mark.parametrize("legacy", ["cp1251", "koi8_r"])
def test_legacy_code_pages_are_detected(legacy):
    decoded = decode_bytes(RUSSIAN.encode(legacy))
    assert decoded.text == RUSSIAN and decoded.encoding == legacy


@pytest.mark.parametrize("newline, name", [("\r\n", "\r\n"), ("\r", "\r"), ("\n", "\n")])
def test_line_ends_are_normalised(newline, name):
    decoded = decode_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    assert decoded.text == TEXT and decoded.line_ending == name


# ---------------------------------------------------------------- telling single-byte code pages apart

WESTERN = {
    "de": "Welche Größe hat ein Würfel?\nA. groß\nB. klein\nANSWER: A\n",
    "fr": "Qu’est-ce qu’un élève ?\nA. un étudiant\nB. un maître\nANSWER: A\n",
    "sv": "Vad är Python för ett språk?\nA. ett programspråk\nB. en orm\nANSWER: A\n",
    "short": "Was ist ein Öl?\nA. Fett\nB. Wasser\nANSWER: A\n",
}
KAZAKH = "Python тілінде қай тип өзгермейді?\nA. тізім\nB. кортеж\nANSWER: B\n"


@pytest.mark.parametrize("language", sorted(WESTERN))
def test_a_windows_1252_text_is_not_called_cyrillic(language):
    decoded = decode_bytes(WESTERN[language].encode("cp1252"))
    assert decoded.encoding == "cp1252" and decoded.certain
    assert decoded.text == WESTERN[language] and "ц" not in decoded.text


@pytest.mark.parametrize("legacy", ["cp1251", "koi8_r", "cp866"])
def test_a_russian_text_is_read_in_its_own_code_page_and_no_other(legacy):
    decoded = decode_bytes(RUSSIAN.encode(legacy))
    assert (decoded.encoding, decoded.text, decoded.certain) == (legacy, RUSSIAN, True)


def test_kazakh_letters_tell_kz1048_from_cp1251():
    decoded = decode_bytes(KAZAKH.encode("kz1048"))
    assert (decoded.encoding, decoded.text, decoded.certain) == ("kz1048", KAZAKH, True)


def test_bytes_that_read_as_well_in_two_code_pages_are_an_uncertain_guess():
    decoded = decode_bytes("Q? é\n".encode("cp1252"))  # й in Windows-1251 reads just as naturally
    assert not decoded.certain and {decoded.encoding, *decoded.alternatives} >= {"cp1251", "cp1252"}


def test_a_text_the_same_in_every_windows_code_page_is_certain():
    decoded = decode_bytes("It’s “quoted” – and that’s all\n".encode("cp1252"))
    assert decoded.certain and decoded.encoding == "cp1252" and decoded.text.startswith("It’s “quoted”")


def test_a_named_encoding_is_used_as_it_is():
    assert decode_bytes("Q? é\n".encode("cp1252"), "cp1252").text == "Q? é\n"
    assert decode_bytes(codecs.BOM_UTF8 + b"Q?\n", "utf-8").had_bom
    with pytest.raises(LookupError):
        decode_bytes(b"Q?\n", "no-such-codec")
    with pytest.raises(UnicodeDecodeError):
        decode_bytes("Q? é\n".encode("cp1252"), "utf-8")


def test_a_windows_1252_descriptor_still_loads(tmp_path):
    from moocforge.course.loader import load_course

    (tmp_path / "course.yaml").write_bytes("title: Größe und Übung\r\nlanguage: en\r\n".encode("cp1252"))
    assert load_course(tmp_path).model.title == "Größe und Übung"
