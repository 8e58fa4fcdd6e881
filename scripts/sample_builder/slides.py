"""Lesson slides following the ATU form 04 presentation template.

Form 04's order: a title slide (university, faculty, department, course, the
author's photo, name, position, degree, e-mail), a contents slide with the
lecture's questions, content slides, and a summary slide that points to the
next topic. Text boxes on blank layouts keep the deck independent of the
default template's placeholders.
"""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from .output import normalise_zip

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.33 × 7.5 in
BLANK_LAYOUT = 6
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
FONT = "Arial"  # present on the Windows machines authors use; has the Kazakh letters
FIXED_TIME = dt.datetime(2026, 1, 15, 9, 0, 0)


def _text(slide, left, top, width, height, lines, *, size=20, bold=False, color=NAVY, font=FONT):
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, font
        run.font.color.rgb = color
    return box


def _number(slide, n: int) -> None:
    _text(slide, WIDTH - 900000, HEIGHT - 600000, 700000, 400000, [str(n)], size=12, color=GREY)


def _title_slide(deck, ctx, lesson, labels) -> None:
    course, author = ctx.course, ctx.course.authors[0]
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _text(slide, 600000, 400000, 11000000, 900000, [labels["slide_university"], "https://atu.edu.kz/"], size=18,
          bold=True)
    _text(slide, 600000, 1400000, 11000000, 900000,
          [f"Факультет «{course.faculty}»", f"Кафедра «{course.department}»"], size=14, color=GREY)
    _text(slide, 600000, 2400000, 11000000, 1400000,
          [f"{labels['slide_course']}: «{course.title}»", f"{ctx.lesson_number(lesson)}. {lesson.title}"], size=24,
          bold=True)
    photo = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(600000), Emu(4200000), Emu(1500000), Emu(1800000))
    photo.fill.background()
    photo.line.color.rgb = GREY
    photo.text_frame.text = labels["author_photo"]
    photo.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
    position = f"{author.position}, {author.degree}" if author.degree else author.position
    _text(slide, 2400000, 4500000, 9000000, 1200000, [f"{author.name} – {position}", f"{labels['email']}: {author.email}"],
          size=16, color=GREY)
    _number(slide, 1)


def build_slides(ctx, module, lesson) -> bytes:
    """A form 04 deck for one lesson, as reproducible .pptx bytes."""
    labels = ctx.labels
    text = ctx.manuscript(module)["lessons"][lesson.id]
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, ctx, lesson, labels)

    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _text(slide, 600000, 400000, 11000000, 800000, [labels["contents"]], size=30, bold=True)
    _text(slide, 900000, 1500000, 10500000, 4000000,
          [f"{k}-сұрақ. {q}" for k, q in enumerate(text["questions"], start=1)], size=22, color=GREY)
    _number(slide, 2)

    for n, section in enumerate(text["sections"], start=3):
        slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
        _text(slide, 600000, 400000, 11000000, 800000, [section["heading"]], size=28, bold=True)
        has_code = bool(section.get("code"))
        _text(slide, 900000, 1400000, 5600000 if has_code else 10500000, 4200000,
              [f"• {b}" for b in section.get("bullets", [])], size=20, color=GREY)
        if has_code:
            _text(slide, 6700000, 1400000, 5000000, 4200000, section["code"].splitlines(), size=12,
                  color=NAVY, font="Consolas")
        _number(slide, n)

    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    _text(slide, 600000, 400000, 11000000, 800000, [labels["summary"]], size=30, bold=True)
    lines = [f"✓ {item}" for item in text["summary"]]
    following = ctx.next_lesson(lesson)
    if following is not None:
        lines.append(f"{labels['next_topic']}: {following.title}")
    _text(slide, 900000, 1500000, 10500000, 4000000, lines, size=22, color=GREY)
    _number(slide, len(deck.slides))

    props = deck.core_properties
    props.title = f"{ctx.lesson_number(lesson)}. {lesson.title}"
    props.author = props.last_modified_by = ctx.course.authors[0].name
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    buffer = io.BytesIO()
    deck.save(buffer)
    return normalise_zip(buffer.getvalue())
