"""A reviewed course for the forms tests: a course folder, three experts' sheets, their merged review."""

from __future__ import annotations

import pytest

from review.review_factory import make_course, merged_review

EXPERTS = {"Әлиева Айгүл Қайратқызы": [3, 2, 3, 3, 3, 2, 3, 3], "Petrov Pavel": [3, 3, 3, 2, 3, 1, 3, 3],
           "Нұрланов Өмірзақ": [3, 2, 2, 3, 3, 2, 3, 3]}
COMMENTS = {"Petrov Pavel": {6: "тесттерде қателер бар"}}
PLACEMENT = {"platform": "open.kaznu.kz", "date": "2026-02-01", "url": "https://open.kaznu.kz/courses/atu-python"}


@pytest.fixture(scope="session")
def reviewed(tmp_path_factory):
    """(course folder, merged review): agreed 3 2 3 3 3 2 3 3 = 22 points, criteria 2 and 6 partly compliant."""
    folder = tmp_path_factory.mktemp("reviewed")
    course = make_course(folder / "course", promo_video=None, study_level="master", placement=PLACEMENT)
    return course, merged_review(course, folder, EXPERTS, comments=COMMENTS)
