"""The rubric section: each criterion's proposed score with its evidence, and the agreed one of a merged review.

Proposals come from ``review.score.propose`` over the same facts as the rest of
the page; a merged review (``--review merged.yaml``) is read and checked to be
of this very course by the forms' reader, so the page and forms 09–11 never
accept different files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...i18n import t
from ...review.merge import MergedReview
from ...review.rubric import Rubric
from ...review.score import evidence_lines, propose
from .source import ReportSource

MAX_FINDINGS_SHOWN = 5  # per criterion; the findings section lists them all


@dataclass(frozen=True)
class CriterionRow:
    number: int
    title: str
    proposed: str  # "2 / 3", or "an expert judges"
    agreed: str  # "" without a merged review
    scores: str  # each expert's score, with a merged review
    evidence: list[str] = field(default_factory=list)


@dataclass
class RubricView:
    rubric_title: str
    rows: list[CriterionRow]
    proposed_total: str
    bands: str
    gate: str  # why the top band is ruled out, or ""
    agreed_total: str = ""
    decision: str = ""
    agreement: str = ""
    experts: str = ""


def read_merged(source: ReportSource, path: str | Path, rubric: Rubric) -> MergedReview:
    from ...forms.build import read_review_of

    return read_review_of(source.facts, path, rubric)  # needs only .model of what it is given


def rubric_view(source: ReportSource, rubric: Rubric, lang: str, review: MergedReview | None = None) -> RubricView:
    report = propose(source.facts, rubric)
    top = rubric.scale.max
    rows = []
    for proposal in report.proposals:
        merged = review.criterion(proposal.number) if review is not None else None
        proposed = t("review.score.needs_expert", lang) if proposal.score is None else f"{proposal.score} / {top}"
        rows.append(CriterionRow(
            proposal.number, proposal.criterion.title(lang), proposed,
            f"{merged.agreed} / {top}" if merged is not None else "",
            ", ".join(f"{expert}: {score}" for expert, score in merged.scores.items()) if merged is not None else "",
            evidence_lines(proposal, lang, MAX_FINDINGS_SHOWN)))
    span = str(report.low_total) if report.low_total == report.high_total else f"{report.low_total}–{report.high_total}"
    gate = ""
    if report.has_technical_fault:
        gated = [b for b in rubric.bands if b.requires_no_technical_faults]
        gate = t("review.score.gate", lang, count=len(report.technical_faults),
                 band=", ".join(f"{b.min}–{b.max}" for b in gated))
    view = RubricView(rubric.title(lang), rows,
                      f"{span} / {rubric.max_total}", " / ".join(b.name(lang) for b in report.bands()), gate)
    if review is not None:
        alpha = review.agreement.alpha
        view.agreed_total = f"{review.total} / {rubric.max_total}"
        view.decision = review.band(rubric).text(lang)
        view.agreement = t("review.merge.alpha", lang, alpha="—" if alpha is None else f"{alpha:.2f}",
                           meaning=t(f"review.agreement.{review.agreement.verdict}", lang))
        view.experts = ", ".join(review.experts)
    return view
