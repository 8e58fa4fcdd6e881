"""Stable identities of findings: the same problem keeps its fingerprint when lines move.

A fingerprint is a hash of what identifies a problem, not of where it is
counted from: the rule, the file, the message (its catalogue key), the text of
the line the finding points at (not the line number), its page or slide, its
module and lesson, the requirement it was measured against (``expected``,
which tells the fields of one media file apart) and the message parameters
that are words (a field name, an author): parameters with digits in them
(counts, line numbers, measured figures such as "-23.4" or "14:59") and
measured values are left out. So a line inserted above, or a loudness measured
a tenth of a decibel differently by another ffmpeg build, is the same
problem, while a missing degree and a missing workplace of one author are two.

The baseline (``baseline``), SARIF's ``partialFingerprints`` and the Code
Quality report's ``fingerprint`` all use it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..findings import Finding
from ..report.jsonable import to_jsonable
from ..textio import read_text

VERSION = "moocforge/v1"  # the key SARIF's partialFingerprints carries it under


class LineTexts:
    """The text of a line of a file of the subject, each file read once (text files only)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._files: dict[str, list[str] | None] = {}

    def line(self, file: str | None, number: int | None) -> str | None:
        if not file or not number:
            return None
        if file not in self._files:
            self._files[file] = self._read(file)
        lines = self._files[file]
        if lines is None or number > len(lines):
            return None
        return " ".join(lines[number - 1].split())  # indentation and spacing are not the problem

    def _read(self, file: str) -> list[str] | None:
        path = self.root / file
        try:
            return read_text(path).text.split("\n") if path.is_file() else None
        except (OSError, UnicodeError):
            return None


def _identifying(value) -> bool:
    """A parameter that names something (a word, a catalogue label) rather than measures it."""
    if isinstance(value, dict):
        return set(value) == {"i18n"}
    return isinstance(value, str) and not any(char.isdigit() for char in value)


def fingerprint(finding: Finding, line_text: str | None) -> str:
    """The finding's fingerprint: 32 hex digits."""
    place = finding.location
    identity = {
        "rule": finding.rule_id,
        "file": finding.file,
        "message": finding.message_key,
        "line_text": line_text,
        "page": place.page,
        "slide": place.slide,
        "module": finding.module,
        "lesson": finding.lesson,
        "expected": to_jsonable(finding.expected),
        "unit": finding.measured.unit if finding.measured is not None else None,
        "params": {key: value for key, value in finding.params.items() if _identifying(value)},
    }
    text = json.dumps(identity, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def numbered(fingerprints: list[str]) -> list[str]:
    """Each fingerprint with its occurrence (``…:1``, ``…:2``), for formats that need unique ones."""
    seen: dict[str, int] = {}
    out = []
    for item in fingerprints:
        seen[item] = seen.get(item, 0) + 1
        out.append(f"{item}:{seen[item]}")
    return out
