"""Running one job: never lose work, never leave half a file under a final name.

The order of work for one video:

1. outputs already made from this source with these settings, still the
   same files and still passing verification, are kept (``resume``);
2. caption files are validated, then written in the formats the preset
   needs; one with errors is not published, and the reasons are reported;
3. the missing video outputs are encoded by one ffmpeg (after loudnorm's
   measuring pass when there is a loudness target), each into a temporary
   name beside its final one;
4. each is probed and verified; only one that passes is renamed to its
   final name and recorded, one that fails is deleted and reported;
5. the poster is taken from the verified main output, the same way.

Whatever stops the job (a failed encode, Ctrl-C, SIGTERM), the temporary
files are removed; the master is only ever read.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..cache import file_identity
from ..captions.convert import write_captions
from ..captions.read import CaptionError, CaptionFile, read_captions
from ..captions.validate import errors_in, validate
from ..errors import UserError, translated_params
from ..i18n import t
from ..media.ffmpeg import run_ffmpeg
from ..media.probe import MediaFacts, probe_media
from ..run.batch import DONE, FAILED, SKIPPED, JobContext, JobFailed, JobSkipped
from ..run.process import Interrupted, ProcessRunner
from . import loudness as loudness_pass
from .commands import encode_arguments, poster_arguments
from .plan import CAPTIONS, MAIN, POSTER, VIDEO_ROLES, OutputSpec, TranscodeJob
from .resume import record_cache, recorded, remember
from .verify import is_jpeg, verify_output

WRITTEN, UP_TO_DATE, NOT_WRITTEN = "written", "up_to_date", "failed"
TEMPORARY_SUFFIX = ".moocforge-part"
# ffmpeg's last lines of stderr say why it failed; keep a few for the report.
STDERR_LINES_KEPT = 3


def temporary_path(target: Path) -> Path:
    """Where an output is written before it verifies: hidden, beside its final name (same file system)."""
    return target.with_name(f".{target.name}{TEMPORARY_SUFFIX}")


def message(key: str, **params: Any) -> dict[str, Any]:
    return {"key": key, "params": params}


def english(problem: dict[str, Any]) -> str:
    return t(problem["key"], "en", **translated_params(problem.get("params", {}), "en"))


@dataclass
class OutputResult:
    output: OutputSpec
    status: str | None = None  # written | up_to_date | failed
    problems: list[dict] = field(default_factory=list)
    verification: list[dict] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {"role": self.output.role, "name": self.output.name, "path": self.output.path,
                "status": self.status or NOT_WRITTEN, "problems": self.problems, "verification": self.verification}


@dataclass
class JobReport:
    """What one job did, as plain data for the report (and across a Dask cluster)."""

    job: TranscodeJob
    outputs: dict[str, OutputResult] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)  # of the job as a whole (the source)
    notes: list[dict] = field(default_factory=list)
    captions: list[dict] = field(default_factory=list)
    loudness: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        self.outputs = {o.path: OutputResult(o) for o in self.job.outputs}

    def of(self, output: OutputSpec) -> OutputResult:
        return self.outputs[output.path]

    def fail(self, output: OutputSpec, *problems: dict) -> None:
        result = self.of(output)
        result.status = NOT_WRITTEN
        result.problems += problems

    @property
    def failed(self) -> bool:
        return bool(self.problems) or any(o.status == NOT_WRITTEN for o in self.outputs.values())

    def reason(self) -> str:
        """The first problems in English: the outcome's reason (the report keeps every one, translatable)."""
        problems = self.problems + [p for o in self.outputs.values() for p in o.problems
                                    if o.status == NOT_WRITTEN and p.get("severity", "error") == "error"]
        return "; ".join(english(p) for p in problems[:3])

    def to_data(self) -> dict[str, Any]:
        return {"label": self.job.label, "source": self.job.source, "problems": self.problems, "notes": self.notes,
                "outputs": [o.to_data() for o in self.outputs.values()], "loudness": self.loudness,
                "captions": self.captions}


# ---------------------------------------------------------------- the source

def _current_facts(job: TranscodeJob) -> MediaFacts:
    """The planner's facts while the source is the file it read; else read again (it changed since)."""
    if job.facts is not None and job.source_identity is not None and \
            file_identity(Path(job.source)) == job.source_identity:
        return job.facts
    return probe_media(job.source)


def _source_problem(job: TranscodeJob, facts: MediaFacts) -> dict | None:
    if not facts.readable:
        return message("transcode.job.unreadable_source", status=facts.status, error=facts.error or "")
    if facts.video is None:
        return message("transcode.job.no_video")
    if facts.audio is None:
        return message("transcode.job.no_sound", preset=job.preset.name)
    return None


def _notes_for(job: TranscodeJob, facts: MediaFacts) -> list[dict]:
    notes = []
    video = facts.video
    if video and video.width and video.height and job.preset.video.fit == "pad" and \
            (video.width < job.preset.video.width or video.height < job.preset.video.height):
        notes.append(message("transcode.note.upscaled", width=video.width, height=video.height,
                             target=f"{job.preset.video.width}×{job.preset.video.height}"))
    if job.preset.captions and not job.captions:
        notes.append(message("transcode.note.no_captions"))
    return notes


# ---------------------------------------------------------------- what is up to date

def _up_to_date(job: TranscodeJob, output: OutputSpec, cache, report: "JobReport") -> bool:
    """Recorded, still the recorded file, and (for video) verifying again now: then it is kept as it is."""
    record = recorded(cache, job, output)
    if record is None:
        return False
    target = job.target(output)
    if output.role in VIDEO_ROLES and not verify_output(job, output, target).ok:
        return False
    if output.role == POSTER and not is_jpeg(target):
        return False
    result = report.of(output)
    result.status = UP_TO_DATE
    result.verification = record.get("verification") or []
    result.problems = record.get("problems") or []
    if record.get("loudness"):
        report.loudness = record["loudness"]
    return True


# ---------------------------------------------------------------- captions

def _caption_outputs(job: TranscodeJob, report: JobReport, pending: list[OutputSpec], cache) -> None:
    wanted = [o for o in pending if o.role == CAPTIONS]
    if not wanted:
        return
    by_format: dict[str, CaptionFile] = {}
    trouble: list[dict] = []
    for source in job.captions:
        entry: dict[str, Any] = {"source": source, "problems": []}
        report.captions.append(entry)
        try:
            captions = read_captions(source)
        except CaptionError as exc:
            entry["problems"].append({"key": exc.key, "params": exc.params, "severity": "error", "line": exc.line})
            trouble.append(message("transcode.job.captions_unreadable", file=Path(source).name))
            continue
        problems = validate(captions, job.duration)
        entry["problems"] = [p.to_data() for p in problems]
        if errors_in(problems):
            trouble.append(message("transcode.job.captions_invalid", file=Path(source).name,
                                   count=len(errors_in(problems))))
        else:
            by_format.setdefault(captions.format, captions)
    for output in wanted:
        captions = by_format.get(output.name) or next(iter(by_format.values()), None)
        if captions is None:
            report.fail(output, *trouble)
            continue
        write_captions(captions, output.name, job.target(output))
        remember(cache, job, output)
        report.of(output).status = WRITTEN


# ---------------------------------------------------------------- video

def _stderr_tail(lines: list[str]) -> str:
    meaningful = [line.strip() for line in lines if line.strip() and not line.startswith(("frame=", "size="))]
    return " | ".join(meaningful[-STDERR_LINES_KEPT:])[-400:]


def _encode(job: TranscodeJob, report: JobReport, wanted: list[OutputSpec], runner: ProcessRunner,
            progress: Callable[[float], None], cache) -> None:
    duration = job.duration or 0.0
    measured = None
    if job.loudness is not None:
        try:
            measured, before = loudness_pass.measure(job, runner, on_progress=progress)
        except loudness_pass.LoudnessError as exc:
            for output in wanted:
                report.fail(output, message(exc.key, **exc.params))
            return
        report.loudness = {"target_lufs": job.loudness.target, "true_peak_limit_dbtp": job.loudness.true_peak,
                           "before": before, "after": None, "normalised": measured is not None}
        if measured is None:
            report.notes.append(message("transcode.note.silent"))
    offset = duration if job.loudness is not None else 0.0
    targets = [(output, temporary_path(job.target(output))) for output in wanted]
    for _, temporary in targets:
        temporary.parent.mkdir(parents=True, exist_ok=True)
    try:
        result = run_ffmpeg(encode_arguments(job, targets, measured), runner=runner,
                            on_progress=lambda seconds: progress(offset + seconds))
        if result.returncode != 0:
            problem = message("transcode.job.ffmpeg_failed", code=result.returncode, detail=_stderr_tail(result.lines))
            for output in wanted:
                report.fail(output, problem)
            return
        if report.loudness is not None and measured is not None:
            report.loudness["after"] = loudness_pass.figures(loudness_pass.loudnorm_report(result.lines), "output")
        for output, temporary in targets:
            _publish(job, report, output, temporary, cache)
    finally:
        for _, temporary in targets:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _publish(job: TranscodeJob, report: JobReport, output: OutputSpec, temporary: Path, cache) -> None:
    """Verify a finished temporary file; rename it to its final name only when it passes."""
    verification = verify_output(job, output, temporary)
    result = report.of(output)
    result.verification = verification.to_data()
    if not verification.ok:
        report.fail(output, *verification.problems())
        return
    result.problems += verification.problems()  # warnings only
    os.replace(temporary, job.target(output))
    result.status = WRITTEN
    remember(cache, job, output, {"verification": result.verification, "problems": result.problems,
                                  "loudness": report.loudness})


def _poster(job: TranscodeJob, report: JobReport, output: OutputSpec, runner: ProcessRunner, cache) -> None:
    main = job.outputs_of(MAIN)[0]
    if report.of(main).status not in (WRITTEN, UP_TO_DATE):
        report.fail(output, message("transcode.job.poster_needs_main"))
        return
    settings = job.preset.poster
    at = (job.duration or 0.0) * settings.at
    target = job.target(output)
    temporary = temporary_path(target)
    try:
        result = run_ffmpeg(poster_arguments(job.target(main), temporary, settings.width, at), runner=runner)
        if result.returncode != 0 or not is_jpeg(temporary):
            report.fail(output, message("transcode.job.poster_failed", detail=_stderr_tail(result.lines)))
            return
        os.replace(temporary, target)
        remember(cache, job, output)
        report.of(output).status = WRITTEN
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


# ---------------------------------------------------------------- the job

def run_job(job: TranscodeJob, context: JobContext) -> dict[str, Any]:
    """Make every output of ``job`` that is not up to date; the result is the job's report entry.

    Raises ``JobSkipped`` when everything was up to date, ``JobFailed`` (with
    the same report entry) when anything could not be made.
    """
    report = JobReport(job)
    if job.problem:
        report.problems.append(message(job.problem, file=job.label))
        raise JobFailed(report.reason(), report.to_data())
    cache = record_cache(job.out_dir)
    facts = _current_facts(job)
    job.facts = facts
    problem = _source_problem(job, facts)
    if problem:
        report.problems.append(problem)
        raise JobFailed(report.reason(), report.to_data())
    report.notes += _notes_for(job, facts)
    pending = [output for output in job.outputs if not _up_to_date(job, output, cache, report)]
    if not pending:
        raise JobSkipped(t("transcode.job.up_to_date", "en"), report.to_data())
    _caption_outputs(job, report, pending, cache)
    videos = [o for o in pending if o.role in VIDEO_ROLES]
    if videos:
        _encode(job, report, videos, context.runner, context.progress, cache)
    for output in (o for o in pending if o.role == POSTER):
        _poster(job, report, output, context.runner, cache)
    if report.failed:
        raise JobFailed(report.reason(), report.to_data())
    return report.to_data()


def job_seconds(job: TranscodeJob) -> float | None:
    """Media seconds a job decodes, for its progress bar (the loudness pass decodes the sound once more)."""
    return job.duration * job.passes if job.duration else None


def run_job_line(line: str, threads: int | None = None) -> dict[str, Any]:
    """Run one job line outside any batch (``--run-job``, a Dask worker): its outcome as plain data."""
    job = TranscodeJob.from_line(line)
    if threads is not None:
        job.threads = threads
    context = JobContext(ProcessRunner(), lambda seconds: None)
    began = time.monotonic()
    try:
        status, result, reason = DONE, run_job(job, context), None
    except JobSkipped as exc:
        status, result, reason = SKIPPED, exc.result, str(exc) or None
    except JobFailed as exc:
        status, result, reason = FAILED, exc.result, str(exc)
    except (Interrupted, KeyboardInterrupt):
        raise
    except UserError as exc:
        status, result, reason = FAILED, None, exc.text("en")
    return {"label": job.label, "status": status, "result": result, "reason": reason,
            "elapsed": round(time.monotonic() - began, 3)}
