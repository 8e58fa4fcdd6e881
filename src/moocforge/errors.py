"""Errors a user can cause and fix: one message, in the user's language, with where and how to fix.

Every such error is a ``UserError``: a catalogue key and its parameters (what
is wrong), an optional place (file, line, field) and an optional hint (how
to fix it, also a catalogue key). The command line renders it in the
reader's language and exits with code 2; nothing else prints a traceback.
Domain errors (a course that cannot be read, a profile or policy file with a
mistake, an output path that cannot be written) subclass it.
"""

from __future__ import annotations

from typing import Any

from .i18n import t


class UserError(Exception):
    """A problem with what the user gave us (a path, a file, an option): exit code 2."""

    def __init__(self, key: str, *, file: str | None = None, line: int | None = None, field: str | None = None,
                 hint: str | None = None, hint_params: dict[str, Any] | None = None, **params: Any):
        self.key = key
        self.params = params
        self.file = file
        self.line = line
        self.field = field
        self.hint = hint
        self.hint_params = hint_params or {}
        self.message = self.what("en")  # English, for logs and tests; people read text(lang)
        super().__init__(self.text("en"))

    def location(self) -> str:
        where = self.file or ""
        if self.line:
            where += f":{self.line}"
        return where

    def what(self, lang: str) -> str:
        """What is wrong, without place or hint."""
        return t(self.key, lang, **translated_params(self.params, lang))

    def text(self, lang: str) -> str:
        """The whole message: place, what is wrong, and (on the next line) how to fix it."""
        head = [part for part in (self.location(), self.field and t("core.error.field", lang, field=self.field))
                if part]
        text = ": ".join([*head, self.what(lang)])
        if self.hint:
            text += "\n  " + t("core.error.how_to_fix", lang, hint=t(self.hint, lang, **translated_params(self.hint_params, lang)))
        return text

    def __str__(self) -> str:
        return self.text("en")


def translated_params(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A parameter given as {"i18n": KEY} is itself a catalogue key, rendered in the same language."""
    return {k: t(v["i18n"], lang) if isinstance(v, dict) and set(v) == {"i18n"} else v for k, v in params.items()}
