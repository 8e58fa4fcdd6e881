"""A baseline: today's findings recorded by fingerprint, so an old course fails only on what is new.

``moocforge check --write-baseline FILE`` records every finding's fingerprint
(``fingerprints``) with how often it occurs; ``--baseline FILE`` then treats
that many occurrences as known. Known findings do not fail the run; reports
count them and list the recorded ones that are gone (fixed), so the file can
be rewritten to lock the improvement in. The file is JSON, sorted, one entry
per fingerprint, with the rule, file and message for the people reviewing it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from .. import __version__
from ..errors import UserError
from ..findings import Finding

FORMAT = "moocforge-baseline"
VERSION = 1


class BaselineError(UserError):
    """The baseline file cannot be read or is not a moocforge baseline."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    file: str | None
    message: str
    count: int = 1


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: tuple[Entry, ...] = ()


@dataclass
class Comparison:
    """What a check found against a baseline."""

    path: str
    known: list[Finding] = field(default_factory=list)  # recorded, still there: they do not fail the run
    fixed: list[Entry] = field(default_factory=list)  # recorded, gone (count: how many of them)


def baseline_document(findings: Iterable[Finding], fingerprint_of: Callable[[Finding], str],
                      text_of: Callable[[Finding], str]) -> dict:
    entries: dict[str, Entry] = {}
    for finding in findings:
        key = fingerprint_of(finding)
        found = entries.get(key)
        entries[key] = replace(found, count=found.count + 1) if found else \
            Entry(key, finding.rule_id, finding.file, text_of(finding))
    ordered = sorted(entries.values(), key=lambda e: (e.file or "", e.rule, e.fingerprint))
    return {"format": FORMAT, "version": VERSION, "tool": {"name": "moocforge", "version": __version__},
            "findings": [{"fingerprint": e.fingerprint, "rule": e.rule, "file": e.file, "message": e.message,
                          "count": e.count} for e in ordered]}


def read_baseline(path: str | Path) -> Baseline:
    where = {"file": str(path)}
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise BaselineError("ci.baseline.missing", **where, hint="ci.baseline.missing_hint") from None
    except OSError as exc:
        raise BaselineError("ci.baseline.unreadable", **where, error=exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BaselineError("ci.baseline.not_a_baseline", **where, hint="ci.baseline.missing_hint") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError("ci.baseline.not_a_baseline", **where, hint="ci.baseline.missing_hint")
    if data.get("version") != VERSION:
        raise BaselineError("ci.baseline.version", **where, version=str(data.get("version")), supported=VERSION,
                            hint="ci.baseline.missing_hint")
    try:
        entries = tuple(Entry(str(item["fingerprint"]), str(item["rule"]), item.get("file"), str(item.get("message", "")),
                              int(item.get("count", 1))) for item in data["findings"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BaselineError("ci.baseline.not_a_baseline", **where, hint="ci.baseline.missing_hint") from None
    return Baseline(str(path), entries)


def compare(baseline: Baseline, findings: Iterable[Finding], fingerprint_of: Callable[[Finding], str],
            in_scope: Callable[[Entry], bool]) -> tuple[list[Finding], Comparison]:
    """(new findings, comparison): the recorded occurrences of a fingerprint are known, any more are new.

    ``in_scope(entry)``: could the entry have been found by this run (its rule ran,
    its file was looked at)? Only such entries can be called fixed.
    """
    remaining = {e.fingerprint: e.count for e in baseline.entries}
    new, comparison = [], Comparison(baseline.path)
    for finding in findings:
        key = fingerprint_of(finding)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
            comparison.known.append(finding)
        else:
            new.append(finding)
    comparison.fixed = [replace(e, count=remaining[e.fingerprint]) for e in baseline.entries
                        if remaining[e.fingerprint] > 0 and in_scope(e)]
    return new, comparison
