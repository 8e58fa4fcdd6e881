"""ffmpeg as the media domain calls it: safe input names, progress, and its version.

Every ffmpeg the media code starts goes through ``run_ffmpeg`` with a
``ProcessRunner`` (the caller's batch owns it, so stopping the batch stops
this ffmpeg too).
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ..run.process import ProcessResult, ProcessRunner
from ..tools import ffmpeg_path


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


@lru_cache(maxsize=None)
def filter_help(name: str) -> str:
    """``ffmpeg -h filter=NAME``: the options this ffmpeg's build of a filter takes ("" when it cannot say).

    Studios run the ffmpeg on their PATH, often older than the bundled one:
    a filter option it lacks would stop the whole analysis, so ask first.
    """
    try:
        done = subprocess.run([ffmpeg_path(), "-hide_banner", "-h", f"filter={name}"], capture_output=True, text=True,
                              errors="replace", timeout=30)
        return done.stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def run_ffmpeg(args: list[str], *, runner: ProcessRunner | None = None,
               keep_line: Callable[[str], bool] = lambda line: True,
               on_progress: Callable[[float], None] | None = None) -> ProcessResult:
    """Run ffmpeg with ``args`` (a list, never a shell string).

    With ``on_progress``, ffmpeg's own ``-progress`` output is read and the
    callback gets the seconds of media processed so far. Without a runner, a
    private one is used (a single call that nothing else needs to stop).
    """
    command = [ffmpeg_path(), "-hide_banner", "-nostdin", "-nostats"]
    if on_progress is not None:
        command += ["-progress", "pipe:1"]
    command += args

    def progress_line(line: str) -> None:
        if on_progress is not None and line.startswith("out_time_us="):
            value = line.split("=", 1)[1].strip()
            if value.lstrip("-").isdigit():
                on_progress(max(0, int(value)) / 1_000_000)

    return (runner or ProcessRunner()).run(command, keep_line=keep_line, on_stdout_line=progress_line)
