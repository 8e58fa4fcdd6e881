"""Submitting transcode jobs to a running Dask cluster (``--cluster dask://HOST:PORT``).

Each job line goes to the scheduler as one task; a worker runs it with
``execute.run_job_line`` (moocforge installed there, the sources and the
output folder on a file system the worker sees under the same paths) and
returns the outcome as plain data. Resume works as it does locally: the
records live in the output folder, so a worker skips what is up to date.

Here, one waiting thread per job turns each worker's answer into the batch's
outcome, so the report, the summary and the exit code are the local ones.
Ctrl-C cancels every task not yet finished; an ffmpeg already running on a
worker finishes its file (Dask cannot stop it halfway), and its temporary
name keeps it from being taken for a finished output.

Dask is an optional extra: ``pip install 'moocforge[dask]'``.
"""

from __future__ import annotations

import os
import time
from typing import Any

from ..errors import UserError
from ..run.batch import FAILED, SKIPPED, Job, JobContext, JobFailed, JobSkipped
from ..run.process import Interrupted
from .execute import run_job_line
from .plan import TranscodeJob

SCHEMES = {"dask": "tcp", "tcp": "tcp", "tls": "tls"}
CONNECT_TIMEOUT = "10s"
POLL_SECONDS = 0.2  # how often a waiting thread looks whether the batch is being stopped


class ClusterError(UserError):
    """The cluster cannot be used: Dask is not installed, or the scheduler does not answer."""


def scheduler_address(spec: str) -> str:
    """"dask://HOST:PORT" → "tcp://HOST:PORT" (tcp:// and tls:// are taken as they are)."""
    scheme, _, rest = spec.partition("://")
    if scheme.lower() not in SCHEMES or not rest or ":" not in rest:
        raise ClusterError("transcode.cluster.address", address=spec, hint="transcode.cluster.address_hint")
    return f"{SCHEMES[scheme.lower()]}://{rest}"


def run_on_worker(line: str) -> dict[str, Any]:
    """What a Dask worker runs: one job, its ffmpeg sharing the worker's cores with the worker's other tasks."""
    from distributed import get_worker

    try:
        slots = get_worker().state.nthreads
    except (ValueError, AttributeError):
        slots = 1
    return run_job_line(line, threads=max(1, (os.cpu_count() or 1) // max(1, slots)))


class ClusterSession:
    """A connection to the scheduler for one batch; leaving it cancels what is still queued."""

    def __init__(self, spec: str):
        self.address = scheduler_address(spec)
        self.client = None
        self.futures: list = []

    def __enter__(self) -> "ClusterSession":
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("transcode.cluster.no_dask", hint="transcode.cluster.no_dask_hint") from None
        try:
            self.client = Client(self.address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterError("transcode.cluster.unreachable", address=self.address,
                               error=str(exc) or type(exc).__name__, hint="transcode.cluster.unreachable_hint") \
                from None
        return self

    def __exit__(self, *exc_info) -> None:
        pending = [future for future in self.futures if not future.done()]
        if pending:
            self.client.cancel(pending)
        self.client.close()

    def jobs(self, plan: list[TranscodeJob]) -> list[Job]:
        """Every job submitted at once (the scheduler spreads them), each waited for by a batch job."""
        self.futures = [self.client.submit(run_on_worker, job.to_line(), pure=False) for job in plan]
        return [Job(label=job.label, run=lambda context, future=future: _wait(future, context))
                for job, future in zip(plan, self.futures)]


def _wait(future, context: JobContext) -> Any:
    while not future.done():
        if context.runner.stopping:
            future.cancel()
            raise Interrupted()
        time.sleep(POLL_SECONDS)
    answer = future.result()  # a worker's exception (a moocforge bug there) fails this job only
    if answer["status"] == SKIPPED:
        raise JobSkipped(answer["reason"] or "", answer["result"])
    if answer["status"] == FAILED:
        raise JobFailed(answer["reason"] or "", answer["result"])
    return answer["result"]
