"""Running external programs: argument lists, line-by-line output, and a clean stop.

A ``ProcessRunner`` starts every child of one batch (ffmpeg above all) and
owns that batch's stop state: children run in their own session, so a Ctrl-C
or SIGTERM in the terminal reaches moocforge alone; ``stop_all`` then
terminates every running child and makes any further start refuse, so a batch
winds down at once instead of starting the next file. Two batches in one
process (a test suite, a future server) each have their own runner and never
stop each other.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass, field
from typing import Callable

LineFilter = Callable[[str], bool]
LineHandler = Callable[[str], None]


class Interrupted(Exception):
    """The batch was stopped while this program ran or before it started."""


@dataclass
class ProcessResult:
    returncode: int
    lines: list[str] = field(default_factory=list)  # stderr lines the caller asked to keep


def _session_kwargs() -> dict:
    # Own session / process group: the terminal's Ctrl-C goes to moocforge, which
    # stops the children itself, instead of each child half-finishing on its own.
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _read_lines(stream, keep: LineFilter, out: list[str]) -> None:
    for raw in stream:
        line = raw.rstrip("\r\n")
        if keep(line):
            out.append(line)


class ProcessRunner:
    """Starts children, remembers the live ones, and stops them all on request."""

    def __init__(self) -> None:
        self._live: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def run(self, command: list[str], *, keep_line: LineFilter = lambda line: True,
            on_stdout_line: LineHandler | None = None) -> ProcessResult:
        """Run ``command`` (a list, never a shell string) to its end.

        stderr lines for which ``keep_line`` is true are returned; stdout lines
        go to ``on_stdout_line`` as they arrive (progress reports).
        """
        # Checked and started under the lock that stop_all takes: a child is either
        # started before stop_all looks (and is stopped) or refused, never missed.
        with self._lock:
            if self._stopping.is_set():
                raise Interrupted()
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                                       **_session_kwargs())
            self._live.add(process)
        kept: list[str] = []
        reader = threading.Thread(target=_read_lines, args=(process.stderr, keep_line, kept), daemon=True)
        reader.start()
        try:
            for line in process.stdout:
                if on_stdout_line is not None:
                    on_stdout_line(line)
            process.wait()
            reader.join()
        finally:
            with self._lock:
                self._live.discard(process)
            if process.poll() is None:  # an exception above: never leave a child behind
                process.kill()
                process.wait()
        if self._stopping.is_set():
            # Whatever the child printed after being stopped is partial: not a result.
            raise Interrupted()
        return ProcessResult(process.returncode, kept)

    def stop_all(self, timeout: float = 3.0) -> None:
        """Stop every running child and refuse new ones."""
        self._stopping.set()
        with self._lock:
            running = list(self._live)
        for process in running:
            if process.poll() is None:
                process.terminate()
        for process in running:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()

    def reset(self) -> None:
        """Allow new runs again (a new batch after an interrupted one)."""
        self._stopping.clear()

    def live_count(self) -> int:
        with self._lock:
            return sum(1 for process in self._live if process.poll() is None)

    def pid_list(self) -> list[int]:
        """Process ids of running children (tests check none is left)."""
        with self._lock:
            return [process.pid for process in self._live]
