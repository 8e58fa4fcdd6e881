"""Media policies as data, in the manner of MediaConch.

A policy is a YAML file: a name, a title and a list of tests, each a field of
the media facts (``video.bit_rate``, ``audio.channels`` … — ``MediaFacts.fields``),
an operator, a value, a severity and the clause it enforces. The built-in
``atu-source`` and ``atu-upload`` live in ``moocforge/policies/``; a studio
can pass its own file anywhere a policy name is accepted.

Evaluating a policy never raises: a field the file does not state gives an
"unknown" outcome, and tests of a track the file lacks are skipped (the
"track present" test reports that once). A policy may test one field more
than once (frame rate ≥ 23.976 as an error, ≥ 24 as a warning); the field
then has one verdict (``field_verdicts``), and everything a person reads —
findings, the terminal table, the JSON ``fields`` — speaks of fields.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .. import yamlio
from ..errors import UserError
from ..fileio import names_a_file
from ..findings import Severity
from ..textio import read_settings_file
from .probe import MediaFacts

OPERATORS = ("=", "!=", ">=", "<=", ">", "<", "in", "not in")
ORDERING_OPERATORS = (">=", "<=", ">", "<")
PASS, FAIL, UNKNOWN, SKIPPED = "pass", "fail", "unknown", "skipped"


class PolicyError(UserError):
    """A policy cannot be found or read: a catalogue key (``media.policy.error.*``), where, and how to fix it."""


def field_label_key(field_name: str) -> str:
    """The catalogue key of a facts field in words ("video.frame_rate" → "frame rate")."""
    return f"media.field.{field_name}"


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


def known_fields() -> list[str]:
    """Every field a policy may test, in the order ``MediaFacts.fields`` gives them."""
    return list(MediaFacts(path="").fields())


def _builtin_folder():
    return resources.files("moocforge") / "policies"


def builtin_policies() -> list[str]:
    return sorted(entry.name[:-5] for entry in _builtin_folder().iterdir() if entry.name.endswith(".yaml"))


# ---------------------------------------------------------------- reading

@dataclass(frozen=True)
class _Place:
    """Where a test stands, for messages: the file, the test's number and its line."""

    file: str
    index: int
    line: int | None

    def error(self, key: str, **params: Any) -> PolicyError:
        return PolicyError(key, file=self.file, line=self.line, index=self.index, **params)


def _test_lines(text: str) -> list[int | None]:
    """The line of each item of ``tests:`` (the text already parsed, so composing it succeeds)."""
    root = yaml.compose(text, Loader=yamlio.SafeLoader)
    for key, value in getattr(root, "value", []):
        if getattr(key, "value", None) == "tests" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _check_field(raw: dict, place: _Place) -> str:
    name = str(raw["field"])
    if name in known_fields():
        return name
    closest = difflib.get_close_matches(name, known_fields(), n=1, cutoff=0.6)
    if closest:
        raise place.error("media.policy.error.unknown_field", name=name, hint="media.policy.hint.closest_field",
                          hint_params={"closest": closest[0]})
    raise place.error("media.policy.error.unknown_field", name=name, hint="media.policy.hint.list_fields")


def _check_operator(raw: dict, place: _Place) -> str:
    operator = str(raw["operator"]).strip()
    if operator not in OPERATORS:
        raise place.error("media.policy.error.unknown_operator", operator=operator,
                          hint="media.policy.hint.operators", hint_params={"operators": ", ".join(OPERATORS)})
    value = raw["value"]
    if operator in ("in", "not in") and not isinstance(value, list):
        raise place.error("media.policy.error.needs_list", operator=operator, hint="media.policy.hint.list_value")
    if operator in ORDERING_OPERATORS and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise place.error("media.policy.error.needs_number", operator=operator, value=str(value),
                          hint="media.policy.hint.number_value")
    return operator


def _severity(value: Any, setting: str, file: str, line: int | None = None) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        raise PolicyError("media.policy.error.severity", file=file, line=line, setting=setting, value=str(value),
                          hint="media.policy.hint.severities",
                          hint_params={"names": ", ".join(s.value for s in Severity)}) from None


def _parse_test(raw: Any, place: _Place) -> PolicyTest:
    if not isinstance(raw, dict):
        raise place.error("media.policy.error.test_not_mapping", hint="media.policy.hint.example")
    missing = [key for key in ("field", "operator", "value") if key not in raw]
    if missing:
        raise place.error("media.policy.error.test_lacks", missing=", ".join(missing), hint="media.policy.hint.example")
    field_name, operator = _check_field(raw, place), _check_operator(raw, place)
    on_unknown = raw.get("on_unknown")
    return PolicyTest(id=str(raw.get("id") or f"test-{place.index}"), field=field_name, operator=operator,
                      value=raw["value"], severity=_severity(raw.get("severity", "error"), "severity", place.file,
                                                             place.line),
                      clause=raw.get("clause"),
                      on_unknown=_severity(on_unknown, "on_unknown", place.file, place.line) if on_unknown else None)


def parse_policy(text: str, where: str, default_name: str) -> Policy:
    """Read a policy document; PolicyError names the place of any mistake."""
    data = yamlio.load_settings(text, where, PolicyError, "media.policy.error.yaml", "media.policy.hint.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("tests"), list) or not data["tests"]:
        raise PolicyError("media.policy.error.shape", file=where, hint="media.policy.hint.example")
    on_unknown = _severity(data.get("on_unknown", "warning"), "on_unknown", where)
    lines = _test_lines(text)
    tests = tuple(_parse_test(raw, _Place(where, i + 1, lines[i] if i < len(lines) else None))
                  for i, raw in enumerate(data["tests"]))
    name = str(data.get("name") or default_name)
    return Policy(name=name, title=str(data.get("title") or name), tests=tests,
                  description=str(data.get("description") or "").strip(), on_unknown=on_unknown, source=where)


@lru_cache(maxsize=32)
def _load_builtin(name: str) -> Policy:
    entry = _builtin_folder() / f"{name}.yaml"
    if not entry.is_file():
        raise PolicyError("media.policy.error.unknown", name=name, known=", ".join(builtin_policies()),
                          hint="media.policy.hint.name_or_file")
    return parse_policy(entry.read_text(encoding="utf-8"), f"policies/{name}.yaml", name)


def load_policy(name_or_path: str | Path) -> Policy:
    """A built-in policy by name (atu-source, atu-upload) or a policy file by path."""
    spec = str(name_or_path)
    if names_a_file(spec):
        path = Path(spec)
        text = read_settings_file(path, PolicyError, "media.policy.error", hint="media.policy.hint.name_or_file")
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


@dataclass(frozen=True)
class FieldVerdict:
    """One field's verdict over every test of it: one row, one finding at most.

    ``decisive`` is the outcome that speaks for the field: the most severe
    failed or unknown test (the first of equals), else the first test.
    """

    field: str
    outcomes: tuple[Outcome, ...]
    decisive: Outcome

    @property
    def result(self) -> str:
        if self.decisive.result in (FAIL, UNKNOWN):
            return self.decisive.result
        return SKIPPED if all(o.result == SKIPPED for o in self.outcomes) else PASS

    @property
    def severity(self) -> Severity | None:
        return self.decisive.severity if self.result in (FAIL, UNKNOWN) else None

    @property
    def measured(self) -> Any:
        return self.decisive.measured

    @property
    def is_problem(self) -> bool:
        return self.result in (FAIL, UNKNOWN)


def _decisive(outcomes: list[Outcome]) -> Outcome:
    problems_found = [o for o in outcomes if o.result in (FAIL, UNKNOWN)]
    if not problems_found:
        return outcomes[0]
    return max(problems_found, key=lambda o: o.severity.rank)  # max keeps the first of equals


def field_verdicts(outcomes: list[Outcome]) -> list[FieldVerdict]:
    """One verdict per field, in the order the policy first tests each field.

    Two tests on one field (frame rate ≥ 23.976 as an error, ≥ 24 as a
    warning) are two thresholds of one requirement: a file at 15 fps fails
    it once, as an error, and never twice.
    """
    by_field: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_field.setdefault(outcome.test.field, []).append(outcome)
    return [FieldVerdict(name, tuple(found), _decisive(found)) for name, found in by_field.items()]


def problems(outcomes: list[Outcome]) -> list[Outcome]:
    """The decisive outcome of each field that failed or is unknown: one per field."""
    return [verdict.decisive for verdict in field_verdicts(outcomes) if verdict.is_problem]
