"""Clause references as the catalogue writes them, and which of them a reader's query names.

Rules and profile values cite their source as people write it: "ATU §8.4–8.5",
"ATU form 01 items 16, 18", "ATU forms 02, 04, 11", "KazNU §4.11",
"MES 2020 §44.2". ``references`` reads such a text into ``Reference``s (one
per section, one per form with the items it names); ``cites`` answers
`moocforge rules --clause "§11"`: a query names sections and everything below
them (§11 covers §11.2 and §11.3–11.5; a rule citing §9.1 as a whole answers
for §9.1.4), a form with or without items, or a whole source ("KazNU"). A
reference with no source named belongs to the one named before it, and to
ATU when none is: the ATU regulation is the primary text, so "§8.1" means
ATU §8.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_SOURCE = "ATU"
# The texts rules cite, longest first so that "KazNUA" is not read as "KazNU" + "A".
SOURCES = ("MES 2020", "KazNUA", "KazNU", "KATU", "ATU")
# A range wider than this is a typo, not a clause (§8.1–8.100).
_MOST_IN_RANGE = 60

_TOKEN = re.compile(
    r"(?P<source>\b(?:" + "|".join(re.escape(s) for s in SOURCES) + r")\b)"
    r"|§\s*(?P<section>\d+(?:\.\d+)*)(?:\s*[–—-]\s*(?P<section_end>\d+(?:\.\d+)*))?"
    r"|\bforms?\s+(?P<forms>\d{2}(?:\s*(?:,|and)\s*\d{2})*)"
    r"|\b(?:items?|criteri(?:on|a))\s+(?P<items>\d+(?:\s*[–—-]\s*\d+)?(?:\s*(?:,|and)\s*\d+(?:\s*[–—-]\s*\d+)?)*)",
    re.IGNORECASE,
)
# Quoted words of the regulation and remarks in brackets name no clause.
_ASIDES = re.compile(r"«[^»]*»|\([^)]*\)")


@dataclass(frozen=True)
class Reference:
    """One cited place: a section (``§8.4``) or a form (``form 01``, with the items it names)."""

    source: str
    section: str | None = None  # "8.4"
    form: str | None = None  # "01"
    items: frozenset[int] | None = None  # of a form; None: the whole form

    def covers(self, query: "Reference") -> bool:
        """Does this cited place fall under what ``query`` asks for?"""
        if self.source != query.source:
            return False
        if query.section is not None:
            # Either names the other or a part of it: §11 asks for §11.2, and a rule citing
            # §9.1 as a whole checks §9.1.4 too.
            return self.section is not None and _within(self.section, query.section)
        if query.form is not None:
            if self.form != query.form:
                return False
            return query.items is None or self.items is None or bool(self.items & query.items)
        return True  # the query names the whole source


def _within(one: str, other: str) -> bool:
    return one == other or one.startswith(other + ".") or other.startswith(one + ".")


def _section_range(start: str, end: str | None) -> list[str]:
    """"8.4", "8.5" → 8.4 and 8.5; "11.3", "11.5" → 11.3, 11.4, 11.5; "9.1.4", "9.1.7" → four sections."""
    if not end:
        return [start]
    head, _, first = start.rpartition(".")
    end_head, _, last = end.rpartition(".")
    if "." not in end:
        end_head, last = head, end  # "§8.4–5"
    if end_head != head or int(last) < int(first) or int(last) - int(first) > _MOST_IN_RANGE:
        return [start, end]
    prefix = f"{head}." if head else ""
    return [f"{prefix}{number}" for number in range(int(first), int(last) + 1)]


def _numbers(text: str) -> frozenset[int]:
    """"16, 18" → {16, 18}; "1–15" → 1 … 15."""
    found: set[int] = set()
    for part in re.split(r"\s*(?:,|and)\s*", text.strip()):
        bounds = re.split(r"\s*[–—-]\s*", part)
        low, high = int(bounds[0]), int(bounds[-1])
        if high < low or high - low > _MOST_IN_RANGE:
            high = low
        found.update(range(low, high + 1))
    return frozenset(found)


def references(text: str) -> list[Reference]:
    """Every place ``text`` cites, in order (items attach to the form named just before them)."""
    found: list[Reference] = []
    source = DEFAULT_SOURCE
    named_source = False
    forms: list[int] = []  # indexes in ``found`` of the forms the next items belong to
    for match in _TOKEN.finditer(_ASIDES.sub(" ", text or "")):
        if match.group("source"):
            source = next(s for s in SOURCES if s.lower() == match.group("source").lower())
            named_source = True
            forms = []
        elif match.group("section"):
            found += [Reference(source, section=s) for s in _section_range(match.group("section"),
                                                                           match.group("section_end"))]
            forms = []
        elif match.group("forms"):
            numbers = re.findall(r"\d{2}", match.group("forms"))
            forms = list(range(len(found), len(found) + len(numbers)))
            found += [Reference(source, form=number) for number in numbers]
        elif match.group("items") and forms:
            items = _numbers(match.group("items"))
            for index in forms:
                found[index] = Reference(found[index].source, form=found[index].form, items=items)
    if not found and named_source:
        found.append(Reference(source))  # "MES 2020 recommendations": the document as a whole
    return found


def cites(clause: str, query: str) -> bool:
    """Does ``clause`` (as a rule or profile value cites it) name a place ``query`` asks for?"""
    wanted = references(query)
    return any(ref.covers(q) for ref in references(clause) for q in wanted)


def citing(rules, query: str, profile=None) -> list:
    """The rules whose clause, or the clause of a profile value they use, names what ``query`` asks for."""
    def clauses(item) -> list[str]:
        found = [item.clause]
        if profile is not None:
            found += [profile.clause(key) or "" for key in item.thresholds]
        return found

    return [item for item in rules if any(cites(clause, query) for clause in clauses(item))]
