"""What is wrong with a caption file, cue by cue.

Errors stop a caption file from being published as it is: a timing line
that cannot be read (its cue would be lost), a cue that ends before it
starts, cues out of order or overlapping (players show them out of step or
on top of each other), a cue that runs past the end of the video, text that
could not be decoded. Warnings are worth a look: an encoding that was
guessed, a file named .srt that holds WebVTT.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import translated_params
from ..findings import Severity
from ..i18n import t
from .read import CaptionFile

# Players round to frames: a cue ending within this of the video's end is inside it.
END_TOLERANCE_SECONDS = 0.5


@dataclass(frozen=True)
class CaptionProblem:
    key: str  # captions.problem.*
    severity: Severity
    line: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return t(self.key, lang, **translated_params(self.params, lang))

    def to_data(self) -> dict[str, Any]:
        return {"key": self.key, "severity": self.severity.value, "line": self.line, "params": self.params}


def clock(seconds: float) -> str:
    """12.5 → "00:00:12.500", the way caption files write times."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _encoding_problems(captions: CaptionFile) -> list[CaptionProblem]:
    decoded = captions.decoded
    if "\ufffd" in decoded.text:
        return [CaptionProblem("captions.problem.damaged_text", Severity.ERROR, params={"encoding": decoded.encoding})]
    problems = []
    if not decoded.certain:
        problems.append(CaptionProblem("captions.problem.encoding_guessed", Severity.WARNING,
                                       params={"encoding": decoded.encoding,
                                               "alternatives": ", ".join(decoded.alternatives)}))
    if captions.declared_format:
        problems.append(CaptionProblem("captions.problem.format_mismatch", Severity.WARNING,
                                       params={"declared": captions.declared_format.upper(),
                                               "actual": captions.format.upper()}))
    return problems


def _timing_problems(captions: CaptionFile, duration: float | None) -> list[CaptionProblem]:
    problems = []
    previous = None
    for number, cue in enumerate(captions.cues, start=1):
        where = {"cue": number, "start": clock(cue.start), "end": clock(cue.end)}
        if cue.end <= cue.start:
            problems.append(CaptionProblem("captions.problem.ends_before_start", Severity.ERROR, cue.line, where))
        if previous is not None and cue.start < previous.start:
            problems.append(CaptionProblem("captions.problem.out_of_order", Severity.ERROR, cue.line,
                                           {**where, "previous": clock(previous.start)}))
        elif previous is not None and cue.start < previous.end:
            problems.append(CaptionProblem("captions.problem.overlap", Severity.ERROR, cue.line,
                                           {**where, "previous_end": clock(previous.end),
                                            "seconds": round(previous.end - cue.start, 3)}))
        if duration is not None and cue.end > duration + END_TOLERANCE_SECONDS:
            problems.append(CaptionProblem("captions.problem.after_video", Severity.ERROR, cue.line,
                                           {**where, "duration": clock(duration)}))
        previous = cue
    return problems


def validate(captions: CaptionFile, duration: float | None = None) -> list[CaptionProblem]:
    """Every problem of ``captions``; ``duration`` (seconds) is the video's, when known."""
    problems = _encoding_problems(captions)
    problems += [CaptionProblem("captions.problem.malformed_timing", Severity.ERROR, line)
                 for line in captions.malformed_lines]
    lost = len(captions.timing_lines) - len(captions.cues)
    if lost > 0:
        problems.append(CaptionProblem("captions.problem.cues_lost", Severity.ERROR,
                                       params={"count": lost, "found": len(captions.timing_lines)}))
    if not captions.cues:
        problems.append(CaptionProblem("captions.problem.no_cues", Severity.ERROR))
    return problems + _timing_problems(captions, duration)


def errors_in(problems: list[CaptionProblem]) -> list[CaptionProblem]:
    return [p for p in problems if p.severity == Severity.ERROR]
