"""Lesson slides of the sample course: moocforge's own form 04 layout, filled with each lesson.

The layout — title slide (university, faculty, department, course, the
author's photo, name, position, degree, e-mail), contents with the lecture's
questions, content slides, a summary pointing to the next topic — is
``moocforge.documents.templates.form04_deck``, the same code that makes the
deck `moocforge init` puts into a new course. This module only supplies the
lesson's words and a drawn stand-in for the author's photo.
"""

from __future__ import annotations

import io
from functools import lru_cache

from moocforge.documents.templates import LectureDeck, Section, form04_deck

from .output import normalise_zip

PHOTO_SIZE = (480, 600)  # pixels: sharp at the 1.6 × 2.1 in form 04 gives the photo on a 1080p frame


@lru_cache(maxsize=1)
def author_photo() -> bytes:
    """A drawn head-and-shoulders silhouette: a stand-in photo, reproducible, a few kilobytes."""
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (0xDD, 0xE6, 0xF0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, height * 0.15, width * 0.7, height * 0.5), fill=(0x1F, 0x3A, 0x5F))
    draw.ellipse((width * 0.1, height * 0.55, width * 0.9, height * 1.3), fill=(0x1F, 0x3A, 0x5F))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def build_slides(ctx, module, lesson) -> bytes:
    """A form 04 deck for one lesson, as reproducible .pptx bytes."""
    labels, course = ctx.labels, ctx.course
    author = course.authors[0]
    text = ctx.manuscript(module)["lessons"][lesson.id]
    position = f"{author.position}, {author.degree}" if author.degree else author.position
    summary = list(text["summary"])
    following = ctx.next_lesson(lesson)
    if following is not None:
        summary.append(f"{labels['next_topic']}: {following.title}")
    deck = LectureDeck(
        university=[labels["slide_university"], "https://atu.edu.kz/"],
        faculty=f"Факультет «{course.faculty}»", department=f"Кафедра «{course.department}»",
        course=f"{labels['slide_course']}: «{course.title}»", lecture=f"{ctx.lesson_number(lesson)}. {lesson.title}",
        author=f"{author.name} – {position}", email=f"{labels['email']}: {author.email}",
        contents_heading=labels["contents"],
        questions=[f"{k}-сұрақ. {q}" for k, q in enumerate(text["questions"], start=1)],
        sections=[Section(s["heading"], list(s.get("bullets", [])), s.get("code") or "") for s in text["sections"]],
        summary_heading=labels["summary"], summary=summary, photo=author_photo(), author_name=author.name,
        title=f"{ctx.lesson_number(lesson)}. {lesson.title}")
    return normalise_zip(form04_deck(deck))
