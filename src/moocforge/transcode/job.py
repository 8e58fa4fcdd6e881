"""The transcode job the command line calls: plan a batch, run it, write its report."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..fileio import write_atomically
from ..inspect.media import MediaInspector
from ..run.batch import default_workers
from .batch import run_batch
from .plan import Loudness, TranscodeJob, plan_jobs, threads_per_job
from .preset import Preset, load_preset
from .report import REPORT_NAME, build_report, report_bytes
from .resume import record_cache
from .sources import SourceError, find_sources


@dataclass
class TranscodeRequest:
    paths: list[Path]
    preset: str
    out_dir: Path
    jobs: int | None = None
    loudness: Loudness | None = None
    force: bool = False
    dry_run: bool = False
    cluster: str | None = None
    progress: bool = False
    emit_plan: bool = False  # jobs for other machines: each ffmpeg there uses that machine's cores


@dataclass
class PlannedBatch:
    preset: Preset
    jobs: list[TranscodeJob]
    workers: int


def _refuse_overwriting_sources(plan: list[TranscodeJob]) -> None:
    """An output may never land on a source: the masters (and their captions) are only ever read."""
    sources = {Path(job.source).resolve(): job.label for job in plan}
    sources.update({Path(path).resolve(): path for job in plan for path in job.captions})
    for job in plan:
        for output in job.outputs:
            target = job.target(output).resolve()
            if target in sources:
                raise SourceError("transcode.source.output_is_source", file=str(target), source=sources[target],
                                  hint="transcode.source.output_is_source_hint")


def plan_batch(request: TranscodeRequest) -> PlannedBatch:
    """The preset, the sources and one job per video (source facts read, or taken from the cache)."""
    if request.out_dir.exists() and not request.out_dir.is_dir():
        raise SourceError("transcode.source.out_not_folder", file=str(request.out_dir))
    preset = load_preset(request.preset)
    sources = find_sources(request.paths, preset.safe_names)
    workers = default_workers(request.jobs or 1)
    readable = [video.path for video in sources.videos if video.problem is None]
    # Facts are cached beside the outputs: the course folder is only read, and a dry run writes nothing.
    inspector = MediaInspector(cache=record_cache(request.out_dir, write=not request.dry_run), sample_frames=0,
                               jobs=request.jobs, progress=request.progress)
    facts = inspector.facts_for(readable)
    threads = None if request.cluster or request.emit_plan else threads_per_job(workers)
    plan = plan_jobs(sources.videos, preset, request.out_dir, facts, loudness=request.loudness, threads=threads,
                     force=request.force)
    _refuse_overwriting_sources(plan)
    return PlannedBatch(preset, plan, workers)


def transcode(request: TranscodeRequest) -> dict[str, Any]:
    """Plan and run (or, with ``dry_run``, only plan) a batch; the report, also written to the output folder."""
    started = time.monotonic()
    planned = plan_batch(request)
    outcomes = run_batch(planned.jobs, workers=planned.workers, dry_run=request.dry_run, progress=request.progress,
                         cluster=request.cluster)
    report = build_report(planned.jobs, outcomes, planned.preset, str(request.out_dir.resolve()),
                          subject=[str(p) for p in request.paths], dry_run=request.dry_run, started=started)
    if not request.dry_run:
        write_atomically(request.out_dir / REPORT_NAME, report_bytes(report))
    return report
