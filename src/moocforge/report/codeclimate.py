"""``--format codeclimate``: GitLab Code Quality, the subset of the Code Climate issue format GitLab reads.

A JSON array with one issue per finding. GitLab requires of each issue:
``description``, ``check_name``, ``fingerprint`` (unique: GitLab shows only
the first issue of a fingerprint), ``severity`` (``info``, ``minor``,
``major``, ``critical``, ``blocker``) and ``location.path`` with
``location.lines.begin``. The Code Climate specification's ``type``
(``"issue"``), ``categories`` and ``content`` are written too, for other
readers of the format.

- ``check_name`` is the rule id; ``description`` the message, led by the id.
- Severity: error → ``major``, warning → ``minor``, info → ``info`` (the
  mapping other linters use, so a course's findings rank among theirs).
- ``location.path`` is read from the repository root (``common.repository_path``)
  and ``lines.begin`` is the finding's line, or 1 when it has none: GitLab
  needs a line.
- ``fingerprint``: the finding's stable fingerprint and its occurrence
  (``…:1``, ``…:2``), as in SARIF, so GitLab's merge-request comparison
  survives moved lines.
- Suppressed findings are left out (the committee has accepted them; the
  format has no way to say so); findings known from a baseline stay in, being
  real problems, and GitLab's own base-versus-head comparison shows them as
  not new.
"""

from __future__ import annotations

import json
from typing import Any

from ..ci.fingerprints import numbered
from ..findings import Finding, Severity
from .common import details_text, known_findings, repository_path, rule_title

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
# The specification's categories: every rule checks the course against a written requirement.
CATEGORY = "Compatibility"


def render(result, lang: str) -> str:
    findings = [*result.findings, *known_findings(result)]
    prints = numbered([result.fingerprint(f) for f in findings])
    issues = [_issue(finding, fingerprint, result, lang) for finding, fingerprint in zip(findings, prints)]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _issue(finding: Finding, fingerprint: str, result, lang: str) -> dict[str, Any]:
    details = details_text(finding, lang)
    body = f"{rule_title(result, finding, lang)}\n\n{finding.text(lang)}" + (f"\n\n{details}" if details else "")
    return {
        "type": "issue",
        "check_name": finding.rule_id,
        "description": f"{finding.rule_id}: {finding.text(lang)}",
        "content": {"body": body},
        "categories": [CATEGORY],
        "severity": SEVERITIES[finding.severity],
        "fingerprint": fingerprint,
        "location": {"path": repository_path(result, finding.file), "lines": {"begin": finding.line or 1}},
    }
