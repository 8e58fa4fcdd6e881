"""DC: the documents of ATU form 01 (items 16–22) and the glossary (§11.9)."""

from __future__ import annotations

from ..course.discover import DOCUMENT_EXTENSIONS, DOCUMENT_FOLDER, DOCUMENT_PATTERNS, MODULE_FILE_PATTERNS, looked_for
from ..findings import Quantity, Severity, at_least
from .descriptor import field_label
from .registry import RuleContext, rule
from .structure import question_count


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
