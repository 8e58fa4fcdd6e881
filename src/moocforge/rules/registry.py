"""The rule catalogue: stable ids, severities, clauses, translated docs, evidence needs.

A rule is a pure function of a ``RuleContext`` (model, evidence, profile) that
yields ``Finding`` objects. It never opens a file: anything it needs from disk
is gathered beforehand by ``moocforge.inspect`` as evidence of the kinds the
rule declares in ``needs`` (and only those: reading an undeclared kind is an
error, so a declaration cannot silently fall behind the code).

Register one with the decorator::

    @rule("ST101", name="module-count", area="structure", severity=Severity.ERROR, clause="ATU §8.1",
          thresholds=("structure.modules.min", "structure.modules.max"), criteria=(3,))
    def module_count(ctx): ...

Its title, doc and messages are catalogue keys (``ST101.title``, ``ST101.doc``,
``ST101.<message>``) translated in ``locales/<area>.yaml``. A title may name
its thresholds by their last key segment (``{min}``, ``{max}``): they are
filled from the active profile, so a department's own numbers show.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from ..errors import UserError
from ..findings import INTERNAL_ERROR, Bound, Finding, Location, Severity
from ..i18n import t


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    area: str
    severity: Severity
    clause: str
    check: Callable[["RuleContext"], Iterable[Finding]]
    messages: tuple[str, ...] = ()
    thresholds: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # evidence kinds the rule reads (see moocforge.inspect)
    criteria: tuple[int, ...] = ()  # rubric criteria (ATU form 10) the rule informs

    def title(self, lang: str, profile: Any = None) -> str:
        return t(f"{self.id}.title", lang, **self.threshold_values(profile))

    def doc(self, lang: str, profile: Any = None) -> str:
        return t(f"{self.id}.doc", lang, **self.threshold_values(profile))

    def threshold_values(self, profile: Any = None) -> dict[str, Any]:
        """The rule's thresholds by their last key segment, from ``profile`` (default: atu-2025)."""
        if profile is None:
            from ..profiles import load_profile

            profile = load_profile()
        values: dict[str, Any] = {}
        for key in self.thresholds:
            try:
                value = profile.get(key)
            except KeyError:
                continue
            values[threshold_param(key)] = ", ".join(map(str, value)) if isinstance(value, list) else value
        return values

    def catalogue_keys(self) -> list[str]:
        return [f"{self.id}.title", f"{self.id}.doc"] + [f"{self.id}.{m}" for m in self.messages]


def threshold_param(key: str) -> str:
    """The placeholder a title or doc uses for a threshold: its last key segment."""
    return key.rsplit(".", 1)[-1]


_RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, name: str, area: str, severity: Severity, clause: str,
         messages: Iterable[str] = (), thresholds: Iterable[str] = (), needs: Iterable[str] = (),
         criteria: Iterable[int] = ()):
    """Register a rule. ``messages`` lists every message key the rule may emit."""

    def register(func: Callable[["RuleContext"], Iterable[Finding]]):
        if rule_id in _RULES:
            raise RuntimeError(f"rule id {rule_id} registered twice")
        _RULES[rule_id] = Rule(rule_id, name, area, severity, clause, func, tuple(messages), tuple(thresholds),
                               tuple(needs), tuple(criteria))
        return func

    return register


def all_rules() -> list[Rule]:
    from . import load_rule_modules

    load_rule_modules()
    return [_RULES[k] for k in sorted(_RULES)]


def get_rule(rule_id: str) -> Rule | None:
    from . import load_rule_modules

    load_rule_modules()
    wanted = rule_id.strip().upper()
    if wanted in _RULES:
        return _RULES[wanted]
    for item in _RULES.values():
        if item.name == rule_id.strip().lower():
            return item
    return None


class UnknownRuleSelector(UserError):
    """A --select/--ignore value that matches no rule (a typo would otherwise check nothing)."""

    def __init__(self, option: str, value: str, closest: str | None):
        self.option, self.value, self.closest = option, value, closest
        super().__init__("core.error.unknown_selector", option=option, value=value,
                         hint="core.error.closest_rule" if closest else "core.error.list_rules",
                         hint_params={"closest": closest or ""})


# Letters typed for look-alike digits in rule ids ("ST1O1", "CDl05").
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _closest(value: str, rules: list[Rule]) -> str | None:
    """The rule a mistyped selector most likely meant: by id (look-alike digits fixed), else by name."""
    as_id = value.upper()
    as_id = as_id[:2] + as_id[2:].translate(_DIGIT_LOOKALIKES)
    match = difflib.get_close_matches(as_id, [r.id for r in rules], n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(value.lower(), [r.name for r in rules], n=1, cutoff=0.6)
    found = get_rule(match[0]) if match else None
    return found.id if found else None


def _matches(item: Rule, selectors: tuple[str, ...]) -> bool:
    return item.id.startswith(tuple(s.upper() for s in selectors)) or item.name in selectors


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules a run evaluates: ids (or prefixes, or names) in ``select``, minus ``ignore``.

    A selector that matches no rule raises ``UnknownRuleSelector`` naming the closest one.
    """
    rules = all_rules()
    chosen = rules
    for option, values in (("--select", select or ()), ("--ignore", ignore or ())):
        for value in values:
            if not any(_matches(r, (value.strip(),)) for r in rules):
                raise UnknownRuleSelector(option, value, _closest(value.strip(), rules))
    if select:
        chosen = [r for r in chosen if _matches(r, tuple(s.strip() for s in select))]
    if ignore:
        chosen = [r for r in chosen if not _matches(r, tuple(s.strip() for s in ignore))]
    return chosen


def evidence_needed(rules: Iterable[Rule]) -> set[str]:
    return {kind for item in rules for kind in item.needs}


class UndeclaredEvidence(AttributeError):
    """A rule read an evidence kind it does not declare in ``needs``."""


class EvidenceView:
    """The evidence as one rule may see it: the kinds it declares, nothing else."""

    def __init__(self, evidence: Any, rule_item: Rule | None):
        self._evidence = evidence
        self._rule = rule_item

    def __getattr__(self, name: str) -> Any:
        if name in ("deep", "online"):
            return getattr(self._evidence, name)
        if self._rule is not None and name not in self._rule.needs:
            raise UndeclaredEvidence(f"rule {self._rule.id} reads evidence {name!r} but does not declare it in needs")
        return getattr(self._evidence, name)


@dataclass
class RuleContext:
    """Everything a rule may read. Built once per check."""

    course: Any  # LoadedCourse or LooseFiles: the subject
    evidence: Any  # Evidence
    profile: Any  # Profile
    rule: Rule | None = None

    @property
    def model(self):
        return self.course.model

    def threshold(self, key: str) -> Any:
        return self.profile.get(key)

    def _clause(self, clause_key: str | None) -> str:
        """Cite where the numbers came from: the profile's clauses for the
        thresholds used (a user's override names their file), else the rule's."""
        assert self.rule is not None
        keys = [clause_key] if clause_key else list(self.rule.thresholds)
        clauses: list[str] = []
        for key in keys:
            clause = self.profile.clause(key)
            if clause and clause not in clauses:
                clauses.append(clause)
        return "; ".join(clauses) or self.rule.clause

    def finding(self, message: str, *, severity: Severity | None = None, field_path: tuple | None = None,
                file: str | None = None, line: int | None = None, page: int | None = None, slide: int | None = None,
                start: float | None = None, end: float | None = None, clause_key: str | None = None,
                clause: str | None = None, module: str | None = None, lesson: str | None = None,
                params: dict[str, Any] | None = None, measured: Any = None, expected: Bound | None = None) -> Finding:
        """Build a finding for the current rule.

        ``field_path`` points into the descriptor: the finding then names
        course.yaml and the line of that field. ``clause_key`` names the
        profile value whose clause to cite (default: the rule's thresholds'
        clauses); ``clause`` gives one outright (a media policy's test).
        """
        assert self.rule is not None
        if field_path is not None and file is None:
            file = self.course.descriptor_name or None
            line = self.course.line_of(field_path)
        return Finding(
            rule_id=self.rule.id,
            severity=severity or self.rule.severity,
            message=message,
            params=params or {},
            location=Location(file=file, line=line, page=page, slide=slide, start=start, end=end),
            module=module,
            lesson=lesson,
            measured=measured,
            expected=expected,
            clause=clause or self._clause(clause_key),
        )


def evaluate(rules: Iterable[Rule], course: Any, evidence: Any, profile: Any) -> Iterator[Finding]:
    """Run each rule; a rule that crashes becomes an internal finding, not a traceback."""
    for item in rules:
        ctx = RuleContext(course=course, evidence=None, profile=profile, rule=item)
        ctx.evidence = EvidenceView(evidence, item)
        try:
            yield from item.check(ctx)
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            yield Finding(item.id, Severity.ERROR, INTERNAL_ERROR,
                          {"rule": item.id, "error": f"{type(exc).__name__}: {exc}"}, clause=item.clause)
