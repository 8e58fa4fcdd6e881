"""Templates (acceptance 7): `init` writes a form 04 deck and a form 03 DOCX in kk, ru and en; filled in, they pass."""

from __future__ import annotations

import datetime as dt
import io
import textwrap

import pytest

from course_factory import good_descriptor, write_course
from documents.factory import pdf_bytes, picture_bytes, write_documents
from moocforge.check import run_check
from moocforge.course.scaffold import create_course
from moocforge.documents.templates import template_deck, template_self_study
from moocforge.i18n import t

LANGUAGES = ("kk", "ru", "en")


def fill_deck(data: bytes, values: dict[str, list[str]], photo: bytes) -> bytes:
    """What an author does in PowerPoint: type over each named box, put their photo in the photo frame."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    for slide in deck.slides:
        for shape in list(slide.shapes):
            if shape.name == "photo":
                box = (shape.left, shape.top, shape.width, shape.height)
                shape.element.getparent().remove(shape.element)
                slide.shapes.add_picture(io.BytesIO(photo), *box)
            elif shape.name in values:
                paragraphs = shape.text_frame.paragraphs
                for paragraph, line in zip(paragraphs, values[shape.name]):
                    paragraph.runs[0].text = line
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def deck_values(data: dict) -> dict[str, list[str]]:
    author = data["authors"][0]
    return {"university": [data["university"]], "faculty": [f"Факультет «{data['faculty']}»"],
            "department": [f"Кафедра «{data['department']}»"], "course": [f"«{data['title']}»"],
            "lecture": ["1.1. Массивтер"], "author": [f"{author['name']} – {author['position']}, {author['degree']}"],
            "email": [author["email"]], "questions": ["1. Массив құру", "2. Индекстеу", "3. Амалдар"],
            "heading": ["Массив деген не"], "body": ["Массив — бір типті элементтер тізбегі."],
            "summary-points": ["Массив құрдық", "Индекстедік", "Келесі тақырып: кестелер"]}


def fill_self_study(data: bytes, lang: str, title: str, topic: str) -> list[str]:
    """Type the course title and topic over form 03's placeholders; return the document's paragraphs."""
    from docx import Document

    document = Document(io.BytesIO(data))
    placeholders = {t("documents_templates.deck.course_placeholder", lang): title,
                    t("documents_templates.self_study.topic_placeholder", lang): topic}
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            for placeholder, value in placeholders.items():
                run.text = run.text.replace(placeholder, value)
    return [paragraph.text for paragraph in document.paragraphs]


def as_pdf(paragraphs: list[str]) -> bytes:
    """The author's "Save as PDF": the same paragraphs, wrapped, on an A4 page."""
    lines = [line for paragraph in paragraphs for line in textwrap.wrap(paragraph, 80) or [""]]
    return pdf_bytes(["\n".join(lines)])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_init_writes_the_deck_and_the_docx(tmp_path, lang):
    files = create_course(tmp_path / "c", modules=4, lessons=2, lang=lang, title=None, start=dt.date(2026, 2, 2))
    names = {path.relative_to(tmp_path / "c").as_posix() for path in files}
    assert {"module-01/lesson-01/slides_1_1.pptx", "module-04/lesson-02/slides_4_2.pptx",
            "module-01/self_study.docx"} <= names
    result = run_check(tmp_path / "c", select=["SL"])
    leftovers = [f for f in result.findings if f.rule_id == "SL104"]
    assert len(leftovers) == 4 * 8, "every slide of every unfilled deck says what to replace"
    assert {f.message for f in result.findings if f.rule_id == "SL102"} == {"no_photo", "missing_item"}
    assert not [f for f in result.findings if f.rule_id in ("SL101", "SL103", "SL105", "SL106", "SL107", "SL108")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filled_templates_pass_the_rules(tmp_path, lang):
    data = good_descriptor()
    root = write_course(tmp_path / "course", data)
    write_documents(root, data, {})  # every other document of the course is good
    deck = fill_deck(template_deck(lang, lecture="1.1"), deck_values(data), picture_bytes((480, 600)))
    (root / "module-01/lesson-01/slides_1_1.pptx").write_bytes(deck)
    paragraphs = fill_self_study(template_self_study(lang, number=1), lang, data["title"], data["modules"][0]["title"])
    (root / "module-01/self_study.pdf").write_bytes(as_pdf(paragraphs))
    result = run_check(root, select=["SL", "PD103", "PD101", "PD102"])
    assert [(f.rule_id, f.message, f.file, f.location.slide) for f in result.findings] == []


def test_unfilled_self_study_fails_form_03(tmp_path):
    data = good_descriptor()
    root = write_course(tmp_path / "course", data)
    write_documents(root, data, {})
    from docx import Document

    paragraphs = [p.text for p in Document(io.BytesIO(template_self_study("kk", number=1))).paragraphs]
    (root / "module-01/self_study.pdf").write_bytes(as_pdf(paragraphs))
    messages = {f.message for f in run_check(root, select=["PD103"]).findings}
    assert messages == {"course_mismatch", "topic_mismatch"}


def test_every_template_sentence_is_one_the_rule_knows():
    """The sentences the templates write are in the profile's list, so an unfilled deck never passes."""
    from moocforge.documents.text import normalise
    from moocforge.profiles import load_profile

    known = [normalise(p) for p in load_profile().get("slides.template_text")]
    for lang in LANGUAGES:
        for key in ("university", "faculty", "department", "photo", "author", "email", "slide_title", "slide_text",
                    "summary_1", "summary_2", "summary_3", "course_placeholder"):
            text = normalise(t(f"documents_templates.deck.{key}", lang))
            assert any(phrase in text for phrase in known), (lang, key, text)
