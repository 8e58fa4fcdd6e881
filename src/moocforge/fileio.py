"""Small file helpers every area shares: atomic writes, and telling a path from a name."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` under a temporary name beside it, then rename.

    A reader never sees a half-written file, and an interrupted write (even
    Ctrl-C) leaves no temporary behind. The temporary name is unique per call,
    so threads writing at once do not collide.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def names_a_file(spec: str) -> bool:
    """Is a --profile/--policy value a path to a YAML file (else a built-in name)?"""
    return spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec
