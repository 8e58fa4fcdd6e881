"""Plain text from a question text, for targets that show no formatting (Aiken, CAPA labels)."""

from __future__ import annotations

import html
import re

from ..model import Text

_TAG = re.compile(r"<[^>]*>")


def to_plain(text: Text, *, one_line: bool = False) -> tuple[str, bool]:
    """(plain text, whether formatting had to be removed). HTML loses its tags and entities."""
    value = text.text
    removed = False
    if text.format == "html":
        stripped = html.unescape(_TAG.sub(" ", value))
        removed = stripped != value
        value = " ".join(stripped.split()) if removed else value
    if one_line and "\n" in value:
        value = " ".join(value.split())
    return value, removed
