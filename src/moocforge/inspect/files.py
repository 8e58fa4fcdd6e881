"""File facts for §9.4 (does each referenced file exist, inside the course?) and small texts.

Two evidence kinds: ``files`` (existence, place, size of every referenced
path) and ``texts`` (the text of small text files the rules read whole:
weekly announcements).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..course import filekind
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
    # What the path names (course.filekind: file, folder, fifo, broken_link …), so a
    # message can say "a named pipe" or "a link to a missing file", not guess.
    kind: str = filekind.MISSING
    link: str | None = None  # where a symbolic link points, as written in it


@collector("files", to_json=dataclasses.asdict)
def collect_files(g: Gathering) -> dict[str, FileFacts]:
    subject = g.subject
    facts: dict[str, FileFacts] = {}
    for ref in subject.refs:
        if ref.is_url or ref.path in facts:
            continue
        facts[ref.path] = file_facts(subject, ref.path)
    return facts


def file_facts(subject, rel: str) -> FileFacts:
    """What ``rel`` names, without opening it; nothing outside the course folder is looked at."""
    inside = subject.rel_inside(rel)
    if not inside:
        return FileFacts(False, False, False, None)
    named = subject.root / rel  # the link itself, not where it leads
    kind = filekind.file_kind(named)
    is_file = kind == filekind.FILE
    return FileFacts(kind not in (filekind.MISSING, filekind.BROKEN_LINK), True, is_file,
                     named.stat().st_size if is_file else None, kind, filekind.link_target(named))


@collector("texts", requires=("files",))
def collect_texts(g: Gathering) -> dict[str, str]:
    texts: dict[str, str] = {}
    facts = g.evidence.files
    for ref in g.subject.refs_by_role(*TEXT_ROLES):
        fact = facts.get(ref.path)
        if fact and fact.is_file and (fact.size or 0) <= MAX_TEXT_BYTES:
            texts[ref.path] = read_text(g.subject.resolve(ref.path)).text
    return texts
