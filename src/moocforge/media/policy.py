"""Media policies as data, in the manner of MediaConch.

A policy is a YAML file: a name, a title and a list of tests, each a field of
the media facts (``video.bit_rate``, ``audio.channels`` … — ``MediaFacts.fields``),
an operator, a value, a severity and the clause it enforces. The built-in
``atu-source`` and ``atu-upload`` live in ``moocforge/policies/``; a studio
can pass its own file anywhere a policy name is accepted.

Evaluating a policy never raises: a field the file does not state gives an
"unknown" outcome, and tests of a track the file lacks are skipped (the
"track present" test reports that once).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


from .. import yamlio
from ..fileio import names_a_file
from ..findings import Severity
from ..textio import read_text
from .probe import MediaFacts

OPERATORS = ("=", "!=", ">=", "<=", ">", "<", "in", "not in")
PASS, FAIL, UNKNOWN, SKIPPED = "pass", "fail", "unknown", "skipped"


class PolicyError(Exception):
    """A policy cannot be found or read; the message says which and why."""


@dataclass(frozen=True)
class PolicyTest:
    id: str
    field: str
    operator: str
    value: Any
    severity: Severity = Severity.ERROR
    clause: str | None = None
    on_unknown: Severity | None = None  # severity when the field is not stated; default: the policy's


@dataclass(frozen=True)
class Policy:
    name: str
    title: str
    tests: tuple[PolicyTest, ...]
    description: str = ""
    on_unknown: Severity = Severity.WARNING
    source: str = "built-in"


@dataclass
class Outcome:
    test: PolicyTest
    result: str  # pass | fail | unknown | skipped
    measured: Any = None
    severity: Severity | None = None  # for fail and unknown


def _known_fields() -> set[str]:
    return set(MediaFacts(path="").fields())


def _builtin_folder():
    return resources.files("moocforge") / "policies"


def builtin_policies() -> list[str]:
    return sorted(entry.name[:-5] for entry in _builtin_folder().iterdir() if entry.name.endswith(".yaml"))


def _parse_test(raw: Any, index: int, where: str) -> PolicyTest:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: test {index + 1} must be a mapping with field, operator and value")
    missing = [key for key in ("field", "operator", "value") if key not in raw]
    if missing:
        raise PolicyError(f"{where}: test {index + 1} lacks {', '.join(missing)}")
    field_name, operator = str(raw["field"]), str(raw["operator"]).strip()
    if field_name not in _known_fields():
        known = ", ".join(sorted(_known_fields()))
        raise PolicyError(f"{where}: test {index + 1}: unknown field {field_name!r}; known fields: {known}")
    if operator not in OPERATORS:
        raise PolicyError(f"{where}: test {index + 1}: unknown operator {operator!r}; use one of {', '.join(OPERATORS)}")
    if operator in ("in", "not in") and not isinstance(raw["value"], list):
        raise PolicyError(f"{where}: test {index + 1}: operator {operator!r} needs a list value")
    severity = _severity(raw.get("severity", "error"), f"{where}: test {index + 1}: severity")
    on_unknown = raw.get("on_unknown")
    return PolicyTest(id=str(raw.get("id") or f"test-{index + 1}"), field=field_name, operator=operator,
                      value=raw["value"], severity=severity, clause=raw.get("clause"),
                      on_unknown=_severity(on_unknown, f"{where}: test {index + 1}: on_unknown") if on_unknown else None)


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        names = ", ".join(s.value for s in Severity)
        raise PolicyError(f"{where} must be one of {names}") from None


def parse_policy(text: str, where: str, default_name: str) -> Policy:
    """Read a policy document; PolicyError names the place of any mistake."""
    try:
        data = yamlio.load(text)
    except yamlio.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise PolicyError(f"{where}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("tests"), list) or not data["tests"]:
        raise PolicyError(f"{where}: a policy is a mapping with a non-empty list of `tests:`")
    on_unknown = _severity(data.get("on_unknown", "warning"), f"{where}: on_unknown")
    tests = tuple(_parse_test(raw, i, where) for i, raw in enumerate(data["tests"]))
    name = str(data.get("name") or default_name)
    return Policy(name=name, title=str(data.get("title") or name), tests=tests,
                  description=str(data.get("description") or "").strip(), on_unknown=on_unknown, source=where)


@lru_cache(maxsize=32)
def _load_builtin(name: str) -> Policy:
    entry = _builtin_folder() / f"{name}.yaml"
    if not entry.is_file():
        raise PolicyError(f"unknown policy {name!r}; built-in policies: {', '.join(builtin_policies())}; "
                          "or give a path to a policy .yaml file")
    return parse_policy(entry.read_text(encoding="utf-8"), f"policy {name}", name)


def load_policy(name_or_path: str | Path) -> Policy:
    """A built-in policy by name (atu-source, atu-upload) or a policy file by path."""
    spec = str(name_or_path)
    if names_a_file(spec):
        path = Path(spec)
        if not path.is_file():
            raise PolicyError(f"policy file {path} does not exist")
        try:
            text = read_text(path).text  # a studio's policy may come from a Windows editor
        except OSError as exc:
            raise PolicyError(f"policy file {path} cannot be read ({exc})") from None
        return parse_policy(text, str(path), path.stem)
    return _load_builtin(spec)


# ---------------------------------------------------------------- evaluation

def _close(a: float, b: float) -> bool:
    """Equal within the precision MediaInfo prints (three decimals: 23.976)."""
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9) or round(a, 3) == round(b, 3)


def _compare(measured: Any, operator: str, expected: Any) -> bool:
    if operator in ("in", "not in"):
        members = {str(v).lower() for v in expected}
        found = str(measured).lower() in members
        return found if operator == "in" else not found
    if isinstance(measured, bool) or isinstance(expected, bool) or isinstance(measured, str) \
            or isinstance(expected, str):
        same = str(measured).lower() == str(expected).lower()
        if operator in ("=", "!="):
            return same if operator == "=" else not same
        raise TypeError(f"operator {operator} needs numbers")
    a, b = float(measured), float(expected)
    # Equal within rounding counts as equal: 24000/1001 meets ">= 23.976".
    if operator == "=":
        return _close(a, b)
    if operator == "!=":
        return not _close(a, b)
    if operator == ">=":
        return a > b or _close(a, b)
    if operator == "<=":
        return a < b or _close(a, b)
    if operator == ">":
        return a > b and not _close(a, b)
    return a < b and not _close(a, b)


def _track_absent(field_name: str, fields: dict[str, Any]) -> bool:
    track = field_name.split(".", 1)[0]
    return track in ("video", "audio") and not field_name.endswith((".present", ".tracks")) \
        and fields.get(f"{track}.present") is False


def evaluate(policy: Policy, facts: MediaFacts) -> list[Outcome]:
    """Every test's outcome for one file, in the policy's order."""
    fields = facts.fields()
    outcomes: list[Outcome] = []
    for test in policy.tests:
        measured = fields.get(test.field)
        if not facts.readable or _track_absent(test.field, fields):
            outcomes.append(Outcome(test, SKIPPED, measured))
            continue
        if measured is None:
            outcomes.append(Outcome(test, UNKNOWN, None, test.on_unknown or policy.on_unknown))
            continue
        try:
            passed = _compare(measured, test.operator, test.value)
        except (TypeError, ValueError):
            outcomes.append(Outcome(test, UNKNOWN, measured, test.on_unknown or policy.on_unknown))
            continue
        outcomes.append(Outcome(test, PASS if passed else FAIL, measured, None if passed else test.severity))
    return outcomes


def problems(outcomes: list[Outcome]) -> list[Outcome]:
    """Failed and unknown outcomes, one per field: the most severe.

    Two tests on one field (frame rate ≥ 23.976 as an error, ≥ 24 as a
    warning) must not report one problem twice.
    """
    chosen: dict[str, Outcome] = {}
    for outcome in outcomes:
        if outcome.result not in (FAIL, UNKNOWN):
            continue
        current = chosen.get(outcome.test.field)
        if current is None or outcome.severity.rank > current.severity.rank:
            chosen[outcome.test.field] = outcome
    return [o for o in outcomes if chosen.get(o.test.field) is o]
