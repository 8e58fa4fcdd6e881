"""A second ``moocforge check`` of a course nothing has changed in prints the first one's report.

Linters do this (ruff's and ESLint's caches, mypy's incremental mode): most
checks of a course repeat the last one, while an author reads the report, in
an editor's save hook, in pre-commit. The report is a pure function of:

1. the command line (format, language, profile, rule selection, …) and where
   it runs (the working folder, the course folder as typed);
2. every file of the course folder — names, sizes, times, inode numbers —
   the course's own cache and ``.git`` aside;
3. the files outside the folder that the check opened: a profile given by
   path and the profiles it extends (recorded while the check runs, with a
   Python audit hook on ``open``, so no reader has to remember to declare
   one). The descriptor cannot name files outside the folder (LK102), and
   links inside it are followed to what they name;
4. moocforge's own files and the installed libraries;
5. the machine: today's date (deadlines, exceptions that expire), language
   and colour settings, the terminal's width, the repository around the
   course, spelling dictionaries, the ffmpeg on PATH.

All of these are fingerprinted before the check runs; the report and exit
code are kept with the fingerprint, one entry per command line in the
course's ``.moocforge-cache/check`` folder. A later run with the same
fingerprint writes the kept report and exits with the kept code, without
loading the course. Anything changed is a miss, and the check runs in full.

Not replayed: ``--online`` (the web changes), ``--changed-since`` and
``--baseline`` (git and another file decide), ``--show-config``,
``--write-baseline`` and ``--report`` (they write elsewhere), and a check
that could not load the course. ``--no-cache`` runs the check in full, and
so does every check while ``MOOCFORGE_REPLAY=off`` is set.

A file changed in the last few seconds is not trusted (``RACY_SECONDS``):
its time may not yet differ from that of an edit still to come (FAT keeps
times to 2 s), so nothing is stored until the course has been still that long.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import __version__
from .cache import CACHE_FOLDER_NAME, ResultCache, default_user_cache_dir

KIND = "check"
RACY_SECONDS = 3
SKIPPED_FOLDERS = (CACHE_FOLDER_NAME, ".git")
# Settings outside the command line that change a report: its language, where CI paths start from,
# where dictionaries and ffmpeg are found, the date. (Colour and width are taken as the report takes them.)
ENVIRONMENT = ("LANG", "LANGUAGE", "GITHUB_WORKSPACE", "DICPATH", "HOME", "TZ")
ENVIRONMENT_PREFIXES = ("MOOCFORGE_", "LC_")
_PACKAGE = Path(__file__).resolve().parent

SWITCH = "MOOCFORGE_REPLAY"

Stamp = list  # [size, mtime_ns, ctime_ns, inode] of a file, or a one-word state


@dataclass(frozen=True)
class Replayed:
    text: str
    exit_code: int


def enabled() -> bool:
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "no", "false")


def stamp(path: str | Path) -> Stamp:
    """What a file's content is known by without reading it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ["missing"]
    except OSError:
        return ["unreadable"]
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def newest_change(stamps: Iterable[Stamp]) -> int:
    """The latest modification or change time among these stamps, in ns since the epoch (0: none)."""
    return max((max(s[1], s[2]) for s in stamps if len(s) == 4), default=0)


def folder_stamps(root: Path, skipped: tuple[str, ...] = SKIPPED_FOLDERS) -> dict[str, Stamp]:
    """Every entry under ``root`` by '/'-separated path; symbolic links to folders are followed, once each."""
    stamps: dict[str, Stamp] = {}
    seen: set[tuple[int, int]] = set()

    def visit(folder: str, prefix: str) -> None:
        try:
            st = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            stamps[prefix or "."] = ["unreadable"]
            return
        if (st.st_dev, st.st_ino) in seen:
            stamps[prefix] = ["loop"]
            return
        seen.add((st.st_dev, st.st_ino))
        for entry in entries:
            name = prefix + entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in skipped:
                    stamps[name + "/"] = ["folder"]
                    visit(entry.path, name + "/")
            else:
                stamps[name] = stamp(entry.path)

    visit(str(root), "")
    return stamps


def _site_folders() -> list[str]:
    """Where installed libraries live: installing or upgrading one changes the folder's time."""
    return sorted({entry for entry in sys.path if entry.endswith(("site-packages", "dist-packages"))
                   and os.path.isdir(entry)})


def machine() -> dict[str, Any]:
    """The part of the fingerprint that is not the course: code, libraries, date and settings."""
    from .documents.spelling import dictionary_identity, find_dictionaries

    ffmpeg = shutil.which("ffmpeg")
    return {
        "moocforge": [__version__, sys.version, sys.prefix],
        "code": folder_stamps(_PACKAGE, skipped=("__pycache__",)),
        "libraries": {folder: stamp(folder) for folder in _site_folders()},
        "today": dt.date.today().isoformat(),
        "environment": {name: value for name, value in sorted(os.environ.items())
                        if name in ENVIRONMENT or name.startswith(ENVIRONMENT_PREFIXES)},
        "terminal": _terminal(),
        "dictionaries": dictionary_identity(find_dictionaries(("kk", "ru", "en"))),
        "ffmpeg": [ffmpeg, stamp(ffmpeg) if ffmpeg else None],
    }


def _terminal() -> list:
    """The colour and width the terminal report would be drawn with, as ``report.terminal.render`` decides them."""
    from .report.output_style import report_width, wants_color

    color = wants_color()
    return [color, report_width(to_file=not color)]


def _digest(data: Any) -> str:
    # ASCII escapes, so that a file name that is not UTF-8 (kept by Python as lone surrogates) is hashed too.
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("ascii")).hexdigest()


# ---------------------------------------------------------------- files opened outside the course

_recording: list[str] | None = None
_hooked = False
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _on_audit(event: str, args: tuple) -> None:
    # Every audited event of the process passes here (an audit hook cannot be removed): return at once.
    if event != "open" or _recording is None:
        return
    path, mode, flags = args
    if isinstance(path, int):
        return
    writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool((flags or 0) & _WRITE_FLAGS)
    if not writes:
        _recording.append(os.fsdecode(path))


@contextmanager
def files_opened() -> Iterator[list[str]]:
    """The paths Python opens for reading, in any thread, while the block runs."""
    global _recording, _hooked
    if not _hooked:
        sys.addaudithook(_on_audit)
        _hooked = True
    outer, _recording = _recording, []
    try:
        yield _recording
    finally:
        _recording = outer


def _outside(paths: list[str], root: Path) -> list[str]:
    """Of the files read, those the course folder's fingerprint does not cover and that are not code or cache."""
    known = [str(root), str(_PACKAGE), sys.prefix, sys.base_prefix, sys.exec_prefix, *_site_folders(),
             str(default_user_cache_dir()), "/proc", "/sys", "/dev"]
    prefixes = tuple(os.path.realpath(p).rstrip(os.sep) + os.sep for p in known)
    found = set()
    for path in paths:
        real = os.path.realpath(path)
        if not (real + os.sep).startswith(prefixes):
            found.add(real)
    return sorted(found)


# ---------------------------------------------------------------- the replay of one command line

@dataclass
class Replay:
    """One command line's kept report for one course folder."""

    root: Path
    request: dict[str, Any]
    read: bool = True
    cache: ResultCache = field(init=False)
    started_ns: int = field(init=False)  # when the fingerprint was taken
    newest_ns: int = field(init=False)  # the latest time a course file was changed
    fingerprint: str = field(init=False)
    key: str = field(init=False)  # of the entry: the command line

    def __post_init__(self) -> None:
        # Files changed after this moment (less the racy margin) may differ from what the check reads.
        self.started_ns = time.time_ns()
        self.cache = ResultCache(self.root / CACHE_FOLDER_NAME, read=self.read)
        course = folder_stamps(self.root)
        self.newest_ns = newest_change(course.values())
        self.fingerprint = _digest({"course": course, "machine": machine()})
        self.key = _digest({"kind": KIND, "request": self.request})

    def lookup(self) -> Replayed | None:
        """The kept report, when the course, the machine and every outside file are as they were."""
        entry = self.cache.get(KIND, self.key)
        if not isinstance(entry, dict) or entry.get("fingerprint") != self.fingerprint:
            return None
        try:
            if any(stamp(path) != kept for path, kept in entry["outside"].items()):
                return None
            return Replayed(str(entry["text"]), int(entry["exit_code"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def store(self, text: str, exit_code: int, opened: list[str]) -> None:
        """Keep the report for next time, unless some input is too fresh to be trusted."""
        outside = {path: stamp(path) for path in _outside(opened, self.root)}
        newest = max(self.newest_ns, newest_change(outside.values()))
        if newest > self.started_ns - RACY_SECONDS * 1_000_000_000:
            return
        self.cache.put(KIND, self.key, {"fingerprint": self.fingerprint, "outside": outside, "text": text,
                                        "exit_code": exit_code})
