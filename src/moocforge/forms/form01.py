"""ATU form 01: the MOOC's description and structure, the 22 items, from the descriptor.

Each row is the regulation's item label and what the descriptor says; files
(items 16–22) are named as the course refers to them.
"""

from __future__ import annotations

from ..course.loader import LoadedCourse
from ..i18n import t
from ..review.rubric import Rubric
from .common import authors_text, credits_text, language_name, level_name, listed, or_blank
from .document import Cell, FormDocument, Paragraph, Table


def _per_module(course: LoadedCourse, attribute: str) -> str:
    return listed([f"{m.id or i}: {getattr(m, attribute)}" for i, m in enumerate(course.model.modules, start=1)
                   if getattr(m, attribute)])


def _videos(course: LoadedCourse) -> str:
    lines = []
    for module in course.model.modules:
        for lesson in module.lessons:
            for video in lesson.videos:
                target = video.file or video.url or video.master
                if target:
                    lines.append(f"{lesson.id or module.id}: {video.title or lesson.title} — {target}")
    return listed(lines)


def _banks(course: LoadedCourse) -> str:
    return listed([f"{where}: {task.file}" for where, task in course.model.assessments()
                   if task.kind == "quiz" and task.file])


def course_description(course: LoadedCourse, rubric: Rubric, lang: str) -> FormDocument:
    model = course.model
    docs = model.documents
    values = {
        1: or_blank(model.title), 2: or_blank(model.university), 3: language_name(model.language, lang),
        4: or_blank(model.audience), 5: authors_text(model), 6: level_name(model.level, lang),
        7: credits_text(model, lang), 8: listed(model.prerequisites), 9: listed(model.postrequisites),
        10: or_blank(model.annotation), 11: or_blank(model.aim), 12: listed(model.objectives),
        13: listed([f"{o.id}. {o.text}" for o in model.outcomes]), 14: or_blank(model.promo_video),
        15: or_blank(model.certificate), 16: or_blank(docs.work_program), 17: or_blank(docs.glossary),
        18: or_blank(docs.bibliography), 19: _per_module(course, "self_study"), 20: _videos(course),
        21: _per_module(course, "assignments"), 22: _banks(course),
    }
    document = FormDocument(rubric.forms.get("01", ""), t("forms.f01.heading", lang), lang)
    document.add(Paragraph(t("forms.f01.heading", lang), heading=True),
                 Paragraph(t("forms.f01.intro", lang)))
    rows = [[Cell("№", center=True), Cell(t("forms.f01.item", lang)), Cell(t("forms.f01.value", lang))]]
    rows += [[Cell(str(number), center=True), Cell(t(f"forms.f01.item{number}", lang)), Cell(value)]
             for number, value in values.items()]
    document.add(Table(rows, [0.5, 3.5, 5]))
    return document
