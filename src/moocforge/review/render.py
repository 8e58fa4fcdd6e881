"""The score proposals and a merged review as text for a person at a terminal."""

from __future__ import annotations

from ..i18n import t
from .merge import MergedReview
from .rubric import Rubric
from .score import ScoreReport, evidence_lines

INDENT = "    "
MAX_FINDINGS_SHOWN = 5


def score_text(report: ScoreReport, lang: str) -> str:
    rubric = report.rubric
    lines = [t("review.score.heading", lang, title=report.identity.title or "?",
               fingerprint=report.identity.fingerprint, rubric=rubric.id), ""]
    for p in report.proposals:
        value = t("review.score.needs_expert", lang) if p.score is None else f"{p.score}/{rubric.scale.max}"
        lines.append(f"{p.number}. {p.criterion.title(lang)} — {value}")
        lines += [INDENT + line for line in evidence_lines(p, lang, MAX_FINDINGS_SHOWN)]
    lines.append("")
    span = (str(report.low_total) if report.low_total == report.high_total
            else f"{report.low_total}–{report.high_total}")
    lines.append(t("review.score.total", lang, span=span, max=rubric.max_total,
                   bands=" / ".join(b.name(lang) for b in report.bands())))
    if report.has_technical_fault:
        gated = [b for b in rubric.bands if b.requires_no_technical_faults]
        lines.append(t("review.score.gate", lang, count=len(report.technical_faults),
                       band=", ".join(f"{b.min}–{b.max}" for b in gated)))
    return "\n".join(lines)


def merged_text(review: MergedReview, rubric: Rubric, lang: str) -> str:
    band = review.band(rubric)
    lines = [t("review.merge.heading", lang, title=review.course.title or "?", count=len(review.experts),
               method=t(f"review.method.{review.method}", lang)), ""]
    for c in review.criteria:
        scores = ", ".join(f"{expert} {score}" for expert, score in c.scores.items())
        flag = "  ⚑ " + t("review.merge.discuss", lang, spread=c.spread) if c.discuss else ""
        lines.append(f"{c.number}. {rubric.criterion(c.number).title(lang)}: {c.agreed}  ({scores}){flag}")
    lines.append("")
    lines.append(t("review.merge.total", lang, total=review.total, max=rubric.max_total, band=band.name(lang)))
    if review.technical_fault:
        lines.append(t("review.merge.technical_fault", lang))
    alpha = review.agreement.alpha
    lines.append(t("review.merge.alpha", lang, alpha="—" if alpha is None else f"{alpha:.2f}",
                   meaning=t(f"review.agreement.{review.agreement.verdict}", lang)))
    if review.fewer_experts_reason:
        lines.append(t("review.merge.fewer", lang, count=len(review.experts), min=rubric.experts.min,
                       reason=review.fewer_experts_reason))
    return "\n".join(lines)
