"""Run a batch of per-file media jobs in parallel, with progress and a clean Ctrl-C.

Threads, not processes: MediaInfo is a C library called through ctypes, which
releases the interpreter lock while it parses, and ffmpeg runs in its own
process anyway; threads keep the probe counter and the cache in one place.

One failing file does not stop the batch (each job turns a bad file into a
fact). Ctrl-C stops every ffmpeg child, cancels the jobs not yet started,
waits for the workers and then lets the KeyboardInterrupt through to the
command line, which prints one line and exits 130.
"""

from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from . import media_proc

ProgressCallback = Callable[[float], None]


@dataclass
class MediaJob:
    """One file's work: ``run(on_progress)`` returns its result."""

    label: str
    run: Callable[[ProgressCallback | None], Any]
    seconds: float | None = None  # media duration: a per-file bar when known and progress is shown


def default_workers(jobs: int | None, heavy: bool = False) -> int:
    """``--jobs`` if given; else every core for probing, half of them for decoding
    (each ffmpeg decode already uses several threads)."""
    if jobs:
        return max(1, jobs)
    cores = os.cpu_count() or 2
    return max(1, cores // 2) if heavy else cores


class _Display:
    """A rich progress display on stderr: files done, and one bar per file being decoded."""

    def __init__(self, title: str, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.overall = self.progress.add_task(title, total=total)

    def file_started(self, job: MediaJob) -> ProgressCallback | None:
        if not job.seconds:
            return None
        task = self.progress.add_task(f"  {job.label}", total=round(job.seconds, 1))

        def update(seconds: float) -> None:
            self.progress.update(task, completed=min(seconds, job.seconds or seconds))

        update.task_id = task  # type: ignore[attr-defined]
        return update

    def file_finished(self, callback: ProgressCallback | None) -> None:
        if callback is not None:
            self.progress.remove_task(callback.task_id)  # type: ignore[attr-defined]

    def advance(self) -> None:
        self.progress.advance(self.overall)


@contextmanager
def _maybe_display(show: bool, title: str, total: int) -> Iterator[_Display | None]:
    if not show or total == 0:
        yield None
        return
    display = _Display(title, total)
    with display.progress:
        yield display


def run_jobs(jobs: list[MediaJob], *, workers: int, progress: bool = False, title: str = "media") -> list[Any]:
    """Run every job; results in the order of ``jobs``."""
    results: list[Any] = [None] * len(jobs)
    if not jobs:
        return results
    with _maybe_display(progress, title, len(jobs)) as display:

        def call(job: MediaJob) -> Any:
            callback = display.file_started(job) if display else None
            try:
                return job.run(callback)
            finally:
                if display:
                    display.file_finished(callback)

        executor = ThreadPoolExecutor(max_workers=min(workers, len(jobs)), thread_name_prefix="moocforge-media")
        try:
            futures: dict[Future, int] = {executor.submit(call, job): i for i, job in enumerate(jobs)}
            pending = set(futures)
            while pending:
                # A short timeout keeps the main thread responsive to Ctrl-C.
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    results[futures[future]] = future.result()
                    if display:
                        display.advance()
        except BaseException:
            # Ctrl-C (or a bug in a job): stop the children first, so that the
            # workers waiting on them return at once, then wait for the workers.
            media_proc.stop_all()
            executor.shutdown(wait=True, cancel_futures=True)
            media_proc.reset()
            raise
        executor.shutdown(wait=True)
    return results
