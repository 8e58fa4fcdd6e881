"""A transcode batch on ``moocforge.run``: local threads, or a Dask cluster, with the same outcomes.

Each ``TranscodeJob`` becomes a ``run.batch.Job``: locally it runs
``execute.run_job`` with the batch's process runner (so Ctrl-C stops its
ffmpeg); on a cluster it waits for the worker's result. Either way every
job ends as one outcome (done, skipped, failed with a reason, or planned in
a dry run), which the report and the summary read.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Any

from ..run.batch import BatchRunner, Job, Outcome
from ..run.progress import shown
from .commands import NOT_YET_MEASURED, command_line, encode_arguments, measure_arguments, poster_arguments
from .execute import job_seconds, run_job, temporary_path
from .plan import MAIN, POSTER, VIDEO_ROLES, TranscodeJob
from .resume import record_cache, recorded

# Threads that only wait for a cluster's results: enough to keep a large cluster busy.
CLUSTER_WAITERS = 64


@dataclass
class PlannedWork:
    """What a job would do now: the outputs already up to date, and the exact commands for the rest."""

    up_to_date: list[str] = field(default_factory=list)
    to_make: list[str] = field(default_factory=list)
    commands: list[list[str]] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {"up_to_date": self.up_to_date, "to_make": self.to_make,
                "commands": [shlex.join(command) for command in self.commands]}


def planned_work(job: TranscodeJob, cache) -> PlannedWork:
    """The dry run's view of a job: records are read, nothing is probed, encoded or written."""
    work = PlannedWork()
    pending = []
    for output in job.outputs:
        (work.up_to_date if recorded(cache, job, output) else work.to_make).append(output.path)
        if output.path in work.to_make:
            pending.append(output)
    videos = [o for o in pending if o.role in VIDEO_ROLES]
    if videos and job.problem is None:
        if job.loudness is not None:
            work.commands.append(command_line(measure_arguments(job)))
        targets = [(o, temporary_path(job.target(o))) for o in videos]
        measured = NOT_YET_MEASURED if job.loudness is not None else None
        work.commands.append(command_line(encode_arguments(job, targets, measured)))
    for poster in (o for o in pending if o.role == POSTER and job.preset.poster):
        main = job.target(job.outputs_of(MAIN)[0])
        at = (job.duration or 0.0) * job.preset.poster.at
        work.commands.append(command_line(poster_arguments(main, temporary_path(job.target(poster)),
                                                           job.preset.poster.width, at), progress=False))
    return work


def local_jobs(plan: list[TranscodeJob]) -> list[Job]:
    return [Job(label=job.label, run=lambda context, job=job: run_job(job, context), seconds=job_seconds(job))
            for job in plan]


def run_batch(plan: list[TranscodeJob], *, workers: int, dry_run: bool = False, progress: bool = False,
              cluster: str | None = None, title: str = "transcode") -> list[Outcome]:
    """Every job's outcome, in plan order; a dry run plans each job (``Outcome.result``: its ``PlannedWork``)."""
    if dry_run:
        outcomes = BatchRunner(dry_run=True).run(local_jobs(plan), title)
        if plan:
            cache = record_cache(plan[0].out_dir, write=False)
            for outcome, job in zip(outcomes, plan):
                outcome.result = planned_work(job, cache)
        return outcomes
    if cluster:
        from .cluster import ClusterSession

        with ClusterSession(cluster) as session:
            batch = BatchRunner(workers=max(1, min(len(plan), CLUSTER_WAITERS)))
            jobs = session.jobs(plan)
            with shown(batch, progress, title):
                return batch.run(jobs, title)
    batch = BatchRunner(workers=workers)
    with shown(batch, progress, title):
        return batch.run(local_jobs(plan), title)
