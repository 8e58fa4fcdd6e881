"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards and editors.

Paths are course-relative URIs resolved against the base id ``COURSEROOT``,
which ``originalUriBaseIds`` maps to the course folder's absolute file URI:
the log stays meaningful if the course moves, and a viewer opened on the
course folder finds every file. A finding that names no file points at the
descriptor, because SARIF viewers (GitHub code scanning among them) drop
results without a location. Slide, page and timestamp locations have no
SARIF region, so they go into the location's message; module and lesson
become logical locations.

Every result carries ``partialFingerprints`` (``moocforge/v1``: the finding's
stable fingerprint and its occurrence), so code scanning follows a finding
when lines move. A finding excused by a justified exception is a result with
``suppressions`` (kind ``inSource`` for a comment in the file, ``external``
for the configuration; status ``accepted``; the reason as justification);
with a baseline, results say ``baselineState`` ``new`` or ``unchanged``.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Severity
from ..ci.fingerprints import VERSION as FINGERPRINT_KEY
from ..ci.fingerprints import numbered
from .common import descriptor_file, details_text, known_findings, position_text, rules_in
from .jsonable import to_jsonable

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
BASE_ID = "COURSEROOT"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result, lang: str) -> str:
    return json.dumps(build_log(result, lang), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def build_log(result, lang: str) -> dict[str, Any]:
    """The SARIF log as plain dicts and lists."""
    rules = rules_in(result)
    index = {item.id: i for i, item in enumerate(rules)}
    # (finding, its suppression or None, its baseline state or None), in the order results are written
    entries = [(f, None, "new" if result.baseline is not None else None) for f in result.findings]
    entries += [(item.finding, item.by, None) for item in result.suppressed]
    entries += [(f, None, "unchanged") for f in known_findings(result)]
    prints = numbered([result.fingerprint(f) for f, _, _ in entries])
    run = {
        "tool": {"driver": {
            "name": "moocforge",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_descriptor(item, result, lang) for item in rules],
        }},
        "originalUriBaseIds": {BASE_ID: {"uri": _folder_uri(result.course.root)}},
        "language": lang,  # the language of every message text in this run
        "results": [_result(f, index, result, lang, by, state, fingerprint)
                    for (f, by, state), fingerprint in zip(entries, prints)],
        "properties": _run_properties(result),
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _folder_uri(root) -> str:
    # SARIF requires a base URI to end with '/' to be usable as a directory.
    uri = root.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _artifact(result, path: str) -> dict[str, str]:
    """A course file relative to the course root; a loose file given by an absolute path as a file URI."""
    if not result.course.is_course and PurePath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": artifact_uri(path), "uriBaseId": BASE_ID}


def artifact_uri(course_relative: str) -> str:
    """A course-relative path as a relative URI reference (spaces, Cyrillic percent-encoded)."""
    return quote(course_relative, safe="/")


def _descriptor(item, result, lang: str) -> dict[str, Any]:
    doc = item.doc(lang, result.profile)
    return {
        "id": item.id,
        "name": item.name,
        "shortDescription": {"text": item.title(lang, result.profile)},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVELS[item.severity]},
        "properties": {"clause": item.clause, "area": item.area, "tags": [item.area]},
    }


def _run_properties(result) -> dict[str, Any]:
    bag: dict[str, Any] = {"profile": result.profile.name, "course": result.course.model.title}
    if result.baseline is not None:
        bag["baseline"] = {"path": result.baseline.path, "known": len(result.baseline.known),
                           "fixed": sum(e.count for e in result.baseline.fixed)}
    if result.changes is not None:
        bag["changedSince"] = {"ref": result.changes.ref, "leftOut": result.changes.left_out}
    return bag


def _result(finding: Finding, index: dict[str, int], result, lang: str, by=None, state: str | None = None,
            fingerprint: str | None = None) -> dict[str, Any]:
    message = finding.text(lang)
    extra = details_text(finding, lang)
    item: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{message} ({extra})" if extra else message},
        "locations": [_location(finding, result, lang)],
        "properties": _properties(finding),
    }
    if finding.rule_id in index:
        item["ruleIndex"] = index[finding.rule_id]
    if fingerprint is not None:
        item["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if by is not None:
        item["suppressions"] = [_suppression(by, result)]
    if state is not None:
        item["baselineState"] = state
    return item


def _suppression(by, result) -> dict[str, Any]:
    """SARIF's record of a justified exception: where it is written and why."""
    physical: dict[str, Any] = {"artifactLocation": _artifact(result, by.origin.file or descriptor_file(result))}
    if by.origin.line:
        physical["region"] = {"startLine": by.origin.line}
    return {"kind": "inSource" if by.in_source else "external", "status": "accepted",
            "justification": by.reason, "location": {"physicalLocation": physical}}


def _location(finding: Finding, result, lang: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(result, finding.file or descriptor_file(result))}
    if finding.line:
        physical["region"] = {"startLine": finding.line}
    location: dict[str, Any] = {"physicalLocation": physical}
    position = position_text(finding, lang)
    if position:
        location["message"] = {"text": position}
        place = finding.location
        location["properties"] = {k: v for k, v in (("page", place.page), ("slide", place.slide),
                                                    ("startSeconds", place.start), ("endSeconds", place.end))
                                  if v is not None}
    logical = _logical_locations(finding)
    if logical:
        location["logicalLocations"] = logical
    return location


def _logical_locations(finding: Finding) -> list[dict[str, str]]:
    # "module" is one of SARIF's well-known logical location kinds; "lesson" is ours.
    found = []
    if finding.module:
        found.append({"name": finding.module, "fullyQualifiedName": finding.module, "kind": "module"})
    if finding.lesson:
        qualified = f"{finding.module}/{finding.lesson}" if finding.module else finding.lesson
        found.append({"name": finding.lesson, "fullyQualifiedName": qualified, "kind": "lesson"})
    return found


def _properties(finding: Finding) -> dict[str, Any]:
    bag = {
        "severity": finding.severity.value,
        "clause": finding.clause,
        "messageKey": finding.message_key,
        "params": to_jsonable(finding.params),
        "measured": to_jsonable(finding.measured),
        "expected": to_jsonable(finding.expected),
    }
    return {k: v for k, v in bag.items() if v not in (None, {})}
