"""The sample course's PDF documents (ATU form 01 items 16–19, 21; forms 02, 03).

Every builder returns the PDF as bytes. reportlab runs in invariant mode (no
creation date, fixed document id), so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (KeepTogether, ListFlowable, Paragraph, Preformatted, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

from .fonts import Fonts

KAZAKH_ORDER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
GRID = colors.HexColor("#8a9bb0")
# Embedded font subsets are the bulk of each file; ASCII85 would add a quarter to them.
rl_config.useA85 = 0
HEADER_FILL = colors.HexColor("#dde6f0")


@lru_cache(maxsize=1)
def _styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10.5, leading=14.5, spaceAfter=5)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=fonts.bold, fontSize=15, leading=19,
                                alignment=TA_CENTER, spaceAfter=10),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", parent=body, fontName=fonts.bold, fontSize=13, leading=17, spaceBefore=8),
        "h2": ParagraphStyle("h2", parent=body, fontName=fonts.bold, fontSize=11.5, leading=15, spaceBefore=6),
        "code": ParagraphStyle("code", parent=body, fontName=fonts.mono, fontSize=8.8, leading=11.5,
                               backColor=colors.HexColor("#f2f4f7"), borderPadding=4, leftIndent=4,
                               spaceBefore=2, spaceAfter=8),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555")),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _bullets(items, style: ParagraphStyle, numbered: bool = False) -> ListFlowable:
    kind = {"bulletType": "1", "bulletFormat": "%s."} if numbered else {"bulletType": "bullet", "start": "•"}
    return ListFlowable([_p(item, style) for item in items], leftIndent=14, bulletFontName=style.fontName,
                        bulletFontSize=style.fontSize, **kind)


def _table(rows, widths, fonts: Fonts, header: bool = True) -> Table:
    cell = _styles(fonts)["cell"]
    data = [[c if not isinstance(c, str) else _p(c, cell) for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    table.setStyle(TableStyle(style))
    return table


def _render(story: list, fonts: Fonts, *, title: str, author: str, footer: str) -> bytes:
    buffer = io.BytesIO()

    def page(canvas, doc):
        canvas.saveState()
        canvas.setFont(fonts.regular, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(20 * mm, 12 * mm, footer)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=20 * mm, title=title, author=author, subject=footer,
                            creator="moocforge scripts/make_sample_course.py", invariant=1)
    doc.build(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()


def _sections(sections, s) -> list:
    story = []
    for section in sections:
        story.append(_p(section["heading"], s["h2"]))
        story.append(_p(section["text"], s["body"]))
        if section.get("code"):
            story.append(Preformatted(section["code"], s["code"]))
    return story


def _authors(course) -> str:
    return ", ".join(a.name for a in course.authors)


# ---------------------------------------------------------------- per module and lesson

def self_study(ctx, module, fonts: Fonts) -> bytes:
    """Form 03: the week's lecture for self-study, with the lecture number and topic."""
    s, labels, course = _styles(fonts), ctx.labels, ctx.course
    number = ctx.module_number(module)
    story = [_p(f"{labels['mooc']}: {course.title}", s["center"]),
             _p(f"{labels['lecture']}{number}. {labels['topic']}: {module.title}", s["title"])]
    manuscript = ctx.manuscript(module)
    for lesson in module.lessons:
        story.append(_p(f"{ctx.lesson_number(lesson)}. {lesson.title}", s["h1"]))
        story += _sections(manuscript["lessons"][lesson.id]["sections"], s)
    story.append(_p(labels["self_check"], s["h1"]))
    story.append(_bullets(manuscript["self_check"], s["body"], numbered=True))
    links = [item for lesson in module.lessons for item in lesson.reading if "://" in item]
    if links:
        story.append(_p(labels["links"], s["h1"]))
        story.append(_bullets(links, s["small"]))
    return _render(story, fonts, title=f"{labels['lecture']}{number}. {module.title}", author=_authors(course),
                   footer=course.title)


def assignments(ctx, module, fonts: Fonts) -> bytes:
    """Form 01 item 21: the week's independent-work tasks (СӨЖ)."""
    s, labels, course = _styles(fonts), ctx.labels, ctx.course
    number = ctx.module_number(module)
    story = [_p(f"{labels['mooc']}: {course.title}", s["center"]),
             _p(f"{labels['assignments']} — {number}-{labels['week']}", s["title"]), _p(module.title, s["center"])]
    for k, task in enumerate(ctx.manuscript(module)["assignments"], start=1):
        story.append(_p(f"{k}. {task['title']}", s["h2"]))
        story.append(_p(task["text"], s["body"]))
    story.append(Spacer(1, 6))
    deadline = module.assessment.deadline if module.assessment else None
    if deadline:
        story.append(_p(f"{labels['deadline']}: {deadline}", s["body"]))
    return _render(story, fonts, title=f"{labels['assignments']} {number}", author=_authors(course),
                   footer=course.title)


def practical_task(ctx, module, fonts: Fonts) -> bytes:
    """The module's practical task (ATU §8.2): task, variants, steps, deadline, criteria."""
    s, labels, course = _styles(fonts), ctx.labels, ctx.course
    task, text = module.practical_task, ctx.manuscript(module)["practical"]
    outcomes = {o.id: o.text for o in module.outcomes}
    story = [_p(f"{labels['mooc']}: {course.title}", s["center"]),
             _p(f"{labels['practical']} {ctx.module_number(module)}. {task.title}", s["title"]),
             _p(labels["task"], s["h2"]), _p(text["task"], s["body"]),
             _p(labels["variants"], s["h2"]), _p(text["variants"], s["body"]),
             _p(labels["steps"], s["h2"]), _bullets(text["steps"], s["body"], numbered=True),
             _p(labels["submit"], s["h2"]), _p(text["submit"], s["body"]),
             _p(labels["outcomes"], s["h2"]),
             _bullets([f"{oid} — {outcomes.get(oid, '')}" for oid in task.outcomes], s["body"]),
             _p(f"{labels['deadline']}: {task.deadline}. {labels['weight']}: {task.weight:g} %.", s["body"]),
             KeepTogether([_p(labels["criteria"], s["h2"]),
                           _table([[labels["points"], labels["definition"]]]
                                  + [[str(points), text_] for points, text_ in ctx.docs["criteria"]],
                                  [22 * mm, 148 * mm], fonts)])]
    return _render(story, fonts, title=task.title, author=_authors(course), footer=course.title)


# ---------------------------------------------------------------- course documents

def _kazakh_key(term: str):
    """Sort Cyrillic terms in Kazakh alphabetical order, Latin terms after them."""
    word = term.lower()
    return [(0, KAZAKH_ORDER.index(ch)) if ch in KAZAKH_ORDER else (1, ord(ch)) for ch in word]


def glossary(ctx, fonts: Fonts) -> bytes:
    """Form 01 item 17, ATU §11.9."""
    s, labels, course = _styles(fonts), ctx.labels, ctx.course
    terms = sorted(ctx.docs["glossary"], key=lambda pair: _kazakh_key(pair[0]))
    rows = [[labels["term"], labels["definition"]]] + [[term, definition] for term, definition in terms]
    story = [_p(f"{labels['mooc']}: {course.title}", s["center"]), _p(labels["glossary"], s["title"]),
             _table(rows, [45 * mm, 125 * mm], fonts)]
    return _render(story, fonts, title=labels["glossary"], author=_authors(course), footer=course.title)


def bibliography(ctx, fonts: Fonts) -> bytes:
    """Form 01 item 18."""
    s, labels, course = _styles(fonts), ctx.labels, ctx.course
    story = [_p(f"{labels['mooc']}: {course.title}", s["center"]), _p(labels["bibliography"], s["title"])]
    number = 0
    for key, heading in (("main", "main_literature"), ("extra", "extra_literature"), ("online", "online_resources")):
        story.append(_p(labels[heading], s["h2"]))
        for entry in ctx.docs["bibliography"][key]:
            number += 1
            story.append(_p(f"{number}. {entry}", s["body"]))
    return _render(story, fonts, title=labels["bibliography"], author=_authors(course), footer=course.title)


def _structure_rows(ctx) -> list[list[str]]:
    labels, course = ctx.labels, ctx.course
    rows = [[labels["module"], labels["check_tasks"]]]
    lecture = 0
    for module in course.modules:
        number = ctx.module_number(module)
        rows.append([f"{labels['module']} №{number}. {module.title}", ""])
        for lesson in module.lessons:
            lecture += 1
            count = ctx.question_count(lesson.quiz.file) if lesson.quiz else 0
            rows.append([f"{labels['lecture_row'].format(n=lecture)}. {lesson.title}",
                         labels["practice_questions"].format(n=count)])
        tasks = [labels["test_questions"].format(n=ctx.question_count(module.assessment.file))]
        tasks.append(f"{module.practical_task.title} ({module.practical_task.weight:g} %)")
        rows.append([f"№{number} {labels['module_control']}", "; ".join(tasks)])
    final = course.final_assessment
    rows.append([labels["course_control"],
                 f"{labels['test_questions'].format(n=ctx.question_count(final.file))} ({final.weight:g} %)"])
    return rows


def work_program(ctx, fonts: Fonts) -> bytes:
    """Form 02: the course work program, with the structure table and signature lines."""
    s, labels, course = _styles(fonts), ctx.labels, ctx.course
    author_lines = [f"{a.name} – {a.degree + ', ' if a.degree else ''}{a.position}, {a.email}" for a in course.authors]
    story = [_p(f"«{course.university}» АҚ", s["center"]), _p(f"Факультет «{course.faculty}»", s["center"]),
             _p(f"Кафедра «{course.department}»", s["center"]), Spacer(1, 18),
             _p(labels["work_program"], s["title"])]
    story += [_p(line, s["center"]) for line in author_lines]
    story += [_p(f"{labels['slide_course']}: {course.title}", s["center"]), _p(labels["city_year"], s["center"]),
              Spacer(1, 12),
              _p(labels["description"], s["h2"]), _p(course.annotation, s["body"]),
              _p(labels["aim"], s["h2"]), _p(course.aim, s["body"]),
              _p(labels["objectives"], s["h2"]), _bullets(course.objectives, s["body"]),
              _p(labels["outcomes_heading"], s["h2"]),
              _bullets([f"{o.id} — {o.text}" for o in course.outcomes], s["body"]),
              _p(labels["prerequisites"], s["h2"]), _p(", ".join(course.prerequisites), s["body"]),
              _p(labels["postrequisites"], s["h2"]), _p(", ".join(course.postrequisites), s["body"]),
              _p(labels["credits"], s["h2"]),
              _p(labels["hours_weeks"].format(credits=f"{course.credits:g}", weeks=course.duration_weeks,
                                              hours=f"{course.hours:g}"), s["body"]),
              _p(labels["level"], s["h2"]), _p(labels["levels"].get(course.level, course.level), s["body"]),
              _p(labels["structure"], s["h1"]), _table(_structure_rows(ctx), [100 * mm, 70 * mm], fonts),
              Spacer(1, 14), _p(labels["approved"], s["small"]), _p(labels["date_line"], s["body"]),
              _p(f"{labels['head_of_department']} {labels['signature']}", s["body"])]
    story += [_p(f"{labels['author']} {labels['signature']} {a.name}", s["body"]) for a in course.authors[:1]]
    return _render(story, fonts, title=labels["work_program"], author=_authors(course), footer=course.title)
