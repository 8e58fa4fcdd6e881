"""Slide facts (acceptance 5, 9): real font sizes through the layout and master; bad and hostile decks refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from course_factory import good_descriptor
from documents.factory import deck_bytes, deck_fields, encrypted, picture_bytes, zip_bomb
from moocforge.check import run_check
from moocforge.documents import sniff, slides as slides_module
from moocforge.documents.slides import DeckLimits, read_deck

LIMITS = DeckLimits(max_file_bytes=50 << 20, max_unpacked_bytes=200 << 20, max_ratio=100, max_members=1000)


def _deck(tmp_path, data: bytes, name: str = "deck.pptx"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_deck(path, LIMITS)


def _placeholder_deck(shrink: int | None = None, explicit: int | None = None) -> bytes:
    """A deck whose text states no size: the title and body placeholders inherit from the layout and master."""
    from pptx import Presentation
    from pptx.util import Pt

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])  # "Title and Content"
    slide.shapes.title.text = "Тақырып"
    body = slide.placeholders[1].text_frame
    body.text = "Бірінші деңгей"
    second = body.add_paragraph()
    second.text, second.level = "Екінші деңгей", 1
    if explicit:
        second.runs[0].font.size = Pt(explicit)
    if shrink:
        body_pr = body._txBody.bodyPr
        body_pr.append(body_pr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit",
                                           {"fontScale": str(shrink * 1000)}))
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def test_sizes_inherited_from_the_master(tmp_path):
    facts = _deck(tmp_path, _placeholder_deck())
    sizes = {p.text: p.size_pt for p in facts.slides[0].paragraphs}
    # python-pptx's default master: title 44 pt, body level 1 32 pt, level 2 28 pt.
    assert sizes == {"Тақырып": 44.0, "Бірінші деңгей": 32.0, "Екінші деңгей": 28.0}
    assert facts.slides[0].heading == "Тақырып"


def test_shrink_on_overflow_and_explicit_sizes(tmp_path):
    facts = _deck(tmp_path, _placeholder_deck(shrink=40, explicit=20))
    sizes = {p.text: p.size_pt for p in facts.slides[0].paragraphs}
    assert sizes["Бірінші деңгей"] == 12.8 and sizes["Екінші деңгей"] == 8.0  # 32 × 0.4; 20 × 0.4
    assert sizes["Тақырып"] == 44.0  # autofit belongs to the body's text box only


def test_pictures_and_slide_size(tmp_path):
    data = deck_bytes(deck_fields(good_descriptor(), 1, 1), {"picture": {"pixels": [320, 240], "inches": [8, 6]}})
    facts = _deck(tmp_path, data)
    assert (facts.width_emu, facts.height_emu) == (12192000, 6858000)
    chart = facts.slides[-1].pictures[0]
    assert (chart.width_px, chart.height_px) == (320, 240) and chart.shown_width == pytest.approx(0.6, abs=0.001)
    assert facts.slides[0].pictures[0].width_px == 480  # the title slide's photo


def test_password_protected_deck(tmp_path):
    facts = _deck(tmp_path, encrypted(deck_bytes(deck_fields(good_descriptor(), 1, 1)), "secret"))
    assert facts.status == sniff.ENCRYPTED


def test_zip_bomb_is_refused_before_it_is_opened(tmp_path):
    before = slides_module.READS.value
    bomb = zip_bomb(300)  # 300 MB of zeros in well under a megabyte
    assert len(bomb) < 1_000_000
    facts = _deck(tmp_path, bomb)
    assert (facts.status, facts.limit) == (sniff.TOO_LARGE, "unpacked")
    ratio_limited = read_deck(tmp_path / "deck.pptx", DeckLimits(50 << 20, 1 << 40, 100, 1000))
    assert (ratio_limited.status, ratio_limited.limit) == (sniff.TOO_LARGE, "ratio")
    assert slides_module.READS.value == before, "python-pptx never saw it"


def test_too_many_members(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(1500):
            archive.writestr(f"ppt/slides/s{n}.xml", "<x/>")
    assert _deck(tmp_path, buffer.getvalue()).limit == "members"


@pytest.mark.parametrize("make, status, kind", [
    (lambda: b"", sniff.EMPTY, "empty"),
    (lambda: picture_bytes((80, 60), "PNG"), sniff.WRONG_TYPE, "png"),
    (lambda: b"PK\x03\x04 cut off", sniff.CORRUPT, "pptx"),
    (lambda: _docx(), sniff.WRONG_TYPE, "docx"),
    (lambda: _odp(), sniff.WRONG_TYPE, "odf"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), sniff.WRONG_TYPE, "ole2"),  # an old .ppt
])
def test_each_bad_deck_has_its_own_status(tmp_path, make, status, kind):
    facts = _deck(tmp_path, make())
    assert (facts.status, facts.kind) == (status, kind)


def _docx() -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def _odp() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_second_check_reads_no_deck(document_course):
    root = document_course()
    before = slides_module.READS.value
    run_check(root, select=["SL"])
    assert slides_module.READS.value - before == 8  # one deck per lesson
    again = slides_module.READS.value
    run_check(root, select=["SL"])
    assert slides_module.READS.value == again
