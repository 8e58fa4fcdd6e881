"""The ``check:`` section of course.yaml: what `moocforge check` options hold, kept with the course.

(Filled in by the CI issue: configuration, justified exceptions, baseline.)
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class CheckConfig(BaseModel):
    """Settings of `moocforge check` for this course; command-line options override them."""

    model_config = ConfigDict(extra="forbid")
