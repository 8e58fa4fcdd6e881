"""``--format json``: the check result as a documented, versioned document.

The layout is described field by field in docs/report-formats.md and exactly
by the JSON Schema shipped as ``moocforge/schemas/check-report-1.json``.
``VERSION`` changes only when a field is removed, renamed or changes type;
new fields may appear within a version, so readers must ignore unknown keys.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..rules.registry import Finding
from .common import rule_title, summarise
from .jsonable import to_jsonable

FORMAT = "moocforge-check"
VERSION = 1
SCHEMA_RESOURCE = "schemas/check-report-1.json"  # inside the moocforge package


def build_document(result, lang: str) -> dict[str, Any]:
    """The report as plain dicts and lists (what ``render`` serialises)."""
    course, profile = result.course, result.profile
    summary = summarise(result.findings)
    return {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "moocforge", "version": __version__},
        "course": {
            "path": course.root.as_posix(),
            "descriptor": course.descriptor_name,
            "title": course.model.title,
            "language": course.model.language,
        },
        "profile": {"name": profile.name, "title": profile.title, "chain": list(profile.chain)},
        "language": lang,
        "summary": {
            "total": summary.total,
            "error": summary.errors,
            "warning": summary.warnings,
            "info": summary.info,
            "files": summary.files,
        },
        "findings": [_finding(f, lang) for f in result.findings],
    }


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "rule": finding.rule_id,
        "rule_title": rule_title(finding, lang),
        "severity": finding.severity.value,
        "message": finding.text(lang),
        "message_key": finding.message_key,
        "params": to_jsonable(finding.params),
        "file": finding.file,
        "line": finding.line,
        "location": finding.location,
        "module": finding.module,
        "lesson": finding.lesson,
        "measured": to_jsonable(finding.measured),
        "expected": to_jsonable(finding.expected),
        "clause": finding.clause,
    }


def render(result, lang: str) -> str:
    # ensure_ascii=False keeps Kazakh and Russian readable; allow_nan=False
    # guarantees strict JSON (to_jsonable has already turned NaN into text).
    return json.dumps(build_document(result, lang), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
