"""PDF facts (acceptance 1, 9): pages, text, pictures and their resolution; every bad file a status, never a traceback."""

from __future__ import annotations

import os

import pytest

from documents.factory import pdf_bytes, picture_bytes
from moocforge.check import run_check
from moocforge.documents import pdf as pdf_module, sniff
from moocforge.documents.pdf import read_pdf


def _read(tmp_path, data: bytes, name: str = "doc.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_pdf(path, max_pages=50)


def test_pages_text_and_picture_resolution(tmp_path):
    facts = _read(tmp_path, pdf_bytes(["ЖАОК атауы: Деректер\nДәріс №1"], scan={"pages": 1, "pixels": [620, 877]}))
    assert facts.status == sniff.OK and facts.page_count == 2 and len(facts.pages) == 2
    assert "Дәріс №1" in facts.pages[0].text and facts.pages[0].images == []
    scan = facts.pages[1]
    assert scan.text_chars == 0 and scan.image_cover == 1.0
    assert scan.lowest_dpi == pytest.approx(75, abs=1)  # 620 px over 8.27 in
    assert scan.image_only(min_text_chars=20, min_cover=0.5) and not facts.pages[0].image_only(20, 0.5)


@pytest.mark.parametrize("data, status, kind", [
    (b"", sniff.EMPTY, "empty"),
    (None, sniff.WRONG_TYPE, "jpeg"),  # a phone photo renamed .pdf
    (b"<!DOCTYPE html><html><body>Not found</body></html>", sniff.WRONG_TYPE, "html"),
    (b"%PDF-1.7\n%\xe2\xe3 nothing but a header and noise \x00\x01\x02", sniff.CORRUPT, "pdf"),
])
def test_each_bad_file_has_its_own_status(tmp_path, data, status, kind):
    data = picture_bytes((64, 48), "JPEG") if data is None else data
    facts = _read(tmp_path, data)
    assert (facts.status, facts.kind) == (status, kind)


def test_password_protected_pdf_is_encrypted_not_corrupt(tmp_path):
    facts = _read(tmp_path, pdf_bytes(["құпия"], password="secret"))
    assert facts.status == sniff.ENCRYPTED and facts.pages == []


def test_truncated_pdf_is_a_status(tmp_path):
    whole = pdf_bytes(["бір", "екі", "үш"])
    facts = _read(tmp_path, whole[: len(whole) // 3])
    assert facts.status in (sniff.CORRUPT, sniff.OK)  # pdfminer may recover pages; it never raises


def test_unreadable_file_is_a_status(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file: permissions cannot make one unreadable")
    path = tmp_path / "locked.pdf"
    path.write_bytes(pdf_bytes(["x"]))
    path.chmod(0)
    assert read_pdf(path, max_pages=5).status == sniff.UNREADABLE


def test_pages_past_the_limit_are_counted_not_read(tmp_path):
    facts = _read(tmp_path, pdf_bytes([f"бет {n}" for n in range(1, 13)]))
    assert facts.page_count == 12
    limited = read_pdf(tmp_path / "doc.pdf", max_pages=5)
    assert limited.page_count == 12 and len(limited.pages) == 5 and limited.truncated


def test_second_check_reads_no_pdf(document_course):
    root = document_course()
    first_reads = pdf_module.READS.value
    first = run_check(root, select=["PD"])
    read = pdf_module.READS.value - first_reads
    assert read == len(first.evidence.pdf) >= 20  # every PDF of the course, once
    again = pdf_module.READS.value
    second = run_check(root, select=["PD"])
    assert pdf_module.READS.value == again, "an unchanged course is answered from the cache"
    assert [(f.rule_id, f.message) for f in second.findings] == [(f.rule_id, f.message) for f in first.findings]


def test_a_changed_pdf_alone_is_read_again(document_course):
    root = document_course()
    run_check(root, select=["PD101"])
    (root / "docs" / "glossary.pdf").write_bytes(pdf_bytes(["Глоссарий\nА – б"]))
    before = pdf_module.READS.value
    run_check(root, select=["PD101"])
    assert pdf_module.READS.value - before == 1
