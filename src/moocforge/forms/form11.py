"""ATU form 11: the protocol of the expert review of MOOC quality (Ү.ЖИЦДО-7.5.1-2025-02-11).

Items 1–7 come from the descriptor, the criterion table and the total from
the merged review (each criterion's agreed score marks one of the three
compliance columns, by the rubric's levels), the rest from the secretary's
options; what nobody gave stays a blank to fill in by hand. The regulation
numbers "6" twice (audience and author): here they are 6 and 7.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..course.model import Course
from ..i18n import t
from ..review.merge import MergedReview
from ..review.rubric import Rubric
from .common import (BLANK, academic_year, author_names, head_of_department, institution_block, language_name,
                     or_blank)
from .document import Cell, FormDocument, Paragraph, Signature, Signatures, Table

MARK = "X"  # how a column is ticked on the paper form


@dataclass
class ProtocolDetails:
    """What the committee's secretary adds to the protocol (all optional)."""

    number: str | None = None
    date: dt.date = field(default_factory=dt.date.today)
    head_of_department: str | None = None
    conclusion: str | None = None  # default: the band's decision with the total
    actions: str | None = None
    cause: str | None = None  # default: the experts' comments on criteria below full compliance
    corrective: bool | None = None  # default: yes unless every criterion is in full compliance
    deadline: str | None = None


def _level_text(model: Course, lang: str) -> str:
    levels = ("bachelor", "master", "doctoral")
    if model.study_level in levels:
        return t(f"forms.study_level.{model.study_level}", lang)
    return " / ".join(t(f"forms.study_level.{level}", lang) for level in levels)


def _causes(review: MergedReview, rubric: Rubric, lang: str) -> str:
    top = rubric.levels[-1]
    lines = []
    for criterion in review.criteria:
        if criterion.agreed in top.scores:
            continue
        said = "; ".join(f"{expert}: {text}" for expert, text in criterion.comments.items())
        title = rubric.criterion(criterion.number).title(lang)
        lines.append(f"{criterion.number}. {title}" + (f" — {said}" if said else ""))
    return "\n".join(lines)


def protocol(model: Course, review: MergedReview, rubric: Rubric, details: ProtocolDetails, lang: str) -> FormDocument:
    band = review.band(rubric)
    first, last = academic_year(details.date)
    document = FormDocument(rubric.forms.get("11", ""), t("forms.f11.heading", lang), lang)
    document.add(
        institution_block(rubric, lang),
        Paragraph(t("forms.f11.heading", lang), heading=True),
        Paragraph(t("forms.f11.number_date", lang, number=or_blank(details.number),
                    date=details.date.strftime("%d.%m.%Y")), center=True),
        Paragraph(f"1. {t('forms.f11.faculty', lang)}: {or_blank(model.faculty)}"),
        Paragraph(f"2. {t('forms.f11.department', lang)}: {or_blank(model.department)}"),
        Paragraph(f"3. {t('forms.f11.title', lang)}: {or_blank(model.title)}"),
        Paragraph(f"4. {t('forms.f11.language', lang)}: {language_name(model.language, lang)}"),
        Paragraph(f"5. {t('forms.f11.level', lang)}: {_level_text(model, lang)}"),
        Paragraph(f"6. {t('forms.f11.audience', lang)}: {or_blank(model.audience)}"),
        Paragraph(f"7. {t('forms.f11.author', lang)}: {author_names(model, lang)}"),
        Paragraph(f"8. {t('forms.f11.results', lang, first=first, last=last)}"),
    )
    columns = list(reversed(rubric.levels))  # full compliance first, as on the form
    header = [Cell("№", center=True), Cell(t("forms.f11.criteria", lang))] + \
             [Cell(level.compliance(lang), center=True) for level in columns]
    rows = [header]
    for criterion in rubric.criteria:
        merged = review.criterion(criterion.number)
        agreed = merged.agreed if merged else None
        rows.append([Cell(str(criterion.number), center=True), Cell(criterion.title(lang))] +
                    [Cell(MARK if agreed in level.scores else "", center=True, bold=True) for level in columns])
    document.add(Table(rows, [0.5, 3.6] + [1.9] * len(columns)))
    total = t("forms.f11.total", lang, total=review.total, max=rubric.max_total)
    conclusion = details.conclusion or f"{total} {band.text(lang)}"
    if review.technical_fault and not details.conclusion:
        conclusion += " " + t("forms.f11.technical_fault", lang)
    corrective = details.corrective
    if corrective is None:
        corrective = any(c.agreed not in rubric.levels[-1].scores for c in review.criteria)
    document.add(
        Paragraph(f"{t('forms.f11.conclusion', lang)}: {conclusion}"),
        Paragraph(f"{t('forms.f11.actions', lang)}: {or_blank(details.actions)}"),
        Paragraph(f"{t('forms.f11.cause', lang)}: {details.cause or _causes(review, rubric, lang) or BLANK}"),
        Paragraph(f"{t('forms.f11.corrective', lang)}: {t('forms.yes' if corrective else 'forms.no', lang)}"),
        Paragraph(f"{t('forms.f11.deadline', lang)}: {or_blank(details.deadline)}"),
    )
    if review.fewer_experts_reason:
        document.add(Paragraph(t("forms.f11.fewer", lang, count=len(review.experts), min=rubric.experts.min,
                                 reason=review.fewer_experts_reason)))
    placeholder = t("forms.full_name", lang)
    signatures = [Signature(head_of_department(model, lang), details.head_of_department or placeholder)]
    signatures += [Signature(t("forms.sign.author", lang), a.name) for a in model.authors] or \
                  [Signature(t("forms.sign.author", lang), placeholder)]
    experts_role = t("forms.sign.experts", lang, min=rubric.experts.min)
    signatures += [Signature(experts_role if i == 0 else "", name) for i, name in enumerate(review.experts)]
    document.add(Signatures(signatures))
    return document
