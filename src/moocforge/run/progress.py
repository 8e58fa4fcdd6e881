"""A rich progress display on stderr that follows a batch's events.

One bar for the batch (files done of all), and while a file with a known
duration is being processed, one bar for it fed by ffmpeg's own ``-progress``
output. The display is a listener: the batch runner knows nothing of it.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from .batch import BatchFinished, BatchRunner, BatchStarted, JobFinished, JobProgress, JobStarted


class ProgressDisplay:
    """Subscribe it to a ``BatchRunner``; it draws while the batch runs."""

    def __init__(self, title: str = "") -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.title = title
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.overall: Any = None
        self._bars: dict[int, Any] = {}

    def __call__(self, event: Any) -> None:
        if isinstance(event, BatchStarted):
            self.overall = self.progress.add_task(event.title or self.title, total=event.total)
        elif isinstance(event, JobStarted) and event.job.seconds:
            self._bars[event.index] = self.progress.add_task(f"  {event.job.label}", total=round(event.job.seconds, 1))
        elif isinstance(event, JobProgress) and event.index in self._bars:
            self.progress.update(self._bars[event.index], completed=min(event.seconds, event.job.seconds or event.seconds))
        elif isinstance(event, JobFinished):
            bar = self._bars.pop(event.index, None)
            if bar is not None:
                self.progress.remove_task(bar)
            if self.overall is not None:
                self.progress.advance(self.overall)
        elif isinstance(event, BatchFinished) and self.overall is not None:
            self.progress.remove_task(self.overall)
            self.overall = None


@contextmanager
def shown(batch: BatchRunner, show: bool, title: str = "") -> Iterator[None]:
    """Draw a progress display for ``batch`` while the block runs, when ``show``."""
    if not show:
        yield
        return
    display = ProgressDisplay(title)
    batch.subscribe(display)
    try:
        with display.progress:
            yield
    finally:
        batch.listeners.remove(display)
