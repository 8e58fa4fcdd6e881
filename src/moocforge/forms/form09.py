"""ATU form 09: the certificate of a MOOC's placement on a platform (Ү.ЖИЦДО-7.5.1-2025-02-09).

The bilingual head (ministry and university, "АНЫҚТАМА / СПРАВКА"), then
the nine rows of the regulation's table from the descriptor's authors,
department and placement facts; row 9 names the supporting documents, with
the review's total and decision when a merged review is given.
"""

from __future__ import annotations

from ..course.model import Course
from ..i18n import t
from ..review.merge import MergedReview
from ..review.rubric import Rubric
from .common import BLANK, authors_text, institution_block, language_name, or_blank, second_language
from .document import Cell, FormDocument, Paragraph, Signature, Signatures, Table, TitleBlock


def placement_certificate(model: Course, rubric: Rubric, review: MergedReview | None, lang: str,
                          number: str | None = None) -> FormDocument:
    other = second_language(lang)
    head = institution_block(rubric, lang, ministry=True)
    document = FormDocument(rubric.forms.get("09", ""), t("forms.f09.subject", lang), lang)
    document.add(
        head,
        TitleBlock([t("forms.f09.certificate", "kk", number=or_blank(number))],
                   [t("forms.f09.certificate", other, number=or_blank(number))]),
        Paragraph(t("forms.f09.subject", lang), heading=True),
    )
    placement = model.placement
    unit = ", ".join(part for part in (model.faculty, model.department) if part) or BLANK
    documents = t("forms.f09.documents", lang, institution=rubric.institution.short_name(lang),
                  form02=rubric.forms.get("02", ""), form11=rubric.forms.get("11", ""))
    if review:
        documents += " " + t("forms.f09.review_result", lang, total=review.total, max=rubric.max_total,
                             decision=review.band(rubric).name(lang))
    values = [
        authors_text(model),
        unit,
        or_blank(model.title),
        or_blank(placement.platform if placement else None),
        language_name(model.language, lang),
        or_blank(model.audience),
        placement.date.strftime("%d.%m.%Y") if placement and placement.date else BLANK,
        or_blank(placement.url if placement else None),
        documents,
    ]
    rows = [[Cell("№", center=True), Cell(t("forms.f09.name", lang)), Cell(t("forms.f09.description", lang))]]
    rows += [[Cell(f"{i}.", center=True), Cell(t(f"forms.f09.row{i}", lang)), Cell(value)]
             for i, value in enumerate(values, start=1)]
    document.add(Table(rows, [0.5, 3, 5]),
                 Signatures([Signature(rubric.institution.placement_unit_head(lang), t("forms.full_name", lang))]))
    return document
