"""Decoding what Windows machines write: BOMs, UTF-16, cp1251, CRLF."""

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
