"""File facts for §9.4: does each referenced file exist, inside the course?"""

from __future__ import annotations

from dataclasses import dataclass

from ..textio import read_text

# Text files read whole for rules (announcements are a few hundred characters).
TEXT_ROLES = ("announcement",)
MAX_TEXT_BYTES = 1_000_000


@dataclass(frozen=True)
class FileFacts:
    exists: bool
    inside: bool  # resolves (links followed) to a place inside the course folder
    is_file: bool
    size: int | None


def collect(course) -> dict[str, FileFacts]:
    facts: dict[str, FileFacts] = {}
    for ref in course.refs:
        if ref.is_url or ref.path in facts:
            continue
        target = course.resolve(ref.path)
        inside = course.rel_inside(ref.path)
        # Never look at what lies outside the course folder: report it instead.
        exists = inside and target.exists()
        is_file = exists and target.is_file()
        facts[ref.path] = FileFacts(exists, inside, is_file, target.stat().st_size if is_file else None)
    return facts


def collect_texts(course, facts: dict[str, FileFacts]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for ref in course.refs_by_role(*TEXT_ROLES):
        fact = facts.get(ref.path)
        if fact and fact.is_file and (fact.size or 0) <= MAX_TEXT_BYTES:
            texts[ref.path] = read_text(course.resolve(ref.path)).text
    return texts
