"""Run a batch of per-file jobs in parallel: one outcome per job, events for progress, a clean stop.

The pattern is ffmpeg-normalize's: a plan of jobs, a status per job (one
failure does not stop the batch), progress published as events that a display
subscribes to, and a dry run that returns the plan without running it.

Threads, not processes: MediaInfo is a C library called through ctypes, which
releases the interpreter lock while it parses, and ffmpeg runs in its own
process anyway; threads keep counters and the cache in one place.

Ctrl-C (or SIGTERM, which the command line turns into the same exception)
stops every child through the batch's ``ProcessRunner``, cancels the jobs not
yet started, waits for the workers and then lets the exception through to the
command line, which prints one line and exits with the documented code.
"""

from __future__ import annotations

import os
import queue
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable

from .process import Interrupted, ProcessRunner

DONE, SKIPPED, FAILED, PLANNED = "done", "skipped", "failed", "planned"


class JobSkipped(Exception):
    """Raised by a job that finds nothing to do (an output that already exists and verifies).

    ``result`` (optional) becomes the outcome's result: what the job found up to date.
    """

    def __init__(self, reason: str = "", result: Any = None):
        super().__init__(reason)
        self.result = result


class JobFailed(Exception):
    """Raised by a job that failed but did part of its work: ``result`` says what it made and why the rest failed."""

    def __init__(self, reason: str, result: Any = None):
        super().__init__(reason)
        self.result = result


@dataclass
class JobContext:
    """What a running job may use: the batch's process runner and a progress callback."""

    runner: ProcessRunner
    progress: Callable[[float], None]


@dataclass
class Job:
    """One file's work: ``run(context)`` returns its result.

    ``seconds`` (media duration) lets a display draw a per-file bar; ``plan``
    says in words what the job would do (shown by a dry run).
    """

    label: str
    run: Callable[[JobContext], Any]
    seconds: float | None = None
    plan: str | None = None


@dataclass
class Outcome:
    job: Job
    status: str  # done | skipped | failed | planned
    result: Any = None
    reason: str | None = None
    elapsed: float = 0.0  # seconds of wall time

    @property
    def ok(self) -> bool:
        return self.status in (DONE, SKIPPED, PLANNED)


# ---------------------------------------------------------------- events

@dataclass(frozen=True)
class BatchStarted:
    title: str
    total: int


@dataclass(frozen=True)
class JobStarted:
    index: int
    job: Job


@dataclass(frozen=True)
class JobProgress:
    index: int
    job: Job
    seconds: float  # media seconds processed so far


@dataclass(frozen=True)
class JobFinished:
    index: int
    outcome: Outcome


@dataclass(frozen=True)
class BatchFinished:
    outcomes: tuple[Outcome, ...]


Listener = Callable[[Any], None]


def default_workers(jobs: int | None, heavy: bool = False) -> int:
    """``--jobs`` if given; else every core for light work, half of them for decoding
    (each ffmpeg decode already uses several threads)."""
    if jobs:
        return max(1, jobs)
    cores = os.cpu_count() or 2
    return max(1, cores // 2) if heavy else cores


@dataclass
class BatchRunner:
    """Runs jobs on a thread pool and reports each job's outcome."""

    workers: int = 1
    runner: ProcessRunner = field(default_factory=ProcessRunner)
    dry_run: bool = False
    listeners: list[Listener] = field(default_factory=list)

    def subscribe(self, listener: Listener) -> None:
        self.listeners.append(listener)

    def _publish(self, event: Any) -> None:
        for listener in self.listeners:
            listener(event)

    def _call(self, index: int, job: Job) -> Outcome:
        self._publish(JobStarted(index, job))
        context = JobContext(self.runner, lambda seconds: self._publish(JobProgress(index, job, seconds)))
        began = time.monotonic()
        try:
            outcome = Outcome(job, DONE, job.run(context))
        except JobSkipped as exc:
            outcome = Outcome(job, SKIPPED, result=exc.result, reason=str(exc) or None)
        except Interrupted:
            raise
        except Exception as exc:  # noqa: BLE001 - one failed file must not stop the batch
            outcome = Outcome(job, FAILED, result=exc.result if isinstance(exc, JobFailed) else None,
                              reason=str(exc) or type(exc).__name__)
        outcome.elapsed = time.monotonic() - began
        self._publish(JobFinished(index, outcome))
        return outcome

    def _deliver(self, index: int, job: Job, finished: "queue.SimpleQueue") -> None:
        try:
            finished.put((index, self._call(index, job), None))
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
            finished.put((index, None, exc))

    @staticmethod
    def _next(finished: "queue.SimpleQueue") -> tuple[int, Outcome | None, BaseException | None]:
        while True:
            try:
                # A short timeout keeps the main thread responsive to Ctrl-C on every platform.
                return finished.get(timeout=0.2)
            except queue.Empty:
                continue

    def run(self, jobs: list[Job], title: str = "") -> list[Outcome]:
        """Every job's outcome, in the order of ``jobs``."""
        self._publish(BatchStarted(title, len(jobs)))
        if self.dry_run:
            outcomes = [Outcome(job, PLANNED) for job in jobs]
            self._publish(BatchFinished(tuple(outcomes)))
            return outcomes
        results: list[Outcome | None] = [None] * len(jobs)
        if jobs:
            executor = ThreadPoolExecutor(max_workers=min(self.workers, len(jobs)), thread_name_prefix="moocforge")
            # Workers hand each outcome (or the exception that stops the batch) to the main
            # thread through a SimpleQueue, whose waiting is C code holding no Python lock.
            # Waiting with concurrent.futures.wait instead, a Ctrl-C can land while the main
            # thread holds some futures' conditions half-acquired; the workers then block
            # for ever setting their results, and the batch never winds down.
            finished: queue.SimpleQueue = queue.SimpleQueue()
            try:
                for index, job in enumerate(jobs):
                    executor.submit(self._deliver, index, job, finished)
                for _ in jobs:
                    index, outcome, error = self._next(finished)
                    if error is not None:
                        raise error
                    results[index] = outcome
            except BaseException:
                # Ctrl-C, SIGTERM (or a bug): stop the children first, so that the
                # workers waiting on them return at once, then wait for the workers.
                self.runner.stop_all()
                executor.shutdown(wait=True, cancel_futures=True)
                raise
            executor.shutdown(wait=True)
        outcomes = [outcome for outcome in results if outcome is not None]
        self._publish(BatchFinished(tuple(outcomes)))
        return outcomes
