"""``--format json``: the check result as a documented, versioned document.

The layout is described field by field in docs/report-formats.md and exactly
by the JSON Schema shipped as ``moocforge/schemas/check-report-2.json``.
``VERSION`` changes only when a field is removed, renamed or changes type;
new fields may appear within a version, so readers must ignore unknown keys.

Version 2 carries everything later stages need, so that the HTML report, the
rubric and CI artefacts can be made from a saved result without reading any
media again: typed measured and expected values, structured locations, the
rules that ran, the descriptor as read, and the evidence gathered (media
facts, policy outcomes, deep-analysis figures, quiz statistics). Added within
version 2 for CI: each finding's ``fingerprint``, the ``suppressed`` findings
with the exception that excused each, the ``baseline`` comparison and the
``changed_since`` scope.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..findings import Finding
from .common import expected_text, measured_text, rule_title, summarise
from .jsonable import to_jsonable

FORMAT = "moocforge-check"
VERSION = 2
SCHEMA_RESOURCE = "schemas/check-report-2.json"  # inside the moocforge package


def _subject(result) -> dict[str, Any]:
    subject = result.course
    document = {
        "kind": "course" if subject.is_course else "files",
        "path": subject.root.as_posix(),
        "descriptor": subject.descriptor_name or None,
        "title": subject.model.title,
        "language": subject.model.language,
    }
    if subject.is_course:
        document["model"] = subject.model.model_dump(mode="json", exclude_none=True)
    else:
        document["files"] = [ref.path for ref in subject.refs]
    return document


def _rule(item, result, lang: str) -> dict[str, Any]:
    return {"name": item.name, "title": item.title(lang, result.profile), "area": item.area,
            "severity": item.severity.value, "clause": item.clause, "criteria": list(item.criteria)}


def build_document(result, lang: str) -> dict[str, Any]:
    """The report as plain dicts and lists (what ``render`` serialises)."""
    profile = result.profile
    summary = summarise(result.findings)
    return {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "moocforge", "version": __version__},
        "course": _subject(result),
        "profile": {"name": profile.name, "title": profile.title, "chain": list(profile.chain)},
        "language": lang,
        "summary": {
            "total": summary.total,
            "error": summary.errors,
            "warning": summary.warnings,
            "info": summary.info,
            "files": summary.files,
            "suppressed": len(result.suppressed),
            "known": len(result.baseline.known) if result.baseline is not None else 0,
            "fixed": sum(e.count for e in result.baseline.fixed) if result.baseline is not None else 0,
        },
        "rules": {rule_id: _rule(item, result, lang) for rule_id, item in sorted(result.rules.items())},
        "findings": [_finding(f, result, lang) for f in result.findings],
        "suppressed": [{**_finding(item.finding, result, lang), "suppression": _suppression(item.by)}
                       for item in result.suppressed],
        "baseline": _baseline(result, lang),
        "changed_since": _changes(result),
        "evidence": to_jsonable(result.evidence.to_json()),
        "options": {"deep": result.evidence.deep, "online": result.evidence.online,
                    "evidence_gathered": result.evidence.gathered()},
    }


def _finding(finding: Finding, result, lang: str) -> dict[str, Any]:
    place = finding.location
    return {
        "rule": finding.rule_id,
        "rule_title": rule_title(result, finding, lang),
        "severity": finding.severity.value,
        "message": finding.text(lang),
        "message_key": finding.message_key,
        "params": to_jsonable(finding.params),
        "file": finding.file,
        "location": {"line": place.line, "page": place.page, "slide": place.slide, "start": place.start,
                     "end": place.end},
        "module": finding.module,
        "lesson": finding.lesson,
        "measured": to_jsonable(finding.measured),
        "expected": to_jsonable(finding.expected),
        "measured_text": measured_text(finding, lang) if finding.measured is not None else None,
        "expected_text": expected_text(finding, lang) if finding.expected is not None else None,
        "clause": finding.clause,
        "fingerprint": result.fingerprint(finding),
    }


def _suppression(by) -> dict[str, Any]:
    """The exception that excused a finding: what it names, why, and where it is written."""
    return {"kind": "inSource" if by.in_source else "external", "reason": by.reason, "rules": list(by.selectors),
            "scope": by.scope, "expires": by.expires.isoformat() if by.expires else None,
            "origin": {"file": by.origin.file, "line": by.origin.line}}


def _baseline(result, lang: str) -> dict[str, Any] | None:
    if result.baseline is None:
        return None
    return {"path": result.baseline.path, "known": [_finding(f, result, lang) for f in result.baseline.known],
            "fixed": [{"fingerprint": e.fingerprint, "rule": e.rule, "file": e.file, "message": e.message,
                       "count": e.count} for e in result.baseline.fixed]}


def _changes(result) -> dict[str, Any] | None:
    if result.changes is None:
        return None
    return {"ref": result.changes.ref, "files": sorted(result.changes.files), "left_out": result.changes.left_out}


def render(result, lang: str) -> str:
    # ensure_ascii=False keeps Kazakh and Russian readable; allow_nan=False
    # guarantees strict JSON (to_jsonable has already turned NaN into text).
    return json.dumps(build_document(result, lang), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
