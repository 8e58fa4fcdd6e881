"""The form 04 lecture deck and the form 03 self-study lecture, made by code (no binary blobs).

``form04_deck(deck)`` lays out one lecture presentation the way ATU form 04
orders it — title slide (university, faculty, department, course, the
author's photo, name, position, degree, corporate e-mail), contents with the
lecture's questions, content slides, summary — on a 16:9 slide, every text
at a size the SL rules accept. ``moocforge init`` fills it with form 04's
own placeholder sentences in kk, ru or en (``template_deck``); the sample
course fills it with a real lecture. ``template_self_study`` writes form
03's lecture as a DOCX for the author to write in and export to PDF.

Every text box is named after what it holds (``university``, ``photo``,
``question-2`` …), so an author's tool — or a test — can find and fill it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from ..i18n import t

WIDTH_EMU, HEIGHT_EMU = 12192000, 6858000  # 13.33 × 7.5 in: 16:9, a 1920×1080 frame
BLANK_LAYOUT = 6  # python-pptx's default template: "Blank"
FONT = "Arial"  # on the Windows machines authors record from; has the Kazakh letters
CODE_FONT = "Consolas"
NAVY, GREY = (0x1F, 0x3A, 0x5F), (0x55, 0x55, 0x55)
# Sizes in points: the smallest (body and code) stays above the profile's slides.font.min_pt.
TITLE_PT, HEADING_PT, BODY_PT, CODE_PT, SMALL_PT, NUMBER_PT = 24, 28, 20, 16, 16, 12
FIXED_TIME = dt.datetime(2026, 1, 15, 9, 0, 0)  # reproducible core properties
TEMPLATE_QUESTIONS = 3  # form 04's contents slide lists three questions


@dataclass
class Section:
    heading: str
    bullets: list[str] = field(default_factory=list)
    code: str = ""


@dataclass
class LectureDeck:
    """What one form 04 presentation says."""

    university: list[str]  # lines: the name (and the site, as form 04 shows it)
    faculty: str
    department: str
    course: str
    lecture: str  # "1.1. Lesson title"
    author: str  # "Name – position, degree"
    email: str
    contents_heading: str
    questions: list[str]
    sections: list[Section]
    summary_heading: str
    summary: list[str]
    photo: bytes | None = None  # the author's photo; None leaves form 04's photo frame
    photo_label: str = ""  # what the empty frame says
    author_name: str = ""  # core properties
    title: str = ""


def _rgb(colour):
    from pptx.dml.color import RGBColor

    return RGBColor(*colour)


def _text(slide, name: str, box: tuple[int, int, int, int], lines: list[str], *, size: int, bold: bool = False,
          colour=NAVY, font: str = FONT):
    from pptx.util import Emu, Pt

    shape = slide.shapes.add_textbox(*(Emu(v) for v in box))
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, font
        run.font.color.rgb = _rgb(colour)
    return shape


def _number(slide, n: int) -> None:
    _text(slide, "slide-number", (WIDTH_EMU - 900000, HEIGHT_EMU - 600000, 700000, 400000), [str(n)], size=NUMBER_PT,
          colour=GREY)


def _photo(slide, deck: LectureDeck, box: tuple[int, int, int, int]) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Pt

    if deck.photo:
        picture = slide.shapes.add_picture(io.BytesIO(deck.photo), *(Emu(v) for v in box))
        picture.name = "photo"
        return
    frame = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Emu(v) for v in box))
    frame.name = "photo"
    frame.fill.background()
    frame.line.color.rgb = _rgb(GREY)
    frame.text_frame.word_wrap = True
    if deck.photo_label:
        frame.text_frame.text = deck.photo_label
        run = frame.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.name = Pt(SMALL_PT), FONT
        run.font.color.rgb = _rgb(GREY)


PHOTO_BOX = (600000, 4100000, 1500000, 1900000)  # where form 04 puts the author's photo


def _title_slide(presentation, deck: LectureDeck) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text(slide, "university", (600000, 350000, 11000000, 900000), deck.university, size=20, bold=True)
    _text(slide, "faculty", (600000, 1300000, 11000000, 450000), [deck.faculty], size=SMALL_PT, colour=GREY)
    _text(slide, "department", (600000, 1750000, 11000000, 450000), [deck.department], size=SMALL_PT, colour=GREY)
    _text(slide, "course", (600000, 2350000, 11000000, 700000), [deck.course], size=TITLE_PT, bold=True)
    _text(slide, "lecture", (600000, 3050000, 11000000, 700000), [deck.lecture], size=22, bold=True)
    _photo(slide, deck, PHOTO_BOX)
    _text(slide, "author", (2400000, 4500000, 9200000, 700000), [deck.author], size=18, colour=GREY)
    _text(slide, "email", (2400000, 5200000, 9200000, 500000), [deck.email], size=18, colour=GREY)
    _number(slide, 1)


def _contents_slide(presentation, deck: LectureDeck) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text(slide, "contents", (600000, 400000, 11000000, 800000), [deck.contents_heading], size=HEADING_PT + 2,
          bold=True)
    # One paragraph per question: form 04 lists them one under another.
    _text(slide, "questions", (900000, 1500000, 10500000, 4300000), deck.questions, size=22, colour=GREY)
    _number(slide, 2)


def _content_slide(presentation, section: Section, number: int) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text(slide, "heading", (600000, 400000, 11000000, 800000), [section.heading], size=HEADING_PT, bold=True)
    text_width = 5000000 if section.code else 10500000
    if section.bullets:
        _text(slide, "body", (700000, 1400000, text_width, 4400000), [f"• {b}" for b in section.bullets],
              size=BODY_PT, colour=GREY)
    if section.code:
        _text(slide, "code", (5900000, 1400000, 6000000, 4400000), section.code.splitlines(), size=CODE_PT,
              font=CODE_FONT)
    _number(slide, number)


def _summary_slide(presentation, deck: LectureDeck, number: int) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[BLANK_LAYOUT])
    _text(slide, "summary", (600000, 400000, 11000000, 800000), [deck.summary_heading], size=HEADING_PT + 2, bold=True)
    _text(slide, "summary-points", (900000, 1500000, 10500000, 4300000), [f"✓ {item}" for item in deck.summary],
          size=22, colour=GREY)
    _number(slide, number)


def form04_deck(deck: LectureDeck) -> bytes:
    """The deck as .pptx bytes (the same input gives the same content; zip times are the caller's concern)."""
    from pptx import Presentation
    from pptx.util import Emu

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(WIDTH_EMU), Emu(HEIGHT_EMU)
    _title_slide(presentation, deck)
    _contents_slide(presentation, deck)
    for number, section in enumerate(deck.sections, start=3):
        _content_slide(presentation, section, number)
    _summary_slide(presentation, deck, len(deck.sections) + 3)
    props = presentation.core_properties
    props.title, props.author = deck.title or deck.lecture, deck.author_name
    props.last_modified_by = deck.author_name
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def template_deck(lang: str, *, lecture: str, title: str | None = None) -> bytes:
    """Form 04 with its placeholder sentences in ``lang``; ``lecture`` is the lesson's number ("1.2")."""
    def say(key: str, **params) -> str:
        return t(f"documents_templates.deck.{key}", lang, **params)

    course = title or say("course_placeholder")
    questions = [say("question", k=k, ordinal=say(f"ordinal.{k}")) for k in range(1, TEMPLATE_QUESTIONS + 1)]
    return form04_deck(LectureDeck(
        university=[say("university")], faculty=say("faculty"), department=say("department"),
        course=say("course", title=course), lecture=say("lecture", number=lecture), author=say("author"),
        email=say("email"), contents_heading=say("contents"), questions=questions,
        sections=[Section(say("slide_title"), [say("slide_text")])], summary_heading=say("summary"),
        summary=[say("summary_1"), say("summary_2"), say("summary_3")], photo_label=say("photo"),
        title=say("lecture", number=lecture)))


def template_self_study(lang: str, *, number: int, title: str | None = None) -> bytes:
    """Form 03: the week's self-study lecture as a DOCX with its heading lines and sections to write."""
    from docx import Document
    from docx.shared import Pt

    def say(key: str, **params) -> str:
        return t(f"documents_templates.self_study.{key}", lang, **params)

    document = Document()
    document.styles["Normal"].font.name = FONT
    document.styles["Normal"].font.size = Pt(12)
    document.add_paragraph(say("course", title=title or t("documents_templates.deck.course_placeholder", lang)))
    document.add_heading(say("lecture", number=number, topic=say("topic_placeholder")), level=1)
    document.add_heading(say("text_heading"), level=2)
    document.add_paragraph(say("text"))
    document.add_heading(say("questions_heading"), level=2)
    for k in range(1, TEMPLATE_QUESTIONS + 1):
        document.add_paragraph(say("question", k=k), style="List Number")
    document.add_heading(say("reading_heading"), level=2)
    document.add_paragraph(say("reading"), style="List Bullet")
    props = document.core_properties
    props.title = say("lecture", number=number, topic="")
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
