"""Running ffmpeg for inspection: argument lists, progress, and a clean Ctrl-C.

Every ffmpeg the inspectors start goes through ``run_ffmpeg``. Children are
started in their own session, so a Ctrl-C in the terminal reaches moocforge
alone; ``stop_all`` then terminates every running child and makes any further
start refuse, so a batch winds down at once instead of starting the next file.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ..tools import ffmpeg_path

_live: set[subprocess.Popen] = set()
_live_lock = threading.Lock()
_stopping = threading.Event()


class Interrupted(Exception):
    """The batch was stopped (Ctrl-C) while this tool ran or before it started."""


@dataclass
class ToolRun:
    returncode: int
    lines: list[str] = field(default_factory=list)  # stderr lines the caller asked to keep


def ffmpeg_input(path: str | Path) -> str:
    """An input argument ffmpeg cannot mistake for an option or a protocol.

    ``file:`` plus an absolute path: a name like ``-y.mp4`` or ``http:x.mp4``
    is then only ever a file name.
    """
    return "file:" + str(Path(path).resolve())


@lru_cache(maxsize=1)
def ffmpeg_version() -> str:
    """The first line of ``ffmpeg -version``: part of every analysis cache key."""
    try:
        done = subprocess.run([ffmpeg_path(), "-hide_banner", "-version"], capture_output=True, text=True,
                              errors="replace", timeout=30)
        return done.stdout.splitlines()[0] if done.stdout else "ffmpeg (unknown version)"
    except (OSError, subprocess.SubprocessError):
        return "ffmpeg (unknown version)"


def _session_kwargs() -> dict:
    # Own session / process group: the terminal's Ctrl-C goes to moocforge, which
    # stops the children itself, instead of each ffmpeg half-finishing on its own.
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _read_lines(stream, keep: Callable[[str], bool], out: list[str]) -> None:
    for raw in stream:
        line = raw.rstrip("\r\n")
        if keep(line):
            out.append(line)


def run_ffmpeg(args: list[str], *, keep_line: Callable[[str], bool] = lambda line: True,
               on_progress: Callable[[float], None] | None = None) -> ToolRun:
    """Run ffmpeg with ``args`` (a list, never a shell string).

    With ``on_progress``, ffmpeg's own ``-progress`` output is read and the
    callback gets the seconds of media processed so far.
    """
    if _stopping.is_set():
        raise Interrupted()
    command = [ffmpeg_path(), "-hide_banner", "-nostdin", "-nostats"]
    if on_progress is not None:
        command += ["-progress", "pipe:1"]
    command += args
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", errors="replace", **_session_kwargs())
    with _live_lock:
        _live.add(process)
    kept: list[str] = []
    reader = threading.Thread(target=_read_lines, args=(process.stderr, keep_line, kept), daemon=True)
    reader.start()
    try:
        for line in process.stdout:
            if on_progress is not None and line.startswith("out_time_us="):
                value = line.split("=", 1)[1].strip()
                if value.lstrip("-").isdigit():
                    on_progress(max(0, int(value)) / 1_000_000)
        process.wait()
        reader.join()
    finally:
        with _live_lock:
            _live.discard(process)
        if process.poll() is None:  # an exception above: never leave a child behind
            process.kill()
            process.wait()
    if _stopping.is_set():
        # Whatever ffmpeg printed after being stopped is partial: not a result.
        raise Interrupted()
    return ToolRun(process.returncode, kept)


def stop_all(timeout: float = 3.0) -> None:
    """Stop every running child and refuse new ones (called on Ctrl-C)."""
    _stopping.set()
    with _live_lock:
        running = list(_live)
    for process in running:
        if process.poll() is None:
            process.terminate()
    for process in running:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()


def reset() -> None:
    """Allow new runs again (a new batch after an interrupted one, e.g. in tests)."""
    _stopping.clear()


def live_count() -> int:
    with _live_lock:
        return sum(1 for process in _live if process.poll() is None)


def pid_list() -> list[int]:
    """Process ids of running children (tests check none is left)."""
    with _live_lock:
        return [process.pid for process in _live]

