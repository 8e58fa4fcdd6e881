"""File facts for §9.4 (does each referenced file exist, inside the course?) and small texts.

Two evidence kinds: ``files`` (existence, place, size of every referenced
path) and ``texts`` (the text of small text files the rules read whole:
weekly announcements).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..textio import read_text
from . import Gathering, collector

# Text files read whole for rules (announcements are a few hundred characters).
TEXT_ROLES = ("announcement",)
MAX_TEXT_BYTES = 1_000_000


@dataclass(frozen=True)
class FileFacts:
    exists: bool
    inside: bool  # resolves (links followed) to a place inside the course folder
    is_file: bool
    size: int | None


@collector("files", to_json=dataclasses.asdict)
def collect_files(g: Gathering) -> dict[str, FileFacts]:
    subject = g.subject
    facts: dict[str, FileFacts] = {}
    for ref in subject.refs:
        if ref.is_url or ref.path in facts:
            continue
        target = subject.resolve(ref.path)
        inside = subject.rel_inside(ref.path)
        # Never look at what lies outside the course folder: report it instead.
        exists = inside and target.exists()
        is_file = exists and target.is_file()
        facts[ref.path] = FileFacts(exists, inside, is_file, target.stat().st_size if is_file else None)
    return facts


@collector("texts", requires=("files",))
def collect_texts(g: Gathering) -> dict[str, str]:
    texts: dict[str, str] = {}
    facts = g.evidence.files
    for ref in g.subject.refs_by_role(*TEXT_ROLES):
        fact = facts.get(ref.path)
        if fact and fact.is_file and (fact.size or 0) <= MAX_TEXT_BYTES:
            texts[ref.path] = read_text(g.subject.resolve(ref.path)).text
    return texts
