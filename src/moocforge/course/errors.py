"""Errors a user can cause while we load a course: one clear message each."""

from __future__ import annotations


class CourseError(Exception):
    """The course folder or its descriptor cannot be read.

    Carries what is wrong, where (file, line, field) and how to fix it, so the
    CLI can print one message and exit 2 without a traceback.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint

    def location(self) -> str:
        where = self.file or ""
        if self.line:
            where += f":{self.line}"
        return where

    def __str__(self) -> str:
        parts = []
        loc = self.location()
        if loc:
            parts.append(loc)
        if self.field:
            parts.append(f"field '{self.field}'")
        head = ": ".join(parts)
        text = f"{head}: {self.message}" if head else self.message
        if self.hint:
            text += f"\n  how to fix: {self.hint}"
        return text
