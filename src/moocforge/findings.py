"""The neutral value types every stage shares: Severity, Location, typed values, Finding.

Reporters, the rubric, packaging and the HTML page read findings; none of them
should need the rule registry to do so. So the types live here, below every
other module: a finding names its rule by id, says where (``Location``) and
carries what was measured and what was expected as typed values
(``Quantity`` and ``Bound``) that a score or a chart can compute with.
Turning them into text is the reporters' job (``report/values.py``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any

from .i18n import t


class Severity(str, enum.Enum):
    """How serious a finding is; the one severity type of the whole program."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        """A severity from its name in any case ("Error", "warning"); ValueError otherwise."""
        if isinstance(value, Severity):
            return value
        return cls(str(value).strip().lower())

    def at_least(self, other: "Severity") -> bool:
        return self.rank >= other.rank


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}
# Most serious first: the order findings are listed in.
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class Location:
    """Where a finding points: a file and, inside it, a line, page, slide or stretch of time.

    ``file`` is relative to the course root and '/'-separated (for loose files:
    the path as the user gave it). Times are seconds from the start of a media
    file; ``end`` is None for a moment rather than a stretch.
    """

    file: str | None = None
    line: int | None = None
    page: int | None = None
    slide: int | None = None
    start: float | None = None
    end: float | None = None

    @property
    def has_position(self) -> bool:
        """Something finer than the file: a page, a slide or a time."""
        return any(v is not None for v in (self.page, self.slide, self.start))


# ---------------------------------------------------------------- typed values

@dataclass(frozen=True)
class Quantity:
    """A measured value with its unit code (see ``report/values.py`` for the codes).

    ``value`` is a number for most units; a tuple of numbers for dimensions
    (``(1920, 1080)`` with unit ``px``); text, a boolean or a list where the
    thing measured is not a number (a codec name, a list of missing fields).
    """

    value: Any
    unit: str | None = None


# Operators a Bound may carry. "between" is inclusive and has an upper value;
# "in" / "not in" take a list; "filled" means "must be given" and has no value.
BOUND_OPERATORS = (">=", ">", "<=", "<", "=", "!=", "between", "in", "not in", "filled")


@dataclass(frozen=True)
class Bound:
    """What a rule expected: an operator and a value (and an upper value for "between")."""

    op: str
    value: Any = None
    upper: Any = None
    unit: str | None = None

    def __post_init__(self) -> None:
        if self.op not in BOUND_OPERATORS:
            raise ValueError(f"unknown bound operator {self.op!r}")


def at_least(value: Any, unit: str | None = None) -> Bound:
    return Bound(">=", value, unit=unit)


def more_than(value: Any, unit: str | None = None) -> Bound:
    return Bound(">", value, unit=unit)


def at_most(value: Any, unit: str | None = None) -> Bound:
    return Bound("<=", value, unit=unit)


def less_than(value: Any, unit: str | None = None) -> Bound:
    return Bound("<", value, unit=unit)


def between(low: Any, high: Any, unit: str | None = None) -> Bound:
    return Bound("between", low, high, unit=unit)


def equal_to(value: Any, unit: str | None = None) -> Bound:
    return Bound("=", value, unit=unit)


def one_of(values: Any, unit: str | None = None) -> Bound:
    return Bound("in", list(values), unit=unit)


def filled() -> Bound:
    return Bound("filled")


def as_quantity(value: Any) -> Quantity | None:
    """A measured value as a Quantity; a bare value becomes a unitless one."""
    if value is None or isinstance(value, Quantity):
        return value
    return Quantity(value)


# ---------------------------------------------------------------- the finding

@dataclass
class Finding:
    """One thing wrong (or worth knowing) about the course or a file.

    ``message`` is a catalogue key below the rule (``ST101.too_few`` is written
    ``too_few``) rendered with ``params`` in the reader's language.
    """

    rule_id: str
    severity: Severity
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=Location)
    module: str | None = None
    lesson: str | None = None
    measured: Quantity | None = None
    expected: Bound | None = None
    clause: str | None = None

    def __post_init__(self) -> None:
        self.measured = as_quantity(self.measured)
        if self.expected is not None and not isinstance(self.expected, Bound):
            raise TypeError(f"{self.rule_id}: expected must be a Bound, not {type(self.expected).__name__}")

    @property
    def file(self) -> str | None:
        return self.location.file

    @property
    def line(self) -> int | None:
        return self.location.line

    def moved(self, **where: Any) -> "Finding":
        """The same finding at another place (``file=``, ``line=`` …)."""
        return replace(self, location=replace(self.location, **where))

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

    def fails(self, threshold: Severity) -> bool:
        return self.severity.at_least(threshold)


INTERNAL_ERROR = "core.internal_error"
