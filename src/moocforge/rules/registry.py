"""The rule catalogue: stable ids, severities, clauses and translated docs.

A rule is a pure function of a ``RuleContext`` (model, evidence, profile) that
yields ``Finding`` objects. It never opens a file: anything it needs from disk
is gathered beforehand by ``moocforge.inspect`` into the evidence.

Register one with the decorator::

    @rule("ST101", area="structure", severity=Severity.ERROR, clause="ATU §8.1",
          thresholds=("structure.modules.min", "structure.modules.max"))
    def module_count(ctx): ...

Its title, doc and messages are catalogue keys (``ST101.title``, ``ST101.doc``,
``ST101.<message>``) translated in ``locales/<area>.yaml``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..i18n import t


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass
class Finding:
    """One thing wrong (or worth knowing) about the course.

    ``message`` is a catalogue key below the rule (``ST101.too_few`` is written
    ``too_few``) rendered with ``params`` in the reader's language.
    """

    rule_id: str
    severity: Severity
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None  # relative to the course root, '/'-separated
    line: int | None = None
    location: str | None = None  # slide 3, page 2, 04:12–04:31 …
    module: str | None = None
    lesson: str | None = None
    measured: Any = None
    expected: Any = None
    clause: str | None = None

    @property
    def message_key(self) -> str:
        # A dotted message is already a full key (e.g. "core.internal_error").
        return self.message if "." in self.message else f"{self.rule_id}.{self.message}"

    def text(self, lang: str) -> str:
        # A parameter given as {"i18n": KEY} is itself a catalogue key (e.g. a
        # file role), translated into the same language as the message.
        params = {k: t(v["i18n"], lang) if isinstance(v, dict) and set(v) == {"i18n"} else v
                  for k, v in self.params.items()}
        return t(self.message_key, lang, **params)


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
    needs: tuple[str, ...] = ()  # evidence kinds the rule reads: "quiz", "media", "qc", "links"

    def title(self, lang: str) -> str:
        return t(f"{self.id}.title", lang)

    def doc(self, lang: str) -> str:
        return t(f"{self.id}.doc", lang)

    def catalogue_keys(self) -> list[str]:
        return [f"{self.id}.title", f"{self.id}.doc"] + [f"{self.id}.{m}" for m in self.messages]


_RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, name: str, area: str, severity: Severity, clause: str,
         messages: Iterable[str] = (), thresholds: Iterable[str] = (), needs: Iterable[str] = ()):
    """Register a rule. ``messages`` lists every message key the rule may emit."""

    def register(func: Callable[["RuleContext"], Iterable[Finding]]):
        if rule_id in _RULES:
            raise RuntimeError(f"rule id {rule_id} registered twice")
        _RULES[rule_id] = Rule(rule_id, name, area, severity, clause, func,
                               tuple(messages), tuple(thresholds), tuple(needs))
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


@dataclass
class RuleContext:
    """Everything a rule may read. Built once per check."""

    course: Any  # LoadedCourse
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
        keys = [clause_key] if clause_key else list(self.rule.thresholds)
        clauses: list[str] = []
        for key in keys:
            clause = self.profile.clause(key)
            if clause and clause not in clauses:
                clauses.append(clause)
        return "; ".join(clauses) or self.rule.clause

    def finding(self, message: str, *, severity: Severity | None = None, field_path: tuple | None = None,
                file: str | None = None, clause_key: str | None = None, **kwargs: Any) -> Finding:
        """Build a finding for the current rule.

        ``field_path`` points into the descriptor: the finding then names
        course.yaml and the line of that field. ``clause_key`` names the
        profile value whose clause to cite (default: the rule's clause).
        """
        assert self.rule is not None
        line = kwargs.pop("line", None)
        if field_path is not None and file is None:
            file = self.course.descriptor_name
            line = self.course.line_of(field_path)
        return Finding(
            rule_id=self.rule.id,
            severity=severity or self.rule.severity,
            message=message,
            file=file,
            line=line,
            clause=self._clause(clause_key),
            **kwargs,
        )


def run_rules(ctx: RuleContext, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> Iterator[Finding]:
    """Run every selected rule; a rule that crashes becomes an internal finding, not a traceback."""
    chosen = all_rules()
    if select:
        prefixes = tuple(s.upper() for s in select)
        chosen = [r for r in chosen if r.id.startswith(prefixes)]
    skip = tuple(s.upper() for s in ignore)
    if skip:
        chosen = [r for r in chosen if not r.id.startswith(skip)]
    for item in chosen:
        ctx.rule = item
        try:
            yield from item.check(ctx)
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            yield Finding(item.id, Severity.ERROR, "core.internal_error",
                          {"rule": item.id, "error": f"{type(exc).__name__}: {exc}"},
                          clause=item.clause)
    ctx.rule = None
