"""Score proposals: what the evidence says about each rubric criterion, and why.

Every rule of the catalogue names the rubric criteria it informs
(``Rule.criteria``). A criterion's proposal is read from the findings of
those rules: none → the top score, warnings only → the middle score, an error
→ the low column (0–1 is one column of form 10; the proposal says 1 and the
expert decides whether it is 0). Criteria the rubric marks ``expert_only``
(content, the speaker) get no score, only measurable hints. A criterion whose
rules did not run, or had nothing to look at (no media for sound and picture),
gets no score either: no evidence is not good evidence.

The "no technical faults" condition of the top band is a gate: a finding of
the areas the rubric names (media) at the severity it names (error) rules the
top band out, whatever the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, Severity
from ..i18n import t
from .facts import CheckFacts, CourseIdentity
from .figures import Figure, figures_for
from .rubric import Band, Criterion, Rubric


@dataclass
class Proposal:
    criterion: Criterion
    score: int | None  # None: an expert must judge it
    reason: str  # catalogue key below review.reason.
    findings: list[Finding] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the rules that ran for this criterion
    notes: list[str] = field(default_factory=list)  # catalogue keys below review.note.: what was not measured

    @property
    def number(self) -> int:
        return self.criterion.number


@dataclass
class ScoreReport:
    rubric: Rubric
    identity: CourseIdentity
    proposals: list[Proposal]
    technical_faults: list[Finding]

    @property
    def low_total(self) -> int:
        return sum(self.rubric.scale.min if p.score is None else p.score for p in self.proposals)

    @property
    def high_total(self) -> int:
        return sum(self.rubric.scale.max if p.score is None else p.score for p in self.proposals)

    @property
    def has_technical_fault(self) -> bool:
        return bool(self.technical_faults)

    def bands(self) -> list[Band]:
        """The decisions the total may still lead to, lowest total first (the gate applied)."""
        found: list[Band] = []
        for total in range(self.low_total, self.high_total + 1):
            band = self.rubric.band_of(total, self.has_technical_fault)
            if band not in found:
                found.append(band)
        return found

    def proposal(self, number: int) -> Proposal:
        return next(p for p in self.proposals if p.number == number)


def _stream_of(finding: Finding) -> str | None:
    """'audio' or 'video' for a media finding about one stream (a policy field), else None."""
    label = finding.params.get("field")
    key = label.get("i18n", "") if isinstance(label, dict) else ""
    for stream in ("audio", "video"):
        if key.startswith(f"media.field.{stream}."):
            return stream
    return None


def _belongs(finding: Finding, criterion: Criterion) -> bool:
    stream = _stream_of(finding)
    return criterion.media_stream is None or stream is None or stream == criterion.media_stream


def propose(facts: CheckFacts, rubric: Rubric) -> ScoreReport:
    """Propose a score for each criterion of ``rubric`` from the findings and evidence in ``facts``."""
    proposals = [_propose_one(facts, rubric, criterion) for criterion in rubric.criteria]
    faults = [f for f in facts.findings if f.rule_id in facts.rules
              and rubric.is_technical_fault(facts.rules[f.rule_id].area, f.severity.value)]
    return ScoreReport(rubric, facts.identity, proposals, faults)


def _propose_one(facts: CheckFacts, rubric: Rubric, criterion: Criterion) -> Proposal:
    rules = sorted(rid for rid, item in facts.rules.items() if criterion.number in item.criteria)
    findings = [f for f in facts.findings if f.rule_id in rules and _belongs(f, criterion)]
    figures = figures_for(criterion.number, facts)
    proposal = Proposal(criterion, None, "expert", findings, figures, rules)
    if criterion.media_stream and not facts.deep:
        proposal.notes.append("not_deep")  # loudness, noise, black frames … were never measured
    if criterion.expert_only:
        return proposal
    if not rules:
        proposal.reason = "no_rules"
    elif criterion.media_stream and not facts.evidence.get("media"):
        proposal.reason = "no_media"
    elif any(f.severity == Severity.ERROR for f in findings):
        proposal.score, proposal.reason = _lowest(rubric), "errors"
    elif any(f.severity == Severity.WARNING for f in findings):
        proposal.score, proposal.reason = _middle(rubric), "warnings"
    else:
        proposal.score, proposal.reason = rubric.scale.max, "clean"
    return proposal


def _lowest(rubric: Rubric) -> int:
    """The highest score of the lowest column (1 of "0–1"): the evidence shows faults, not that nothing is there."""
    return max(rubric.levels[0].scores)


def _middle(rubric: Rubric) -> int:
    """The top score of the column below the best (2 of form 10)."""
    below_top = rubric.levels[-2] if len(rubric.levels) > 1 else rubric.levels[-1]
    return max(below_top.scores)


def evidence_lines(proposal: Proposal, lang: str, max_findings: int) -> list[str]:
    """What lies behind a proposal, a line each: why, what was not measured, the figures, then the findings."""
    from ..report.common import where

    lines = [t(f"review.reason.{proposal.reason}", lang)] + [t(f"review.note.{key}", lang) for key in proposal.notes]
    lines += [f"{fig.label(lang)}: {fig.text(lang)}" for fig in proposal.figures]
    for finding in proposal.findings[:max_findings]:
        place = where(finding, lang)
        lines.append(f"{finding.rule_id} {finding.text(lang)}" + (f" ({place})" if place else ""))
    hidden = len(proposal.findings) - max_findings
    if hidden > 0:
        lines.append(t("review.more_findings", lang, count=hidden))
    return lines


def as_json(report: ScoreReport, lang: str) -> dict[str, Any]:
    """The score report as plain data (``score --format json``)."""
    from ..report.values import format_quantity

    def finding(f: Finding) -> dict[str, Any]:
        return {"rule": f.rule_id, "severity": f.severity.value, "message": f.text(lang), "file": f.file,
                "line": f.line, "start": f.location.start, "measured": format_quantity(f.measured, lang) or None}

    return {
        "format": "moocforge-score",
        "version": 1,
        "rubric": report.rubric.id,
        "course": report.identity.as_dict(),
        "language": lang,
        "criteria": [{
            "number": p.number,
            "title": p.criterion.title(lang),
            "proposed": p.score,
            "needs_expert": p.score is None,
            "reason": p.reason,
            "rules": p.rules,
            "findings": [finding(f) for f in p.findings],
            "figures": [{"name": fig.label(lang), "key": fig.key, "value": fig.text(lang)} for fig in p.figures],
            "notes": [t(f"review.note.{key}", lang) for key in p.notes],
        } for p in report.proposals],
        "total": {"min": report.low_total, "max": report.high_total, "of": report.rubric.max_total},
        "bands": [{"id": b.id, "name": b.name(lang)} for b in report.bands()],
        "technical_faults": [finding(f) for f in report.technical_faults],
    }
