"""Errors a user can cause while we load a course: one clear message each, in the user's language."""

from __future__ import annotations

from ..errors import UserError


class CourseError(UserError):
    """The course folder or its descriptor cannot be read.

    Carries what is wrong (a catalogue key and its parameters), where (file,
    line, field) and how to fix it (a catalogue key), so the CLI can print one
    message in the reader's language and exit 2 without a traceback.
    """
