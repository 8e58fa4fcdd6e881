"""File names every platform accepts: ASCII letters, digits and underscores.

Open edX import and export break on names with non-ASCII characters, spaces or
commas, and its video guidance asks for letters, digits and underscores.
Authors name files in Kazakh and Russian, so names are transliterated with
anyascii (a maintained transliteration table that knows the Kazakh letters
ә ғ қ ң ө ұ ү һ і): "Дәріс 1, кіріспе.pdf" → "Daris_1_kirispe.pdf". The
packaging and the transcoding steps share this one rule, so a file gets the
same name from either.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from anyascii import anyascii

_NOT_SAFE = re.compile(r"[^A-Za-z0-9_]+")
_NOT_SUFFIX = re.compile(r"[^a-z0-9]+")


def safe_stem(text: str, fallback: str = "file") -> str:
    """Letters, digits and underscores only: transliterated, other runs turned into one '_'."""
    return _NOT_SAFE.sub("_", anyascii(text)).strip("_") or fallback


def safe_name(name: str, fallback: str = "file") -> str:
    """A file name made safe: ``safe_stem`` of its stem plus its (lower-case, ASCII) suffix."""
    path = PurePosixPath(name)
    suffix = _NOT_SUFFIX.sub("", anyascii(path.suffix).lower())
    stem = path.stem if suffix else path.name
    return safe_stem(stem, fallback) + (f".{suffix}" if suffix else "")
