"""EBU R128 loudness normalisation in two passes, as ffmpeg's loudnorm filter documents it.

Pass one measures the sound as it will be delivered (48 kHz, mixed to
stereo): integrated loudness, true peak, loudness range and threshold. Pass
two (part of the encode, ``commands.encode_arguments``) applies one gain
computed from them, with the true-peak limit, and prints what came out, so
the report has the loudness before and after.
"""

from __future__ import annotations

import json
import math
from typing import Any, Callable

from ..errors import UserError
from ..media.ffmpeg import run_ffmpeg
from ..run.process import ProcessRunner
from .commands import LoudnessMeasurement, measure_arguments
from .plan import TranscodeJob

# Below this integrated loudness there is nothing to normalise (digital silence reads -inf or -70).
SILENT_LUFS = -70.0


class LoudnessError(UserError):
    """The loudness measurement failed (ffmpeg's reason in the message)."""


def loudnorm_report(lines: list[str]) -> dict[str, Any] | None:
    """The JSON object loudnorm prints at the end of its log (``print_format=json``), or None."""
    end = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip() == "}"), None)
    if end is None:
        return None
    start = next((i for i in range(end, -1, -1) if lines[i].strip() == "{"), None)
    if start is None:
        return None
    try:
        return json.loads("\n".join(lines[start:end + 1]))
    except json.JSONDecodeError:
        return None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def figures(report: dict[str, Any] | None, side: str) -> dict[str, float | None] | None:
    """Integrated loudness, true peak and loudness range of the "input" or "output" side of a loudnorm report."""
    if not report:
        return None
    return {"integrated_lufs": _number(report.get(f"{side}_i")), "true_peak_dbtp": _number(report.get(f"{side}_tp")),
            "range_lu": _number(report.get(f"{side}_lra"))}


def measure(job: TranscodeJob, runner: ProcessRunner,
            on_progress: Callable[[float], None] | None = None) -> tuple[LoudnessMeasurement | None, dict | None]:
    """The first pass: (what pass two needs, or None for silence; the figures before normalisation)."""
    result = run_ffmpeg(measure_arguments(job), runner=runner, on_progress=on_progress)
    report = loudnorm_report(result.lines)
    if result.returncode != 0 or report is None:
        detail = next((line for line in reversed(result.lines) if line.strip()), "")
        raise LoudnessError("transcode.loudness.failed", code=result.returncode, detail=detail[-200:])
    before = figures(report, "input")
    values = [_number(report.get(name)) for name in ("input_i", "input_tp", "input_lra", "input_thresh",
                                                     "target_offset")]
    if any(v is None for v in values) or values[0] <= SILENT_LUFS:
        return None, before
    return LoudnessMeasurement(*values), before
