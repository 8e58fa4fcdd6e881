"""How media evidence looks in a terminal: probe facts, a policy's tests, deep-analysis figures.

``moocforge media probe`` prints facts (and its own small JSON document,
which carries a ``version`` so that scripts reading it can tell when the
shape changes); the terminal check report shows a loose file's policy table
and analysis figures above its findings (``evidence_views``).
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..i18n import t
from ..media import units
from ..media.policy import FAIL, PASS, UNKNOWN
from ..media.probe import STATUS_OK, MediaFacts
from ..media.qc import QcAnalysis

JSON_VERSION = 1
_RESULT_STYLE = {PASS: "green", FAIL: "red", UNKNOWN: "yellow"}


def probe_json(facts: list[MediaFacts]) -> str:
    """``media probe --format json``: the facts of each file."""
    return json.dumps({"version": JSON_VERSION, "kind": "probe", "files": [item.to_dict() for item in facts]},
                      ensure_ascii=False, indent=2)


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


# ---------------------------------------------------------------- evidence views

def evidence_views(result, path: str, lang: str) -> list[Any]:
    """What the evidence says of one loose file, for the terminal report (nothing for a course)."""
    views: list[Any] = []
    if result.course.is_course:
        return views
    kinds = result.evidence.kinds
    facts = kinds.get("media", {}).get(path)
    for check in kinds.get("policy", {}).get(path, []):
        if check.error is None and facts is not None and facts.readable:
            views.append(policy_table(check, lang))
    analysis = kinds.get("qc", {}).get(path)
    if analysis is not None and analysis.error is None:
        views.append(qc_figures(analysis, lang))
    return views


def _result_cell(outcome, lang: str) -> Text:
    style = _RESULT_STYLE.get(outcome.result, "dim")
    text = t(f"media.result.{outcome.result}", lang)
    if outcome.severity and outcome.result != PASS:
        text += f" ({t('core.severity.' + outcome.severity.value, lang)})"
    return Text(text, style=style)


def policy_table(check, lang: str) -> Group:
    """Every test of the policy with its measured value and result (MediaConch's view)."""
    table = Table(show_edge=False)
    for key in ("test", "measured", "required", "result", "clause"):
        table.add_column(t(f"media.heading.{key}", lang))
    for outcome in check.outcomes:
        test = outcome.test
        required = f"{units.operator(test.operator)} {units.show(test.field, test.value)}"
        table.add_row(test.id, units.show(test.field, outcome.measured), required, _result_cell(outcome, lang),
                      test.clause or "")
    failed = sum(1 for o in check.outcomes if o.result == FAIL)
    summary = t("media.summary.policy_tests", lang, failed=failed, total=len(check.outcomes), policy=check.policy)
    return Group(table, Text(summary))


def _db(value: float | None, unit: str) -> str:
    return "?" if value is None else f"{value:.1f} {unit}"


def qc_figures(analysis: QcAnalysis, lang: str) -> Group:
    """The sound and picture figures of one analysis pass, one line each."""
    lines = []
    if analysis.has_audio:
        lines.append(Text(f"{t('media.heading.sound', lang)}: "
                          + _join(f"{_db(analysis.integrated_lufs, 'LUFS')} integrated",
                                  f"LRA {_db(analysis.loudness_range_lu, 'LU')}",
                                  f"true peak {_db(analysis.true_peak_dbtp, 'dBTP')}",
                                  f"clipped {units.plain(analysis.clipped_samples)}",
                                  f"noise floor {_db(analysis.noise_floor_dbfs, 'dBFS')}",
                                  f"silences {len(analysis.silences)}")))
    if analysis.has_video:
        ratio = analysis.interlaced_ratio
        lines.append(Text(f"{t('media.heading.picture', lang)}: "
                          + _join(f"black {len(analysis.blacks)}", f"frozen {len(analysis.freezes)}",
                                  f"interlaced {'?' if ratio is None else f'{ratio:.0%}'}",
                                  f"blur {units.plain(analysis.blur)}")))
    return Group(*lines)
