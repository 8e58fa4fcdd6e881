"""The question-bank model every reader fills in and every writer reads.

The model holds what Moodle would store after importing a bank (kinds,
texts with their format, grade fractions, feedback) plus the few notation
details GIFT needs to write the bank back the way it was written (``=`` or
``~%100%``, ``a:b`` or ``lo..hi``, where a missing-word blank sits). Source
positions (``line``) never take part in equality, so a bank read from a
rewritten file compares equal to the original.

Kinds carry Moodle's question-type names.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ..findings import Severity
from .moodle import FULL_CREDIT


class Kind(str, enum.Enum):
    MULTICHOICE = "multichoice"  # one or several correct answers (single=False)
    TRUEFALSE = "truefalse"
    SHORTANSWER = "shortanswer"
    NUMERICAL = "numerical"
    MATCH = "match"
    ESSAY = "essay"
    DESCRIPTION = "description"  # not a question: text shown between questions


# Moodle's text formats, as GIFT names them in [html] … markers.
FORMATS = ("moodle", "html", "plain", "markdown")
# GIFT and Moodle XML write this where the stem had an embedded answer block.
BLANK = "_____"


@dataclass(slots=True)
class Text:
    """A piece of text and the format Moodle renders it with."""

    text: str
    format: str = "moodle"


@dataclass(slots=True)
class Choice:
    """An answer of a multiple-choice or short-answer question.

    ``fraction`` is Moodle's grade (1.0 full credit, negative penalises).
    ``weight`` is the percentage exactly as written (``~%50%``), ``marked``
    says the answer was written with ``=``; both only matter for writing GIFT.
    """

    text: Text
    fraction: float
    feedback: Text | None = None
    weight: float | None = None
    marked: bool = False


@dataclass(slots=True)
class NumericAnswer:
    """One accepted number (or ``value=None``: Moodle's ``*``, any other answer).

    ``style`` is how it was written: ``exact`` (``1822``), ``tolerance``
    (``1822:5``), ``range`` (``1820..1824``; ``low``/``high`` kept exactly) or
    ``other`` (GIFT's ``~#feedback`` for every other answer).
    """

    value: float | None
    tolerance: float
    fraction: float
    feedback: Text | None = None
    style: str = "exact"
    low: float | None = None
    high: float | None = None
    weight: float | None = None
    marked: bool = True


@dataclass(slots=True)
class MatchPair:
    """A matching sub-question and its answer; an empty question is a distractor."""

    question: Text
    answer: str


@dataclass(slots=True)
class Question:
    """One question (or description) as Moodle would import it."""

    kind: Kind
    stem: Text
    title: str | None = None
    choices: list[Choice] = field(default_factory=list)  # multichoice, shortanswer
    numbers: list[NumericAnswer] = field(default_factory=list)  # numerical
    pairs: list[MatchPair] = field(default_factory=list)  # match
    truth: bool | None = None  # truefalse: the correct answer
    feedback_true: Text | None = None  # truefalse: shown to a learner who answers "true"
    feedback_false: Text | None = None
    general_feedback: Text | None = None
    single: bool = True  # multichoice: one answer may be chosen
    blank: int | None = None  # missing word: offset of BLANK in stem.text
    idnumber: str | None = None
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    line: int = field(default=0, compare=False)

    @property
    def is_gradable(self) -> bool:
        """Descriptions are shown, not answered: they are not test items."""
        return self.kind is not Kind.DESCRIPTION

    def correct_index(self) -> int | None:
        """Position of the one full-credit choice of a single-answer question, else None."""
        if self.kind is not Kind.MULTICHOICE or not self.single:
            return None
        full = [i for i, choice in enumerate(self.choices) if choice.fraction >= FULL_CREDIT]
        return full[0] if len(full) == 1 else None

    def label(self) -> str:
        """A short name for messages: the title, else the start of the stem."""
        if self.title:
            return self.title
        text = " ".join(self.stem.text.split())
        return text if len(text) <= 60 else text[:57] + "…"


@dataclass(slots=True)
class CategoryMark:
    """A ``$CATEGORY:`` line: questions from ``index`` on belong to ``name``."""

    index: int
    name: str
    line: int = field(default=0, compare=False)


@dataclass
class Bank:
    """A parsed bank: the questions Moodle would import, and what is wrong."""

    questions: list[Question] = field(default_factory=list)
    categories: list[CategoryMark] = field(default_factory=list)
    format: str = "gift"  # gift | aiken | moodlexml
    problems: list = field(default_factory=list, compare=False)  # list[Problem]
    source: str | None = field(default=None, compare=False)

    @property
    def gradable(self) -> list[Question]:
        return [q for q in self.questions if q.is_gradable]

    @property
    def question_count(self) -> int:
        """Questions read intact, descriptions not counted (``validity.importable_count`` also
        leaves out those whose grades Moodle refuses)."""
        return sum(1 for q in self.questions if q.is_gradable)

    def errors(self) -> list:
        return [p for p in self.problems if p.severity is Severity.ERROR]
