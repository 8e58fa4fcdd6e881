"""Small file helpers every area shares: atomic writes, writing where the user points, paths vs names.

Two ways to write, for two kinds of target:

- ``write_atomically`` for files moocforge owns or replaces whole (cache
  entries, corrected banks, converted banks): a temporary beside the target,
  renamed into place, so a reader never sees half a file. The new file keeps
  the permissions of the one it replaces, or follows the umask when new.
- ``write_output`` for the path a user names with ``-o``: ``-`` is standard
  output; a device, a FIFO or anything under ``/dev`` is written through (it
  cannot be replaced by a regular file); a symbolic link is followed to the
  file it names, and the link stays; a folder is refused with a clear error.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import UserError


class OutputError(UserError):
    """The output path cannot be written as asked (a folder, a place that cannot be written)."""

    def __init__(self, key: str, path: str, error: str = ""):
        super().__init__(key, file=path, error=error, hint="core.output.hint")


def current_umask() -> int:
    # os.umask can only be read by setting it; set it back at once.
    current = os.umask(0o022)
    os.umask(current)
    return current


def mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` when the block ends well, and nothing otherwise.

    Written under a temporary name beside ``path`` and renamed: a reader never
    sees half a file, and an interrupted write (even Ctrl-C) leaves no
    temporary behind. The temporary name is unique per call, so threads
    writing at once do not collide. A symbolic link at ``path`` is followed:
    the file it names is replaced and the link stays. The new file keeps the
    permissions of the one it replaces, or follows the umask.
    """
    path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = mode_for(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see ``atomic_file``)."""
    with atomic_file(path) as handle:
        handle.write(data)


def is_special(path: Path) -> bool:
    """A device, FIFO or socket (or a name under /dev): a target to write through, never to replace."""
    if str(path).startswith("/dev/"):
        return True
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _standard_output() -> BinaryIO:
    return sys.stdout.buffer


def write_output(spec: str | Path, data: bytes) -> None:
    """Write a report where the user's ``-o`` points (see the module docstring)."""
    text = str(spec)
    if text in ("-", "/dev/stdout"):
        out = _standard_output()
        out.write(data)
        out.flush()
        return
    path = Path(text)
    if path.is_dir():
        raise OutputError("core.output.is_folder", text)
    try:
        if is_special(path):
            # Opened by the name given: /dev/stderr or a FIFO must not be resolved to its target.
            with open(path, "wb") as handle:
                handle.write(data)
            return
        target = Path(os.path.realpath(path))
        if target.is_dir():
            raise OutputError("core.output.is_folder", text)
        if is_special(target):
            with open(target, "wb") as handle:
                handle.write(data)
            return
        write_atomically(target, data)
    except FileNotFoundError as exc:
        raise OutputError("core.output.no_folder", text, exc.strerror or "") from None
    except OSError as exc:
        raise OutputError("core.output.cannot_write", text, exc.strerror or str(exc)) from None


def names_a_file(spec: str) -> bool:
    """Is a --profile/--policy value a path to a YAML file (else a built-in name)?"""
    return spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec
