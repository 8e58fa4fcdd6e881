"""Writing captions as SubRip or WebVTT, always UTF-8 (what every platform reads)."""

from __future__ import annotations

import io
from pathlib import Path

from ..fileio import write_atomically
from .read import CaptionFile

FORMAT_NAMES = ("srt", "vtt")


def render(captions: CaptionFile, fmt: str) -> bytes:
    """The captions as ``fmt`` (srt or vtt) text; bold, italic and underline are kept in SubRip."""
    buffer = io.StringIO()
    captions.document.write(buffer, format=fmt, keep_formatting=True)
    text = buffer.getvalue()
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def write_captions(captions: CaptionFile, fmt: str, target: Path) -> None:
    """Write ``captions`` as ``fmt`` to ``target``, atomically (a reader never sees half a file)."""
    write_atomically(target, render(captions, fmt))
