"""DC: the documents of ATU form 01 (items 16–22), the glossary (§11.9), and lecture texts (MES 2020 §24)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..course.loader import URL_PATTERN
from ..course.discover import DOCUMENT_EXTENSIONS, DOCUMENT_FOLDER, DOCUMENT_PATTERNS, MODULE_FILE_PATTERNS, looked_for
from ..findings import Quantity, Severity, at_least
from .descriptor import field_label
from .registry import RuleContext, rule
from .structure import lesson_videos, question_count


def _document_findings(ctx: RuleContext, value: str | None, field_path: tuple, params: dict, **where):
    """Missing, or not a PDF (form 01 asks for PDF files)."""
    if not value:
        yield ctx.finding("missing", field_path=field_path, params=params, **where)
    elif not value.lower().endswith(".pdf"):
        yield ctx.finding("not_pdf", severity=Severity.WARNING, field_path=field_path,
                          params={**params, "file": value}, **where)


def _course_document(ctx: RuleContext, name: str):
    """A form 01 document; when missing, the message says where and under which names it was looked for."""
    params = {"document": name, "label": field_label("documents", name), "folder": f"{DOCUMENT_FOLDER}/",
              "looked_for": looked_for(DOCUMENT_PATTERNS[name]),
              "extensions": ", ".join(sorted(DOCUMENT_EXTENSIONS))}
    yield from _document_findings(ctx, getattr(ctx.model.documents, name, None), ("documents", name), params)


@rule("DC101", name="course-documents", area="documents", severity=Severity.ERROR,
      clause="ATU form 01 items 16, 18", messages=("missing", "not_pdf"), thresholds=("documents.required",), criteria=(5,))
def course_documents(ctx: RuleContext):
    for name in ctx.threshold("documents.required"):
        if name == "glossary":
            continue  # DC102 owns the glossary
        yield from _course_document(ctx, name)


@rule("DC102", name="glossary", area="documents", severity=Severity.ERROR,
      clause="ATU §11.9, form 01 item 17", messages=("missing", "not_pdf"), criteria=(5,))
def glossary(ctx: RuleContext):
    yield from _course_document(ctx, "glossary")


def _module_documents(ctx: RuleContext, attr: str):
    """A weekly PDF of each module; when missing, the folder and the names looked for."""
    for i, module in enumerate(ctx.model.modules):
        params = {"module": module.id, "index": i, "folder": f"{module.dir or f'module-{i + 1:02d}'}/",
                  "looked_for": looked_for(MODULE_FILE_PATTERNS[attr])}
        yield from _document_findings(ctx, getattr(module, attr), ("modules", i, attr), params, module=module.id)


@rule("DC103", name="module-self-study", area="documents", severity=Severity.ERROR,
      clause="ATU form 01 item 19, §11.1", messages=("missing", "not_pdf"), criteria=(5,))
def module_self_study(ctx: RuleContext):
    yield from _module_documents(ctx, "self_study")


@rule("DC104", name="module-assignments", area="documents", severity=Severity.ERROR,
      clause="ATU form 01 item 21", messages=("missing", "not_pdf"), criteria=(6,))
def module_assignments(ctx: RuleContext):
    yield from _module_documents(ctx, "assignments")


@rule("DC105", name="test-items", area="documents", severity=Severity.ERROR,
      clause="ATU form 01 item 22", messages=("too_few",), thresholds=("documents.test_items.min",), needs=("quiz",), criteria=(6,))
def test_items(ctx: RuleContext):
    floor = ctx.threshold("documents.test_items.min")
    total = sum(question_count(ctx, a) or 0 for _, a in ctx.model.assessments() if a.kind == "quiz")
    if total < floor:
        yield ctx.finding("too_few", field_path=("modules",), params={"count": total, "min": floor},
                          measured=Quantity(total, "questions"), expected=at_least(floor, "questions"))


# A lecture's number: "1.1-дәріс", "Лекция 3", "Lecture 2.4".
_NUMBER = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _names_a_topic(name: str, generic: set[str]) -> bool:
    """Does ``name`` say what the lecture is about: a word beyond "лекция", "дәріс", "video" …?"""
    return any(word.casefold() not in generic for word in _WORD.findall(name))


@rule("DC106", name="lecture-names", area="documents", severity=Severity.WARNING,
      clause="ATU form 01 item 20", messages=("no_number", "no_topic"),
      thresholds=("documents.lecture_names.generic_words",), criteria=(3,))
def lecture_names(ctx: RuleContext):
    generic = {str(word).casefold() for word in ctx.threshold("documents.lecture_names.generic_words")}
    for where, video in lesson_videos(ctx.model):
        # What learners see: the title, else the file's own name.
        name = video.title or PurePosixPath(video.file or video.master or video.url or "").stem
        if not _NUMBER.search(name):
            yield ctx.finding("no_number", params={"name": name, "lesson": where["lesson"]}, **where)
        elif not _names_a_topic(name, generic):
            yield ctx.finding("no_topic", params={"name": name, "lesson": where["lesson"]}, **where)


@rule("DC107", name="lecture-text", area="documents", severity=Severity.WARNING,
      clause="MES 2020 §24", messages=("missing",), thresholds=("documents.lecture_text_required",), criteria=(5,))
def lecture_text(ctx: RuleContext):
    if not ctx.threshold("documents.lecture_text_required"):
        return
    for i, module in enumerate(ctx.model.modules):
        for j, lesson in enumerate(module.lessons):
            # The full text: a reading document of the lesson, or the week's self-study
            # lectures (form 01 item 19); the full deck: its slides.
            texts = [item for item in lesson.reading if not URL_PATTERN.match(item)]
            if not (lesson.slides or texts or module.self_study):
                yield ctx.finding("missing", field_path=("modules", i, "lessons", j), module=module.id,
                                  lesson=lesson.id, params={"lesson": lesson.id})
