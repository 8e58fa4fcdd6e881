"""Merging a committee's sheets into one review: every score, the agreed one, where experts differ.

The agreed score of a criterion is the median of the experts' scores (the
lower middle one for an even number: a committee that cannot agree does not
round up), or the mean rounded half down, or the lowest score, as asked.
Criteria whose scores lie ``experts.discuss_spread`` points apart or more are
flagged for discussion. The merged review is a YAML file the protocol and
forms 09 and 10 are made from; it is read back with the same care as a sheet.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from ..course.yaml_lines import nearest_line
from ..i18n import t
from ..textio import read_text
from .agreement import Agreement, ordinal_alpha
from .facts import CourseIdentity, ReviewInputError, ensure_same_course
from .rubric import Band, Rubric
from .sheet import Sheet
from .yamldoc import parse_yaml, validate

METHODS = ("median", "mean", "min")
REVIEW_FORMAT, REVIEW_VERSION = "moocforge-review", 1


class MergeError(ReviewInputError):
    """Sheets that cannot be merged, or a merged review that cannot be used."""


@dataclass
class MergedCriterion:
    number: int
    scores: dict[str, int]  # expert → score, in the order the sheets were given
    agreed: int
    spread: int
    discuss: bool
    comments: dict[str, str] = field(default_factory=dict)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.scores.values())


@dataclass
class MergedReview:
    rubric: str
    course: CourseIdentity
    method: str
    experts: list[str]
    criteria: list[MergedCriterion]
    agreement: Agreement
    technical_fault: bool = False
    fewer_experts_reason: str | None = None
    sheets: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(c.agreed for c in self.criteria)

    def band(self, rubric: Rubric) -> Band:
        return rubric.band_of(self.total, self.technical_fault)

    def criterion(self, number: int) -> MergedCriterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    def discussed(self) -> list[MergedCriterion]:
        return [c for c in self.criteria if c.discuss]


def agreed_score(scores: list[int], method: str) -> int:
    if method == "min":
        return min(scores)
    if method == "mean":
        return math.ceil(statistics.fmean(scores) - 0.5)  # 2.5 → 2: half down, like the median of two
    return statistics.median_low(scores)


def _same_expert(name: str) -> str:
    return " ".join(name.split()).casefold()


def merge_sheets(sheets: list[Sheet], rubric: Rubric, method: str = "median", *, allow_fewer: bool = False,
                 reason: str | None = None) -> MergedReview:
    """Merge validated sheets; MergeError for another course, a repeated expert or too few experts."""
    first = sheets[0]
    seen: dict[str, str] = {}
    for sheet in sheets:
        ensure_same_course(first.course, sheet.course, file=sheet.source)
        key = _same_expert(sheet.expert)
        if key in seen:
            raise MergeError("review.merge.same_expert", file=sheet.source, expert=sheet.expert, other=seen[key],
                             hint="review.merge.same_expert_hint")
        seen[key] = sheet.source
    if len(sheets) < rubric.experts.min and not allow_fewer:
        raise MergeError("review.merge.too_few", count=len(sheets), min=rubric.experts.min,
                         hint="review.merge.too_few_hint")
    criteria = []
    for criterion in rubric.criteria:
        entries = {sheet.expert: sheet.entry(criterion.number) for sheet in sheets}
        scores = {expert: entry.score for expert, entry in entries.items()}
        spread = max(scores.values()) - min(scores.values())
        criteria.append(MergedCriterion(criterion.number, scores, agreed_score(list(scores.values()), method), spread,
                                        spread >= rubric.experts.discuss_spread,
                                        {e: entry.comment for e, entry in entries.items() if entry.comment}))
    matrix = [[c.scores[s.expert] for c in criteria] for s in sheets]
    agreement = ordinal_alpha(matrix, range(rubric.scale.min, rubric.scale.max + 1))
    return MergedReview(rubric.id, first.course, method, [s.expert for s in sheets], criteria, agreement,
                        any(s.technical_fault for s in sheets),
                        reason if len(sheets) < rubric.experts.min else None, [s.source for s in sheets])


# ---------------------------------------------------------------- the merged file

def dump_review(review: MergedReview, rubric: Rubric, lang: str) -> str:
    """The merged review as YAML (titles and the agreement's meaning in ``lang``, for people reading it)."""
    band = review.band(rubric)
    document: dict[str, Any] = {
        "format": REVIEW_FORMAT,
        "version": REVIEW_VERSION,
        "rubric": review.rubric,
        "language": lang,
        "course": review.course.as_dict(),
        "method": review.method,
        "experts": review.experts,
        "sheets": review.sheets,
        "fewer_experts_reason": review.fewer_experts_reason,
        "technical_fault": review.technical_fault,
        "criteria": [{
            "criterion": c.number,
            "title": rubric.criterion(c.number).title(lang),
            "scores": c.scores,
            "agreed": c.agreed,
            "mean": round(c.mean, 2),
            "spread": c.spread,
            "discuss": c.discuss,
            "comments": c.comments,
        } for c in review.criteria],
        "total": review.total,
        "max_total": rubric.max_total,
        "band": band.id,
        "decision": band.text(lang),
        "agreement": {**review.agreement.as_dict(),
                      "meaning": t(f"review.agreement.{review.agreement.verdict}", lang)},
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)  # derived fields (title, mean …) are ignored


class _CriterionFile(_Strict):
    criterion: int
    scores: dict[str, int] = Field(min_length=1)
    agreed: int
    comments: dict[str, str] = Field(default_factory=dict)


class _Identity(_Strict):
    title: str = ""
    fingerprint: str


class _AgreementFile(_Strict):
    alpha: float | None = None
    verdict: str = "single"


class _ReviewFile(_Strict):
    format: str
    version: int = Field(ge=1, le=REVIEW_VERSION)
    rubric: str
    course: _Identity
    method: str = "median"
    experts: list[str] = Field(min_length=1)
    sheets: list[str] = Field(default_factory=list)
    fewer_experts_reason: str | None = None
    technical_fault: bool = False
    criteria: list[_CriterionFile]
    agreement: _AgreementFile = Field(default_factory=_AgreementFile)


def read_review(path: str | Path, rubric: Rubric) -> MergedReview:
    """A merged review file, checked against the rubric (every criterion, scores in the scale)."""
    file = str(path)
    try:
        text = read_text(Path(path)).text
    except FileNotFoundError:
        raise MergeError("review.merged.not_found", file=file) from None
    data, lines = parse_yaml(text, file, MergeError)
    if not isinstance(data, dict) or data.get("format") != REVIEW_FORMAT:
        raise MergeError("review.merged.not_review", file=file, hint="review.merged.hint")
    parsed = validate(_ReviewFile, data, lines, file, MergeError)
    if parsed.rubric != rubric.id:
        raise MergeError("review.sheet.other_rubric", file=file, line=nearest_line(lines, ("rubric",)),
                         found=parsed.rubric, expected=rubric.id, hint="review.sheet.rubric_hint")
    criteria = []
    for index, item in enumerate(parsed.criteria):
        for value in (item.agreed, *item.scores.values()):
            if not rubric.scale.min <= value <= rubric.scale.max:
                raise MergeError("review.sheet.score_range", file=file, line=nearest_line(lines, ("criteria", index)),
                                 place=f"criteria[{index}]", value=value, min=rubric.scale.min, max=rubric.scale.max)
        spread = max(item.scores.values()) - min(item.scores.values())
        criteria.append(MergedCriterion(item.criterion, item.scores, item.agreed, spread,
                                        spread >= rubric.experts.discuss_spread, item.comments))
    for criterion in rubric.criteria:
        if not any(c.number == criterion.number for c in criteria):
            raise MergeError("review.sheet.missing_criterion", file=file, number=criterion.number,
                             title=criterion.title("en"), hint="review.merged.hint")
    return MergedReview(parsed.rubric, CourseIdentity(parsed.course.title, parsed.course.fingerprint), parsed.method,
                        parsed.experts, criteria, Agreement(parsed.agreement.alpha, parsed.agreement.verdict),
                        parsed.technical_fault, parsed.fewer_experts_reason, parsed.sheets)
