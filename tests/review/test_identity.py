"""A course's identity: its title and a fingerprint of the descriptor as the author wrote it."""

from __future__ import annotations

from moocforge.course.model import Course
from moocforge.review.facts import identify


def test_any_change_to_the_descriptor_changes_the_fingerprint():
    base = Course(title="Python негіздері", aim="Деректерді талдау")
    assert identify(base) == identify(Course(title="Python негіздері", aim="Деректерді талдау"))
    assert identify(base).fingerprint != identify(Course(title="Python негіздері", aim="Басқа мақсат")).fingerprint
    assert identify(base).title == "Python негіздері" and len(identify(base).fingerprint) == 16


def test_a_value_left_at_its_default_is_not_part_of_it():
    """A newer moocforge that adds a field with a default must not make every expert's sheet look stale."""
    assert identify(Course(title="T")) == identify(Course(title="T", general_education=False, prerequisites=[]))
