"""Before packaging: the course is checked, and the profile must allow the platform.

Packaging works from a ``CheckResult`` (``check.run_check``): the descriptor
as read, the parsed quiz banks, the media facts. A course with error-level
findings is refused unless ``--force``, so an approved course is what reaches
a platform. Independently of ``--force``, a profile may forbid passing the
materials to third parties (KazNUA: ``packaging.open_platforms_allowed:
false``); an Open edX or Coursera package is then refused.
"""

from __future__ import annotations

from pathlib import Path

from ..check import CheckResult, run_check
from ..errors import UserError
from ..findings import Severity
from ..inspect import InspectOptions
from ..profiles import Profile

# Targets that hand the materials to a platform outside the university.
OPEN_PLATFORM_TARGETS = frozenset({"openedx", "coursera"})


class PreflightRefused(UserError):
    """The course has error-level findings; ``result`` holds them for the report."""

    def __init__(self, result: CheckResult, errors: int):
        self.result = result
        super().__init__("package.preflight.refused", count=errors, hint="package.preflight.refused_hint")


class PlatformNotAllowed(UserError):
    """The profile forbids handing the course to an open platform."""


def refuse_forbidden_platform(profile: Profile, target: str) -> None:
    if target in OPEN_PLATFORM_TARGETS and not profile.get("packaging.open_platforms_allowed", True):
        raise PlatformNotAllowed("package.preflight.not_allowed", target={"i18n": f"package.target.{target}"},
                                 profile=profile.name, clause=profile.clause("packaging.open_platforms_allowed") or "-",
                                 hint="package.preflight.not_allowed_hint")


def preflight(course: str | Path, target: str, *, profile: str | Profile | None = None, force: bool = False,
              options: InspectOptions | None = None) -> CheckResult:
    """Check the course for packaging; raise when it may not be packaged for ``target``."""
    result = run_check(course, profile=profile, options=options)
    refuse_forbidden_platform(result.profile, target)
    errors = result.count(Severity.ERROR)
    if errors and not force:
        raise PreflightRefused(result, errors)
    return result
