"""Writing generated files: only when the bytes change, always through a temporary name.

Rewriting an unchanged file would churn the repository on every run, so the
generator compares first; a file is replaced atomically so an interrupted run
never leaves half a PDF behind.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

# Zip members carry a timestamp; a fixed one makes .pptx files reproducible.
ZIP_EPOCH = (2026, 1, 15, 0, 0, 0)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps and order-preserving, deflated members."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
