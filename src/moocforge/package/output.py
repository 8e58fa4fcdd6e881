"""Where a package is written: a file or a folder, complete or not at all.

An archive may be gigabytes, so it is streamed, never held in memory:
``fileio.write_output`` (which takes the whole report's bytes) is not the
tool here, but the promises are the same. ``-`` is standard output; a FIFO or
a device is written through; a symbolic link is followed to the file it
names; a regular file is written under a temporary name beside it and renamed
only when complete, so an interrupted run (Ctrl-C, a full disk) leaves the
previous file, never half an archive, and no temporary behind.

A package folder (Coursera's kit) is built beside its final place and swapped
in at the end. An existing folder is replaced only when moocforge wrote it
(it holds ``MARKER``); a folder of the user's is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import UserError
# fileio's own rules for modes and special files, so a streamed package is written as a report is.
from ..fileio import OutputError, atomic_file, current_umask, is_special

# A package folder moocforge wrote says so, so that writing it again may replace it.
MARKER = ".moocforge-package"


class PackageFolderTaken(UserError):
    """The output folder exists and holds files moocforge did not write."""


@contextlib.contextmanager
def open_output(spec: str | Path) -> Iterator[BinaryIO]:
    """A binary stream for the archive; on success it ends up at ``spec``, on failure nothing does."""
    text = str(spec)
    if text in ("-", "/dev/stdout"):
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(text)
    if path.is_dir():
        raise OutputError("core.output.is_folder", text)
    if is_special(path):
        with open(path, "wb") as handle:
            yield handle
        return
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise OutputError("core.output.no_folder", text, os.strerror(errno.ENOENT))
    with contextlib.ExitStack() as stack:
        try:  # only opening is the output's failure; an error while writing is the caller's
            handle = stack.enter_context(atomic_file(target))
        except OSError as exc:
            raise OutputError("core.output.cannot_write", text, exc.strerror or str(exc)) from None
        yield handle


def output_size(spec: str | Path) -> int | None:
    """Bytes written to a regular file output (None for a stream)."""
    path = Path(str(spec))
    return path.stat().st_size if str(spec) not in ("-", "/dev/stdout") and path.is_file() else None


@contextlib.contextmanager
def package_folder(spec: Path) -> Iterator[Path]:
    """A fresh folder to fill; it replaces ``spec`` when the block succeeds."""
    target = Path(os.path.realpath(spec))
    if target.exists() and not target.is_dir():
        raise OutputError("core.output.cannot_write", str(spec), "not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise PackageFolderTaken("package.output.folder_taken", file=str(spec), hint="package.output.folder_taken_hint")
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".tmp-{target.name}."))
    os.chmod(building, 0o777 & ~current_umask())  # mkdtemp makes it private; the kit is an ordinary folder
    try:
        (building / MARKER).write_text("written by moocforge package; replaced when it runs again\n",
                                       encoding="utf-8")
        yield building
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".old-{target.name}."))
            os.replace(target, old / "previous")
        os.replace(building, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def zip_folder(folder: Path) -> Path:
    """Write ``<folder>.zip`` beside a package folder (deterministic, the folder's name as its root)."""
    from .archive import PackageTree, write_zip

    tree = PackageTree()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MARKER:
            tree.add_file(path.relative_to(folder).as_posix(), path)
    target = folder.with_name(folder.name + ".zip")
    with open_output(target) as stream:
        write_zip(tree, stream, root=folder.name)
    return target
