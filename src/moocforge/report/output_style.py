"""How a text report is drawn where it goes: in colour or not, and how wide.

Kept apart from the terminal reporter so that what only needs these answers
(the stderr console, a replayed check's fingerprint) does not load rich's
tables and the reporter with them.
"""

from __future__ import annotations

import os
import shutil
import sys

DEFAULT_WIDTH = 100
# Text for a pipe or a file is not wrapped: a CI log, a pager or an editor wraps
# it at its own width, and grep finds a whole message on one line.
UNWRAPPED_WIDTH = 10_000


def report_width(to_file: bool, stream=None) -> int:
    """The terminal's width (COLUMNS, else what the terminal says); no wrapping for a file or a pipe."""
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    if not to_file and isatty and isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return UNWRAPPED_WIDTH


def wants_color(stream=None) -> bool:
    """Colour when writing to a terminal; NO_COLOR (no-color.org) wins, FORCE_COLOR forces."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"
