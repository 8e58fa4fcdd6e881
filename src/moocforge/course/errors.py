"""Errors a user can cause while we load a course: one clear message each, in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import UserError, translated_params
from ..i18n import t


class CourseError(UserError):
    """The course folder or its descriptor cannot be read.

    Carries what is wrong (a catalogue key and its parameters), where (file,
    line, field) and how to fix it (a catalogue key), so the CLI can print one
    message in the reader's language and exit 2 without a traceback.
    """


@dataclass(frozen=True)
class DescriptorProblem:
    """One thing wrong in course.yaml: a catalogue key with its parameters, where, and how to fix it."""

    key: str
    params: dict[str, Any]
    field: str  # the path as the author would find it: "modules[0].workload_hours"
    line: int | None = None
    label: str | None = None  # catalogue key of the field's form 01 label, when it has one
    hint: str | None = None
    hint_params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The problem in ``lang``, led by the field's form 01 label when it has one."""
        what = t(self.key, lang, **translated_params(self.params, lang))
        return t("course.error.labelled", lang, label=t(self.label, lang), problem=what) if self.label else what

    def hint_text(self, lang: str) -> str:
        return t(self.hint, lang, **translated_params(self.hint_params, lang)) if self.hint else ""


# How many further problems one message lists; the rest are counted.
MAX_LISTED = 10


class DescriptorError(CourseError):
    """course.yaml does not match the course format: the first problem, then every other one with its line.

    One run shows them all, so an author fixes the file once rather than once per problem.
    """

    def __init__(self, problems: list[DescriptorProblem], *, file: str):
        self.problems = problems
        first = problems[0]
        super().__init__(first.key, file=file, line=first.line, field=first.field, hint=first.hint,
                         hint_params=first.hint_params, **first.params)

    def what(self, lang: str) -> str:
        lines = [self.problems[0].text(lang)]
        for other in self.problems[1:1 + MAX_LISTED]:
            problem = other.text(lang)
            if other.hint:
                problem += f" ({other.hint_text(lang)})"
            lines.append(t("course.error.also", lang, line=other.line or "?", field=other.field, problem=problem))
        hidden = len(self.problems) - 1 - MAX_LISTED
        if hidden > 0:
            lines.append(t("course.error.more", lang, count=hidden))
        return "\n  ".join(lines)

