"""The Open edX platforms Kazakh universities publish on, and what each one's archive needs.

open.kaznu.kz is al-Farabi KazNU's own Open edX (course keys such as
``course-v1:KazNU+DistEdu+2019-2020C1``); moocs.kz, the national platform
KazNU built, is Open edX too, with one organisation per university, so its
org must be named. A preset fills in what the command line leaves out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import UserError

# Course key parts: Open edX accepts more, but these survive every URL and file name it makes.
KEY_PART = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Platform:
    name: str
    org: str | None  # None: the university's own organisation, which the user names with --org
    site: str


PLATFORMS = {
    "open.kaznu.kz": Platform("open.kaznu.kz", "KazNU", "https://open.kaznu.kz"),
    "moocs.kz": Platform("moocs.kz", None, "https://moocs.kz"),
}


class CourseKeyProblem(UserError):
    """--org, --number or --run is missing or would make a course key Open edX cannot use."""


def course_key_parts(org: str | None, number: str | None, run: str | None,
                     platform: str | None) -> tuple[str, str, str]:
    """(org, number, run), the org from the platform preset when not given; checked for Open edX."""
    preset = PLATFORMS.get(platform) if platform else None
    org = org or (preset.org if preset else None)
    for option, value in (("--org", org), ("--number", number), ("--run", run)):
        if not value:
            raise CourseKeyProblem("package.openedx.key_missing", option=option,
                                   hint="package.openedx.key_missing_hint")
        if not KEY_PART.match(value):
            raise CourseKeyProblem("package.openedx.key_invalid", option=option, value=value,
                                   hint="package.openedx.key_invalid_hint")
    return org, number, run
