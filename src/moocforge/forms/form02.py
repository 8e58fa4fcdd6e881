"""ATU form 02: the MOOC's work program, from the descriptor.

The head (university, faculty, department), the author with degree, position
and corporate e-mail, sections 1.1–1.4 and items 1–4, the structure table
(each module's lectures with the type and number of their check tasks, the
module's final control, the course's final control), the date line and the
signatures of the head of department and the author. The regulation numbers
1.4 twice (objectives and outcomes): here they are 1.3 and 1.4.
"""

from __future__ import annotations

import datetime as dt

from ..course.loader import LoadedCourse
from ..course.model import Assessment
from ..i18n import t
from ..quiz.load import load_bank
from ..review.rubric import Rubric
from .common import (BLANK, author_line, credits_text, head_of_department, language_name, level_name, listed,
                     or_blank)
from .document import Cell, FormDocument, Paragraph, Signature, Signatures, Table


def _question_count(course: LoadedCourse, task: Assessment) -> int | None:
    """The declared number of questions, else the questions Moodle would import from the bank."""
    if task.questions is not None:
        return task.questions
    if task.kind != "quiz" or not task.file:
        return None
    try:
        return load_bank(course.resolve(task.file)).bank.question_count
    except (OSError, ValueError):
        return None  # an unreadable bank is the check's to report; the form leaves the count out


def task_text(course: LoadedCourse, task: Assessment | None, lang: str) -> str:
    """"тест – 10 сұрақ", "эссе": the type and number of a check task, as form 02 asks."""
    if task is None:
        return BLANK
    kind = t(f"forms.task.{task.kind}", lang)
    count = _question_count(course, task)
    text = t("forms.task.with_count", lang, kind=kind, count=count) if count is not None else kind
    return f"{text} ({task.title})" if task.title else text


def work_program(course: LoadedCourse, rubric: Rubric, lang: str, day: dt.date | None = None) -> FormDocument:
    model = course.model
    day = day or dt.date.today()
    document = FormDocument(rubric.forms.get("02", ""), t("forms.f02.heading", lang), lang)
    document.add(
        Paragraph(rubric.institution.legal_name(lang), center=True, bold=True),
        Paragraph(f"{t('forms.f11.faculty', lang)} «{or_blank(model.faculty)}»", center=True),
        Paragraph(f"{t('forms.f11.department', lang)} «{or_blank(model.department)}»", center=True),
        Paragraph(t("forms.f02.heading", lang), heading=True),
        *[Paragraph(author_line(a), center=True) for a in model.authors],
        Paragraph(f"{t('forms.f02.course_title', lang)}: {or_blank(model.title)}", center=True, bold=True),
        Paragraph(f"{rubric.institution.city(lang)}, {day.year}", center=True),
        Paragraph(f"1.1 {t('forms.f02.description', lang)}", bold=True), Paragraph(or_blank(model.annotation)),
        Paragraph(f"1.2 {t('forms.f02.aim', lang)}:", bold=True), Paragraph(or_blank(model.aim)),
        Paragraph(f"1.3 {t('forms.f02.objectives', lang)}:", bold=True), Paragraph(listed(model.objectives)),
        Paragraph(f"1.4 {t('forms.f02.outcomes', lang)}:", bold=True),
        Paragraph(listed([f"{o.id}. {o.text}" for o in model.outcomes])),
        Paragraph(f"1. {t('forms.f02.prerequisites', lang)}", bold=True), Paragraph(listed(model.prerequisites)),
        Paragraph(f"2. {t('forms.f02.postrequisites', lang)}", bold=True), Paragraph(listed(model.postrequisites)),
        Paragraph(f"3. {t('forms.f01.item7', lang)}: {credits_text(model, lang)}", bold=True),
        Paragraph(f"4. {t('forms.f01.item6', lang)}: {level_name(model.level, lang)}", bold=True),
        Paragraph(f"{t('forms.f02.language', lang)}: {language_name(model.language, lang)}"),
        Paragraph(t("forms.f02.structure", lang), bold=True),
    )
    rows = [[Cell(t("forms.f02.module", lang)), Cell(t("forms.f02.content", lang))]]
    lecture = 0
    for number, module in enumerate(model.modules, start=1):
        rows.append([Cell(t("forms.f02.module_title", lang), bold=True), Cell(module.title, bold=True)])
        for lesson in module.lessons:
            lecture += 1
            rows.append([Cell(t("forms.f02.module_number", lang, number=number)),
                         Cell(t("forms.f02.lecture", lang, number=lecture, title=lesson.title))])
            tasks = f"{t('forms.f02.check_tasks', lang)}: {task_text(course, lesson.quiz, lang)}"
            rows.append([Cell(""), Cell(tasks)])
        final = module.assessment or module.practical_task
        rows.append([Cell(t("forms.f02.module_control", lang, number=number), bold=True),
                     Cell(task_text(course, final, lang))])
    rows.append([Cell(t("forms.f02.course_control", lang), bold=True),
                 Cell(task_text(course, model.final_assessment, lang))])
    document.add(Table(rows, [2.5, 6]),
                 Paragraph(t("forms.f02.date_line", lang)),
                 Signatures([Signature(head_of_department(model, lang), t("forms.full_name", lang))] +
                            [Signature(t("forms.sign.author", lang), a.name) for a in model.authors]))
    return document
