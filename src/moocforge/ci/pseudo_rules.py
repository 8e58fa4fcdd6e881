"""The findings about exceptions themselves: unused, expired, or written so they cannot apply.

Like ruff's unused ``noqa`` (RUF100), an exception that excuses nothing is
reported, so the list of accepted deviations never outgrows the course. These
are not rules of the catalogue (they judge the configuration, not the course
against the regulation, and run after every rule): the pipeline adds them with
their metadata to ``CheckResult.rules``, so every reporter shows their titles.
Their texts are in ``locales/ci.yaml``.
"""

from __future__ import annotations

from ..findings import Finding, Location, Severity
from ..rules.registry import Rule

UNUSED = "CI101"
EXPIRED = "CI102"
INVALID = "CI103"


def _nothing(ctx):
    return ()


def _pseudo_rule(rule_id: str, name: str, messages: tuple[str, ...]) -> Rule:
    return Rule(rule_id, name, "ci", Severity.WARNING, "moocforge", _nothing, messages)


PSEUDO_RULES = {
    UNUSED: _pseudo_rule(UNUSED, "unused-exception", ("unused",)),
    EXPIRED: _pseudo_rule(EXPIRED, "expired-exception", ("expired",)),
    INVALID: _pseudo_rule(INVALID, "invalid-exception", ("no_reason", "no_rules", "bad_rule", "bad_date", "unknown_rule",
                                                         "no_question", "aiken_not_last")),
}


def exception_finding(rule_id: str, message: str, params: dict, where: Location) -> Finding:
    """A warning about an exception, at the place it is written."""
    return Finding(rule_id, Severity.WARNING, message, params, where)
