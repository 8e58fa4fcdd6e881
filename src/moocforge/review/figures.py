"""Measurable figures beside each criterion: what an expert would otherwise count by hand.

Findings say what is wrong; figures say how things stand (loudness of the
videos, share of silence, tasks with instructions …), including for the
criteria only an expert can score (content, the speaker). They are read from
the evidence and the descriptor of a check result, never from the files.
The numbering is the ATU form 10 criteria the rules already use.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Callable

from ..i18n import t
from ..report.values import plain, with_unit
from .facts import CheckFacts


@dataclass(frozen=True)
class Figure:
    key: str  # catalogue key below review.figure.
    value: Any
    unit: str | None = None

    def label(self, lang: str) -> str:
        return t(f"review.figure.{self.key}", lang)

    def text(self, lang: str) -> str:
        if isinstance(self.value, tuple) and len(self.value) == 2 and self.unit == "of":
            return t("review.figure.of", lang, part=plain(self.value[0]), whole=plain(self.value[1]))
        return with_unit(self.value, self.unit, lang)


def _qc(facts: CheckFacts) -> list[dict[str, Any]]:
    return [a for a in facts.evidence.get("qc", {}).values() if isinstance(a, dict) and not a.get("error")]


def _silence_share(analyses: list[dict[str, Any]]) -> float | None:
    heard = [a for a in analyses if a.get("has_audio") and a.get("duration")]
    total = sum(a["duration"] for a in heard)
    silent = sum(end - start for a in heard for start, end in a.get("silences") or [])
    return silent / total if total else None


def _span(values: list[float]) -> tuple[float, float] | None:
    return (round(min(values), 1), round(max(values), 1)) if values else None


def _video_total(facts: CheckFacts) -> list[Figure]:
    seconds = _video_seconds(facts)
    return [Figure("video_total", seconds, "clock")] if seconds else []


def _video_seconds(facts: CheckFacts) -> float:
    return sum(facts.video_seconds(video)[1] or 0.0
               for module in facts.model.modules for lesson in module.lessons for video in lesson.videos)


def sound(facts: CheckFacts) -> list[Figure]:
    analyses = [a for a in _qc(facts) if a.get("has_audio")]
    out: list[Figure] = []
    if analyses:
        out.append(Figure("files_analysed", len(analyses)))
        loudness = _span([a["integrated_lufs"] for a in analyses if a.get("integrated_lufs") is not None])
        if loudness:
            out.append(Figure("loudness", f"{plain(loudness[0])} … {plain(loudness[1])}", "LUFS"))
        floors = [a["noise_floor_dbfs"] for a in analyses if a.get("noise_floor_dbfs") is not None]
        if floors:
            out.append(Figure("noise_floor", round(max(floors), 1), "dBFS"))
        out.append(Figure("clipped", sum(a.get("clipped_samples") or 0 for a in analyses), "samples"))
        share = _silence_share(analyses)
        if share is not None:
            out.append(Figure("silence_share", share, "ratio"))
    audio = [m["audio"] for m in facts.evidence.get("media", {}).values()
             if isinstance(m, dict) and isinstance(m.get("audio"), dict)]
    rates = [a["sampling_rate"] for a in audio if a.get("sampling_rate")]
    if rates:
        out.append(Figure("sampling_rate", min(rates), "Hz"))
    return out


def picture(facts: CheckFacts) -> list[Figure]:
    out: list[Figure] = []
    video = [m["video"] for m in facts.evidence.get("media", {}).values()
             if isinstance(m, dict) and isinstance(m.get("video"), dict)]
    sizes = [(v["width"], v["height"]) for v in video if v.get("width") and v.get("height")]
    if sizes:
        out.append(Figure("smallest_frame", min(sizes), "px"))
    rates = [v["bit_rate"] for v in video if v.get("bit_rate")]
    if rates:
        out.append(Figure("lowest_bit_rate", min(rates), "bit/s"))
    analyses = [a for a in _qc(facts) if a.get("has_video")]
    if analyses:
        black = sum(e - s for a in analyses for s, e in a.get("blacks") or [])
        frozen = sum(e - s for a in analyses for s, e in a.get("freezes") or [])
        out += [Figure("black_seconds", round(black, 1), "s"), Figure("frozen_seconds", round(frozen, 1), "s")]
        blur = [a["blur"] for a in analyses if a.get("blur") is not None]
        if blur:
            out.append(Figure("softest", round(max(blur), 2)))
    return out


def structure(facts: CheckFacts) -> list[Figure]:
    model = facts.model
    lessons = sum(len(m.lessons) for m in model.modules)
    return [Figure("modules", len(model.modules)), Figure("lessons", lessons), *_video_total(facts)]


def content(facts: CheckFacts) -> list[Figure]:
    model = facts.model
    out = [Figure("outcomes", len(model.all_outcome_ids()))]
    if model.last_reviewed:
        out.append(Figure("last_reviewed", model.last_reviewed))
    return out + _video_total(facts)


def self_study(facts: CheckFacts) -> list[Figure]:
    model = facts.model
    with_pdf = sum(1 for m in model.modules if m.self_study)
    return [Figure("self_study", (with_pdf, len(model.modules)), "of"),
            Figure("glossary", bool(model.documents.glossary)),
            Figure("bibliography", bool(model.documents.bibliography))]


def tasks(facts: CheckFacts) -> list[Figure]:
    banks = [b for b in facts.evidence.get("quiz", {}).values() if isinstance(b, dict) and b.get("role") != "survey"]
    out = [Figure("assessments", len(facts.model.assessments()))]
    if banks:
        out.append(Figure("test_items", sum(b.get("question_count") or 0 for b in banks), "questions"))
    return out


def speaker(facts: CheckFacts) -> list[Figure]:
    analyses = [a for a in _qc(facts) if a.get("has_audio")]
    out: list[Figure] = []
    share = _silence_share(analyses)
    if share is not None:
        out.append(Figure("silence_share", share, "ratio"))
    ranges = [a["loudness_range_lu"] for a in analyses if a.get("loudness_range_lu") is not None]
    if ranges:
        out.append(Figure("loudness_range", round(statistics.median(ranges), 1), "LU"))
    return out


def assessment(facts: CheckFacts) -> list[Figure]:
    tasks_ = [task for _, task in facts.model.assessments()]
    count = len(tasks_)
    return [Figure("instructions", (sum(1 for a in tasks_ if a.instructions), count), "of"),
            Figure("deadlines", (sum(1 for a in tasks_ if a.deadline), count), "of"),
            Figure("grading_described", bool(facts.model.certificate))]


_BY_CRITERION: dict[int, Callable[[CheckFacts], list[Figure]]] = {
    1: sound, 2: picture, 3: structure, 4: content, 5: self_study, 6: tasks, 7: speaker, 8: assessment,
}


def figures_for(number: int, facts: CheckFacts) -> list[Figure]:
    """The figures of one criterion (none for a criterion this table does not know)."""
    compute = _BY_CRITERION.get(number)
    return compute(facts) if compute else []
