"""Course dates in OLX: deadlines at the end of the day in Kazakhstan, the run's start and end.

Descriptor deadlines are dates (form 08: a deadline on every task); learners
read them as Kazakhstan time, which is UTC+5 throughout the country since
2024. A deadline is due at 23:59 that day. The run starts on ``--start``, else
a week before the first deadline; it ends on ``--end``, else a week after the
last one (a course without deadlines needs ``--start``).
"""

from __future__ import annotations

import datetime as dt

from ...course.model import Course
from ...errors import UserError

KAZAKHSTAN = dt.timezone(dt.timedelta(hours=5))
DAYS_PER_WEEK = 7


class CourseDatesProblem(UserError):
    """The run's dates cannot be set from what was given."""


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None  # a deadline written as words ("week 3") is not a date a platform can hold


def due(value) -> str | None:
    """``YYYY-MM-DDTHH:MM:SSZ`` for 23:59 Kazakhstan time on the deadline's date."""
    day = as_date(value)
    if day is None:
        return None
    moment = dt.datetime.combine(day, dt.time(23, 59), KAZAKHSTAN).astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def start_of(day: dt.date) -> str:
    moment = dt.datetime.combine(day, dt.time(0, 0), KAZAKHSTAN).astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def deadlines(model: Course) -> list[dt.date]:
    found = [as_date(task.deadline) for _, task in model.assessments()]
    return sorted(day for day in found if day is not None)


def course_dates(model: Course, start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    """(start, end) of the run as OLX writes them."""
    days = deadlines(model)
    if start is None:
        if not days:
            raise CourseDatesProblem("package.openedx.no_start", hint="package.openedx.no_start_hint")
        start = days[0] - dt.timedelta(days=DAYS_PER_WEEK)
    if end is None:
        weeks = max(model.duration_weeks or 0, len(model.modules), 1)
        end = days[-1] + dt.timedelta(days=DAYS_PER_WEEK) if days else start + dt.timedelta(weeks=weeks)
    if end <= start:
        raise CourseDatesProblem("package.openedx.end_before_start", start=start.isoformat(), end=end.isoformat(),
                                 hint="package.openedx.end_before_start_hint")
    return start_of(start), start_of(end + dt.timedelta(days=1))
