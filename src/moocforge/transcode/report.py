"""The transcode report (``DIR/transcode-report.json``, ``--report``) and the summary table.

The report is the one record of a batch a studio reads in the morning and a
packaging step reads later: per video its status, every output with its
path under the output folder, status and verification, the loudness before
and after, caption problems, and the reason of any failure. Its format is
described in docs/transcode.md; messages are kept as catalogue keys with
their parameters, so the summary shows them in any language.
"""

from __future__ import annotations

import json
import time
from typing import Any

from .. import __version__
from ..errors import translated_params
from ..i18n import t
from ..media.ffmpeg import ffmpeg_version
from ..run.batch import DONE, FAILED, PLANNED, SKIPPED, Outcome
from .plan import TranscodeJob
from .preset import Preset

REPORT_FORMAT = "moocforge-transcode-report"
REPORT_VERSION = 1
REPORT_NAME = "transcode-report.json"
STATUSES = (DONE, SKIPPED, FAILED, PLANNED)


def describe(problem: dict[str, Any], lang: str) -> str:
    """A report message (catalogue key and parameters) in ``lang``."""
    return t(problem["key"], lang, **translated_params(problem.get("params") or {}, lang))


def _job_entry(job: TranscodeJob, outcome: Outcome) -> dict[str, Any]:
    result = outcome.result
    entry: dict[str, Any] = {"label": job.label, "source": job.source, "status": outcome.status,
                             "reason": outcome.reason, "elapsed_seconds": round(outcome.elapsed, 3)}
    if isinstance(result, dict):
        entry.update({k: v for k, v in result.items() if k not in ("label", "source")})
    elif outcome.status == PLANNED and result is not None:
        entry["plan"] = result.to_data()
        entry["outputs"] = [{"role": o.role, "name": o.name, "path": o.path,
                             "status": "up_to_date" if o.path in result.up_to_date else "planned"}
                            for o in job.outputs]
    else:
        # No result (an unexpected error): the outputs as planned, none written.
        entry["outputs"] = [{"role": o.role, "name": o.name, "path": o.path, "status": "failed"} for o in job.outputs]
    return entry


def build_report(plan: list[TranscodeJob], outcomes: list[Outcome], preset: Preset, out_dir: str, *,
                 subject: list[str], dry_run: bool, started: float) -> dict[str, Any]:
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in STATUSES}
    loudness = plan[0].loudness.__dict__ if plan and plan[0].loudness else None
    return {
        "format": REPORT_FORMAT, "version": REPORT_VERSION, "moocforge": __version__, "ffmpeg": ffmpeg_version(),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "subject": subject, "out_dir": out_dir,
        "preset": {"name": preset.name, "title": preset.title, "source": preset.source}, "loudness": loudness,
        "dry_run": dry_run, "summary": {"videos": len(plan), **counts,
                                        "elapsed_seconds": round(time.monotonic() - started, 3)},
        "jobs": [_job_entry(job, outcome) for job, outcome in zip(plan, outcomes)],
    }


def report_bytes(report: dict[str, Any]) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")


# ---------------------------------------------------------------- the summary a person reads

def _outputs_cell(entry: dict[str, Any], lang: str) -> str:
    counts: dict[str, int] = {}
    for output in entry.get("outputs", []):
        counts[output["status"]] = counts.get(output["status"], 0) + 1
    return ", ".join(t(f"transcode.output_status.{status}", lang, n=n) for status, n in sorted(counts.items()))


def _reason_cell(entry: dict[str, Any], lang: str) -> str:
    if entry["status"] != FAILED:
        return ""
    problems = list(entry.get("problems") or [])
    for output in entry.get("outputs", []):
        if output["status"] == "failed":
            problems += [p for p in output.get("problems") or [] if p.get("severity", "error") == "error"]
    if problems:
        return "; ".join(dict.fromkeys(describe(p, lang) for p in problems))
    return entry.get("reason") or ""


def summary_table(report: dict[str, Any], lang: str):
    """A rich table: one row per video, its status, outputs, time and (for a failure) why."""
    from rich.table import Table

    table = Table(title=t("transcode.summary.title", lang, preset=report["preset"]["name"]), title_justify="left")
    for key in ("video", "status", "outputs", "time", "reason"):
        table.add_column(t(f"transcode.summary.column.{key}", lang), overflow="fold")
    for entry in report["jobs"]:
        style = {"failed": "red", "done": "green"}.get(entry["status"])
        table.add_row(entry["label"], t(f"transcode.status.{entry['status']}", lang), _outputs_cell(entry, lang),
                      f"{entry['elapsed_seconds']:.1f} s", _reason_cell(entry, lang), style=style)
    return table


def summary_line(report: dict[str, Any], lang: str) -> str:
    summary = report["summary"]
    return t("transcode.summary.counts", lang, videos=summary["videos"], done=summary[DONE],
             skipped=summary[SKIPPED], failed=summary[FAILED])
