"""How media evidence looks in a terminal: probe facts, a policy's fields, deep-analysis figures.

``moocforge media probe`` prints facts (and its own small JSON document,
which carries a ``version`` so that scripts reading it can tell when the
shape changes); the terminal check report shows a loose file's policy table
and analysis figures above its findings (``evidence_views``). Every word and
unit comes from the catalogue in the reader's language; what MediaInfo
itself names (codecs, profiles, "Progressive", "CFR") is shown as it says it,
since that is what a studio finds in its other tools.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..findings import Bound
from ..i18n import t
from ..media import units
from ..media.policy import FAIL, PASS, UNKNOWN, FieldVerdict, field_label_key
from ..media.probe import STATUS_OK, MediaFacts
from ..media.qc import QcAnalysis
from .values import format_bound, with_unit

JSON_VERSION = 1
_RESULT_STYLE = {PASS: "green", FAIL: "red", UNKNOWN: "yellow"}


def probe_json(facts: list[MediaFacts]) -> str:
    """``media probe --format json``: the facts of each file."""
    return json.dumps({"version": JSON_VERSION, "kind": "probe", "files": [item.to_dict() for item in facts]},
                      ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- probe

def _join(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def _answer(value: bool | None, lang: str) -> str:
    """yes / no / ? in the reader's language."""
    return "?" if value is None else t("media.answer.yes" if value else "media.answer.no", lang)


def _intra_text(video, lang: str) -> str:
    answer = _answer(video.intra_only, lang)
    if video.intra_basis:
        basis = t("media.basis." + video.intra_basis.replace(" ", "_"), lang)
        return t("media.probe.intra_only_basis", lang, answer=answer, basis=basis)
    return t("media.probe.intra_only", lang, answer=answer)


def _colour_depth(video, lang: str) -> str | None:
    if not video.bit_depth:
        return None
    depth = with_unit(video.bit_depth, "bit", lang)
    return t("media.probe.depth_implied", lang, depth=depth) if video.bit_depth_implied else depth


def _video_line(facts: MediaFacts, lang: str) -> str:
    v = facts.video
    if v is None:
        return "—"
    return _join(
        " ".join(filter(None, [v.format, v.profile])),
        f"{units.plain(v.width)}×{units.plain(v.height)}",
        " ".join(filter(None, [v.scan_type, v.scan_order])),
        " ".join(filter(None, [with_unit(v.frame_rate, "fps", lang) if v.frame_rate else None, v.frame_rate_mode])),
        _colour_depth(v, lang), v.chroma_subsampling,
        with_unit(v.bit_rate, "bit/s", lang) if v.bit_rate else None,
        t("media.probe.gop", lang, gop=v.gop) if v.gop else None,
        _intra_text(v, lang),
    )


def _audio_line(facts: MediaFacts, lang: str) -> str:
    a = facts.audio
    if a is None:
        return "—"
    return _join(a.format, with_unit(a.sampling_rate, "Hz", lang) if a.sampling_rate else None,
                 with_unit(a.bit_depth, "bit", lang) if a.bit_depth else t("media.probe.no_bit_depth", lang),
                 t("media.probe.channels", lang, count=a.channels) if a.channels else None,
                 t("media.probe.kbit_rate", lang, rate=f"{a.bit_rate / 1000:.0f}") if a.bit_rate else None)


def _status_line(facts: MediaFacts, lang: str) -> str:
    return escape(t(f"MD101.{facts.status}", lang, error=facts.error or ""))


def _container_line(facts: MediaFacts, lang: str) -> str:
    name = " ".join(filter(None, [facts.container, f"({facts.container_profile})" if facts.container_profile else None]))
    rate = t("media.probe.overall", lang, rate=with_unit(facts.overall_bit_rate, "bit/s", lang)) \
        if facts.overall_bit_rate else None
    return _join(name, units.clock(facts.duration), rate)


def print_probe(console: Console, facts: MediaFacts, lang: str) -> None:
    console.print(f"[bold]{escape(facts.path)}[/bold]  {units.size(facts.size, lang)}", highlight=False)
    if facts.status != STATUS_OK:
        console.print(f"  [red]{_status_line(facts, lang)}[/red]", highlight=False)
        if not facts.readable:
            return
    lines = (("container", _container_line(facts, lang)), ("video", _video_line(facts, lang)),
             ("audio", _audio_line(facts, lang)))
    labels = {key: t(f"media.probe.{key}", lang) + ":" for key, _ in lines}
    width = max(len(label) for label in labels.values())
    for key, text in lines:
        console.print(f"  {labels[key].ljust(width)} {escape(text)}", highlight=False)


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


def _result_cell(verdict: FieldVerdict, lang: str) -> Text:
    style = _RESULT_STYLE.get(verdict.result, "dim")
    text = t(f"media.result.{verdict.result}", lang)
    if verdict.severity is not None:
        text += f" ({t('core.severity.' + verdict.severity.value, lang)})"
    return Text(text, style=style)


def _value_text(field_name: str, value: Any, lang: str) -> str:
    """A facts value with its unit; yes/no for the true-or-false fields."""
    if isinstance(value, bool):
        return _answer(value, lang)
    return with_unit(value, units.FIELD_UNITS.get(field_name), lang)


def _requirement_text(test, lang: str) -> str:
    if isinstance(test.value, bool) and test.operator == "=":
        return _answer(test.value, lang)
    return format_bound(Bound(test.operator, test.value, unit=units.FIELD_UNITS.get(test.field)), lang)


def _required_cell(verdict: FieldVerdict, lang: str) -> str:
    """Each threshold of the field; with several of different severity, each says its own."""
    tests = [outcome.test for outcome in verdict.outcomes]
    if len({test.severity for test in tests}) == 1:
        return ", ".join(_requirement_text(test, lang) for test in tests)
    return ", ".join(f"{_requirement_text(test, lang)} ({t('core.severity.' + test.severity.value, lang)})"
                     for test in tests)


def policy_table(check, lang: str) -> Group:
    """One row per field the policy tests, with its measured value and verdict (MediaConch's view).

    A field tested twice (frame rate ≥ 23.976 as an error, ≥ 24 as a
    warning) is one row, as it is one finding.
    """
    table = Table(show_edge=False)
    for key in ("field", "measured", "required", "result", "clause"):
        table.add_column(t(f"media.heading.{key}", lang))
    for verdict in check.verdicts:
        clauses = dict.fromkeys(o.test.clause for o in verdict.outcomes if o.test.clause)
        table.add_row(t(field_label_key(verdict.field), lang), _value_text(verdict.field, verdict.measured, lang),
                      _required_cell(verdict, lang), _result_cell(verdict, lang), ", ".join(clauses))
    failed = sum(1 for verdict in check.verdicts if verdict.result == FAIL)
    summary = t("media.summary.policy_fields", lang, failed=failed, total=len(check.verdicts), policy=check.policy)
    return Group(table, Text(summary))


def _db(value: float | None) -> str:
    return "?" if value is None else f"{value:.1f}"


def _sound_line(analysis: QcAnalysis, lang: str) -> str:
    clipped = " / ".join(str(count) for count in analysis.clipped_per_channel) \
        if analysis.clipped_per_channel else "?"
    return _join(t("media.qc.integrated", lang, value=_db(analysis.integrated_lufs)),
                 t("media.qc.range", lang, value=_db(analysis.loudness_range_lu)),
                 t("media.qc.true_peak", lang, value=_db(analysis.true_peak_dbtp)),
                 t("media.qc.clipped", lang, counts=clipped),
                 t("media.qc.noise_floor", lang, value=_db(analysis.noise_floor_dbfs)),
                 t("media.qc.silences", lang, count=len(analysis.silences)))


def _picture_line(analysis: QcAnalysis, lang: str) -> str:
    ratio = analysis.interlaced_ratio
    return _join(t("media.qc.blacks", lang, count=len(analysis.blacks)),
                 t("media.qc.freezes", lang, count=len(analysis.freezes)),
                 t("media.qc.interlaced", lang, percent="?" if ratio is None else f"{ratio:.0%}"),
                 t("media.qc.blur", lang, value=units.plain(analysis.blur)))


def qc_figures(analysis: QcAnalysis, lang: str) -> Group:
    """The sound and picture figures of one analysis pass, one line each."""
    lines = []
    if analysis.has_audio:
        lines.append(Text(f"{t('media.heading.sound', lang)}: {_sound_line(analysis, lang)}"))
    if analysis.has_video:
        lines.append(Text(f"{t('media.heading.picture', lang)}: {_picture_line(analysis, lang)}"))
    return Group(*lines)
