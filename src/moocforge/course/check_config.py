"""The ``check:`` section of course.yaml: what `moocforge check` options hold, kept with the course.

The same settings may instead live in ``moocforge.toml`` beside course.yaml
(a ``[check]`` table, read by ``moocforge.ci.settings``); both are validated
by these models, so they accept exactly the same keys. Options given on the
command line override them. ``exceptions`` are the committee's accepted
deviations: each names the rules, the course files it covers and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


def _as_list(value: Any) -> Any:
    """One rule or path may be written as a plain string."""
    return [value] if isinstance(value, str) else value


class CheckException(BaseModel):
    """A justified exception: these rules do not apply to these files, for this reason (until this date)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    rules: list[str] = Field(min_length=1, description="Rule ids, id prefixes or names, e.g. [MD103] or [QZ104, QZ109].")
    paths: list[str] = Field(
        min_length=1,
        description="Course-relative files or globs, gitignore style: 'module-02/lesson-03/*.mp4', "
                    "'module-01/' (a folder and everything in it), 'course.yaml' (findings about the course as a whole).",
    )
    reason: str = Field(min_length=1, description="Why the deviation is accepted, e.g. 'committee protocol No. 7, 2026-03-12'.")
    expires: dt.date | None = Field(default=None,
                                    description="After this date the exception no longer applies and is itself reported.")

    _lists = field_validator("rules", "paths", mode="before")(_as_list)


class CheckConfig(BaseModel):
    """Settings of `moocforge check` for this course; command-line options override them."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    profile: str | None = Field(default=None, description="Profile to check against (overrides the top-level `profile`).")
    select: list[str] | None = Field(default=None, description="Only rules whose id starts with one of these (as --select).")
    ignore: list[str] | None = Field(default=None, description="Skip rules whose id starts with one of these (as --ignore).")
    fail_on: Literal["error", "warning", "info"] | None = Field(
        default=None, description="Lowest severity that makes the exit code 1 (as --fail-on).")
    lang: Literal["kk", "ru", "en"] | None = Field(default=None, description="Report language (as --lang).")
    deep: bool | None = Field(default=None, description="Decode media for loudness, silence, black frames (as --deep).")
    online: bool | None = Field(default=None, description="Check that external links answer (as --online).")
    exceptions: list[CheckException] = Field(default_factory=list,
                                             description="Justified exceptions: rules, paths, reason, optional expiry.")

    _lists = field_validator("select", "ignore", mode="before")(_as_list)
