"""What a name on disk really is, told without opening it.

Authors' folders hold more than files and folders: a named pipe left by a
tool, a link whose target moved, a device. Reading a FIFO blocks forever, so
nothing may open a path before knowing its kind, and a message must say what
the thing is ("a named pipe", "a link to a missing file") rather than guess
("a folder", "missing").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FILE, FOLDER, FIFO, SOCKET, DEVICE, BROKEN_LINK, MISSING = (
    "file", "folder", "fifo", "socket", "device", "broken_link", "missing")


def file_kind(path: Path) -> str:
    """One of the kinds above; links are followed (a link to a file is a file)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return BROKEN_LINK if path.is_symlink() else MISSING
    except OSError:  # a loop of links, a name too long: nothing can be read there
        return BROKEN_LINK if path.is_symlink() else MISSING
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return FIFO
    if stat.S_ISSOCK(mode):
        return SOCKET
    return DEVICE


def link_target(path: Path) -> str | None:
    """Where a symbolic link points, as written in the link; None for anything else."""
    try:
        return os.readlink(path) if path.is_symlink() else None
    except OSError:
        return None


def label(kind: str) -> dict:
    """The kind as a message parameter: its catalogue key ("a named pipe (FIFO)" …), rendered in the reader's language."""
    return {"i18n": f"course.kind.{kind}"}
