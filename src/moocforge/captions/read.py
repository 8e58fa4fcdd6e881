"""Reading SubRip (.srt) and WebVTT (.vtt) files into cues.

The text is decoded with ``textio`` (UTF-8 with or without BOM, UTF-16,
cp1251 …) and parsed with webvtt-py, a maintained WebVTT reader and writer
that also reads SubRip. It was chosen over pysubs2, whose WebVTT reading
(1.8) takes NOTE and STYLE blocks for cue text.

The library skips a cue whose timing line it cannot read, without a word;
so the timing lines are also counted here, each with its line number: a
cue that would be lost, or a line that only looks like a timing, is named
by ``validate`` instead of silently dropped from the output.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ..errors import UserError
from ..textio import DecodedText, decode_bytes

FORMATS = {".srt": "srt", ".vtt": "vtt"}
# A timing line, as SubRip (hours, comma) and WebVTT (optional hours, point) write it.
_TIMESTAMP = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}"
TIMING_LINE = re.compile(rf"^\s*{_TIMESTAMP}\s*-->\s*{_TIMESTAMP}(?:\s|$)")
# What an author meant as a timing line: two times with something between ("00:00:03,000 -> 00:00:04,000").
LOOKS_LIKE_TIMING = re.compile(r"^\s*[\d:.,]*\d:\d{2}[.,:]\d+\s*\S{1,4}\s*[\d:.,]*\d:\d{2}[.,:]\d+")


class CaptionError(UserError):
    """A caption file that cannot be read at all: a catalogue key (``captions.error.*``) and where."""


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str
    line: int | None  # the line of its timing, 1-based


@dataclass
class CaptionFile:
    path: str
    format: str  # srt | vtt
    decoded: DecodedText
    document: webvtt.WebVTT
    cues: list[Cue] = field(default_factory=list)
    malformed_lines: list[int] = field(default_factory=list)  # lines with "-->" that are no timing
    timing_lines: list[int] = field(default_factory=list)
    declared_format: str | None = None  # what the file name says, when the content says otherwise


def format_of(path: str | Path) -> str | None:
    return FORMATS.get(Path(path).suffix.lower())


def _scan(text: str) -> tuple[list[int], list[int]]:
    """(lines of well-formed timings, lines meant as timings that are not one)."""
    timings, malformed = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if TIMING_LINE.match(line):
            timings.append(number)
        elif "-->" in line or LOOKS_LIKE_TIMING.match(line):
            malformed.append(number)
    return timings, malformed


def parse_captions(data: bytes, name: str, fmt: str | None = None) -> CaptionFile:
    """Decode and parse caption bytes; ``fmt`` (srt, vtt) defaults to what the name says."""
    decoded = decode_bytes(data)
    text = decoded.text
    declared = fmt or format_of(name)
    # The content decides: a WebVTT file saved as .srt is still WebVTT.
    actual = "vtt" if text.lstrip().startswith("WEBVTT") else "srt"
    if declared not in FORMATS.values():
        raise CaptionError("captions.error.format", file=name, hint="captions.hint.format")
    timings, malformed = _scan(text)
    try:
        document = webvtt.WebVTT.from_buffer(io.StringIO(text), format=actual)
    except (MalformedFileError, MalformedCaptionError) as exc:
        line = malformed[0] if malformed else None
        raise CaptionError("captions.error.unreadable", file=name, line=line, format=actual.upper(),
                           detail=str(exc) or type(exc).__name__, hint=f"captions.hint.{actual}") from None
    captions = list(document.captions)
    # Cues and timing lines pair up in order when none was skipped (validate says when one was).
    lines = timings if len(timings) == len(captions) else [None] * len(captions)
    cues = [Cue(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, c.text, line)
            for c, line in zip(captions, lines)]
    return CaptionFile(path=name, format=actual, decoded=decoded, document=document, cues=cues,
                       malformed_lines=malformed, timing_lines=timings,
                       declared_format=declared if declared != actual else None)


def read_captions(path: str | Path, label: str | None = None) -> CaptionFile:
    """Read a caption file; ``label`` is how messages name it (default: the path)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CaptionError("captions.error.cannot_read", file=label or str(path),
                           error=exc.strerror or str(exc)) from None
    return parse_captions(data, label or str(path), format_of(path))
