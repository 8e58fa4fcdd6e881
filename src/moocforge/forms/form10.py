"""ATU form 10: the criteria of compliance with the requirements for MOOC content (the score sheet).

The rubric's criteria and level descriptors; with a merged review, each
expert's score, the agreed score and the total, and the decision; without
one, empty score cells to fill in by hand. The note lists the decision bands.
"""

from __future__ import annotations

from ..course.model import Course
from ..i18n import t
from ..review.merge import MergedReview
from ..review.rubric import Rubric
from .common import or_blank
from .document import Cell, FormDocument, Paragraph, Signature, Signatures, Table


def score_sheet(model: Course, rubric: Rubric, review: MergedReview | None, lang: str) -> FormDocument:
    document = FormDocument(rubric.forms.get("10", ""), rubric.title(lang), lang)
    document.add(Paragraph(rubric.title(lang).upper(), heading=True),
                 Paragraph(f"{t('forms.f11.title', lang)}: {or_blank(model.title)}"))
    experts = review.experts if review else []
    header = [Cell("№", center=True), Cell(t("forms.f10.criteria", lang))] + \
             [Cell(level.label(lang), center=True) for level in rubric.levels] + \
             [Cell(t("forms.f10.expert_short", lang, n=i), center=True) for i, _ in enumerate(experts, start=1)] + \
             [Cell(t("forms.f10.score", lang), center=True)]
    rows = [header]
    for criterion in rubric.criteria:
        merged = review.criterion(criterion.number) if review else None
        rows.append([Cell(str(criterion.number), center=True), Cell(criterion.title(lang), bold=True)] +
                    [Cell(criterion.levels[level.id](lang)) for level in rubric.levels] +
                    [Cell(str(merged.scores.get(name, "")) if merged else "", center=True) for name in experts] +
                    [Cell(str(merged.agreed) if merged else "", center=True, bold=True)])
    width = 2 + len(rubric.levels) + len(experts)
    rows.append([Cell(t("forms.f10.total", lang), bold=True, colspan=width),
                 Cell(f"{review.total} / {rubric.max_total}" if review else f"/ {rubric.max_total}", center=True,
                      bold=True)])
    document.add(Table(rows, [0.6, 2.6] + [3.2] * len(rubric.levels) + [0.7] * len(experts) + [1.2]))
    if experts:
        # Names would not fit a score column: each expert's column is numbered, and named here.
        document.add(Paragraph("; ".join(t("forms.f10.expert_short", lang, n=i) + f" — {name}"
                                         for i, name in enumerate(experts, start=1))))
    if review:
        band = review.band(rubric)
        document.add(Paragraph(f"{t('forms.f10.decision', lang)}: {band.text(lang)}", bold=True))
    document.add(Paragraph(f"{t('forms.f10.note', lang)}:", bold=True),
                 *[Paragraph(band.text(lang)) for band in rubric.bands])
    if review:
        role = t("forms.sign.experts", lang, min=rubric.experts.min)
        document.add(Signatures([Signature(role if i == 0 else "", name) for i, name in enumerate(review.experts)]))
    return document
