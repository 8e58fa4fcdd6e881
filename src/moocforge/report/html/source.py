"""What a page is made from: the check's JSON document, the review's facts, the profile and rule texts.

A live check and a saved result give the same ``ReportSource``; from there on
the page never knows which it was. Reading a saved result is left to
``review.facts`` (``read_check_document``, ``check_facts``), the one reader and
validator of a saved check, so ``report --from`` and ``score --from`` accept and refuse the same files
with the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...profiles import Profile, ProfileError, load_profile
from ...review.facts import CheckFacts, check_facts, read_check_document
from ..json_report import build_document


@dataclass(frozen=True)
class RuleText:
    """A rule as the reader sees it: its title and how to fix what it finds, in the page's language."""

    title: str
    fix: str = ""


@dataclass
class ReportSource:
    document: dict[str, Any]  # the check's JSON document (json_report, version 2)
    facts: CheckFacts  # descriptor, findings as Finding objects, evidence: what the rubric reads too
    profile: Profile  # the thresholds the charts draw their bands from
    rule_texts: dict[str, RuleText] = field(default_factory=dict)  # by rule id; missing ones use the document's

    @property
    def model(self):
        return self.facts.model

    def rule_area(self, rule_id: str) -> str:
        return (self.document.get("rules", {}).get(rule_id) or {}).get("area", "other")

    def rule_title(self, rule_id: str) -> str:
        given = self.rule_texts.get(rule_id)
        if given is not None:
            return given.title
        return (self.document.get("rules", {}).get(rule_id) or {}).get("title", rule_id)

    def rule_fix(self, rule_id: str) -> str:
        given = self.rule_texts.get(rule_id)
        return given.fix if given is not None else ""


def from_result(result, lang: str) -> ReportSource:
    """A fresh check's result."""
    return ReportSource(build_document(result, lang), CheckFacts.from_result(result), result.profile)


def from_saved(path: str | Path, profile: str | None = None) -> ReportSource:
    """A saved ``check --format json`` of a course; one translated error (exit 2) when it is not one.

    The charts draw their bands from ``profile`` when one is named (``--profile``), else from the
    profile the saved check ran with.
    """
    document = read_check_document(path)  # once: it may be a pipe, a FIFO or "-"
    facts = check_facts(document, str(path))  # validates format, version and content, or raises ReviewInputError
    return ReportSource(document, facts, load_profile(profile) if profile else _profile_of(document))


def _profile_of(document: dict[str, Any]) -> Profile:
    """The profile the saved check ran with; the default one when it was a file that is not here."""
    name = (document.get("profile") or {}).get("name")
    try:
        return load_profile(name)
    except ProfileError:
        return load_profile(None)
