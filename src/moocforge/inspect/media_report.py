"""What ``moocforge media probe/check/qc`` print: terminal text and JSON documents.

Kept apart from the commands so that the commands stay thin and the output
shapes are testable on their own. JSON documents carry a ``version`` so that
scripts reading them can tell when the shape changes.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..i18n import t
from . import media_units as units
from .media_policy import FAIL, PASS, UNKNOWN, Outcome, Policy
from .probe import STATUS_OK, MediaFacts
from .qc import QcAnalysis

JSON_VERSION = 1
_RESULT_STYLE = {PASS: "green", FAIL: "red", UNKNOWN: "yellow"}


def to_json(kind: str, items: list[dict[str, Any]]) -> str:
    return json.dumps({"version": JSON_VERSION, "kind": kind, "files": items}, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- probe

def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _video_line(facts: MediaFacts) -> str:
    v = facts.video
    if v is None:
        return "—"
    intra = "?" if v.intra_only is None else ("yes" if v.intra_only else "no")
    basis = f" ({v.intra_basis})" if v.intra_basis else ""
    depth = f"{v.bit_depth} bit" + (" (implied by format)" if v.bit_depth_implied else "") if v.bit_depth else None
    return _join(
        " ".join(filter(None, [v.format, v.profile])),
        f"{units.plain(v.width)}×{units.plain(v.height)}",
        " ".join(filter(None, [v.scan_type, v.scan_order])),
        " ".join(filter(None, [f"{units.plain(v.frame_rate)} fps" if v.frame_rate else None, v.frame_rate_mode])),
        depth, v.chroma_subsampling,
        units.show("video.bit_rate", v.bit_rate) if v.bit_rate else None,
        f"GOP {v.gop}" if v.gop else None,
        f"intra-only: {intra}{basis}",
    )


def _audio_line(facts: MediaFacts) -> str:
    a = facts.audio
    if a is None:
        return "—"
    return _join(a.format, units.show("audio.sampling_rate", a.sampling_rate) if a.sampling_rate else None,
                 f"{a.bit_depth} bit" if a.bit_depth else "bit depth not stated",
                 f"{a.channels} ch" if a.channels else None,
                 units.show("audio.bit_rate", a.bit_rate) if a.bit_rate else None)


def _status_line(facts: MediaFacts, lang: str) -> str:
    return escape(t(f"MD101.{facts.status}", lang, error=facts.error or ""))


def _container_line(facts: MediaFacts) -> str:
    name = " ".join(filter(None, [facts.container, f"({facts.container_profile})" if facts.container_profile else None]))
    rate = f"{units.show('general.overall_bit_rate', facts.overall_bit_rate)} overall" if facts.overall_bit_rate else None
    return _join(name, units.clock(facts.duration), rate)


def print_probe(console: Console, facts: MediaFacts, lang: str) -> None:
    console.print(f"[bold]{escape(facts.path)}[/bold]  {units.size(facts.size)}", highlight=False)
    if facts.status != STATUS_OK:
        console.print(f"  [red]{_status_line(facts, lang)}[/red]", highlight=False)
        if not facts.readable:
            return
    console.print(f"  container: {escape(_container_line(facts))}", highlight=False)
    console.print(f"  video:     {escape(_video_line(facts))}", highlight=False)
    console.print(f"  audio:     {escape(_audio_line(facts))}", highlight=False)


# ---------------------------------------------------------------- policy check

def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    test = outcome.test
    return {"id": test.id, "field": test.field, "operator": test.operator, "value": test.value,
            "measured": outcome.measured, "result": outcome.result, "severity": outcome.severity,
            "clause": test.clause}


def _result_cell(outcome: Outcome, lang: str) -> str:
    style = _RESULT_STYLE.get(outcome.result, "dim")
    text = t(f"media.result.{outcome.result}", lang)
    if outcome.severity and outcome.result != PASS:
        text += f" ({t('core.severity.' + outcome.severity, lang)})"
    return f"[{style}]{escape(text)}[/{style}]"


def print_policy_check(console: Console, facts: MediaFacts, policy: Policy, outcomes: list[Outcome],
                       lang: str) -> None:
    if not facts.readable:
        console.print(f"[bold]{escape(facts.path)}[/bold]: [red]{_status_line(facts, lang)}[/red]", highlight=False)
        return
    table = Table(title=escape(facts.path), title_justify="left", show_edge=False)
    for key in ("test", "measured", "required", "result", "clause"):
        table.add_column(t(f"media.heading.{key}", lang))
    for outcome in outcomes:
        test = outcome.test
        required = f"{units.operator(test.operator)} {units.show(test.field, test.value)}"
        table.add_row(escape(test.id), escape(units.show(test.field, outcome.measured)), escape(required),
                      _result_cell(outcome, lang), escape(test.clause or ""))
    console.print(table)
    failed = sum(1 for o in outcomes if o.result == FAIL)
    console.print(t("media.summary.policy", lang, file=facts.path, failed=failed, total=len(outcomes),
                    policy=policy.name), highlight=False)
    console.print()


# ---------------------------------------------------------------- qc

def _db(value: float | None, unit: str) -> str:
    return "?" if value is None else f"{value:.1f} {unit}"


def print_qc(console: Console, analysis: QcAnalysis, findings: list, lang: str) -> None:
    console.print(f"[bold]{escape(analysis.path)}[/bold]  {units.clock(analysis.duration)}", highlight=False)
    if analysis.has_audio:
        console.print(f"  {t('media.heading.sound', lang)}: "
                      + _join(f"{_db(analysis.integrated_lufs, 'LUFS')} integrated",
                              f"LRA {_db(analysis.loudness_range_lu, 'LU')}",
                              f"true peak {_db(analysis.true_peak_dbtp, 'dBTP')}",
                              f"clipped {units.plain(analysis.clipped_samples)}",
                              f"noise floor {_db(analysis.noise_floor_dbfs, 'dBFS')}",
                              f"silences {len(analysis.silences)}"), highlight=False)
    if analysis.has_video:
        ratio = analysis.interlaced_ratio
        console.print(f"  {t('media.heading.picture', lang)}: "
                      + _join(f"black {len(analysis.blacks)}", f"frozen {len(analysis.freezes)}",
                              f"interlaced {'?' if ratio is None else f'{ratio:.0%}'}",
                              f"blur {units.plain(analysis.blur)}"), highlight=False)
    if not findings:
        clean = escape(t("media.summary.qc_clean", lang, file=analysis.path))
        console.print(f"  [green]{clean}[/green]", highlight=False)
    for finding in findings:
        # The message already names the times of a stretch (finding.location).
        severity = escape(f"[{t('core.severity.' + finding.severity.value, lang)}]")
        console.print(f"  {finding.rule_id} {severity} {escape(finding.text(lang))}", highlight=False)
    console.print()


def finding_dict(finding, lang: str) -> dict[str, Any]:
    return {"rule": finding.rule_id, "severity": finding.severity.value, "message": finding.text(lang),
            "location": finding.location, "measured": finding.measured, "expected": finding.expected,
            "clause": finding.clause}
