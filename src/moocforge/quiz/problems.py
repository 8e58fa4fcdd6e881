"""What can be wrong in a bank file, each with its own message and line.

Readers never stop at the first problem: they record a ``Problem`` and go on,
as Moodle's importer goes on to the next question. Each problem code is a
message key of one rule in the catalogue (``QZ101.cyrillic_letter``), so the
same text explains it in ``moocforge check``, ``quiz lint`` and the
``QuizSyntaxError`` a strict read raises.

A problem may carry line fixes that ``quiz fix`` applies when the author's
intent is unambiguous (a Cyrillic А written for A, ``answer:`` for ``ANSWER:``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Severity

SYNTAX_RULE = "QZ101"  # Moodle drops, rejects or misreads the question
NOTATION_RULE = "QZ102"  # works in some Moodle versions, or is likely a slip
ENCODING_RULE = "QZ103"  # Moodle reads UTF-8 only

# code -> rule. The rule's severity applies unless SEVERITY says otherwise.
SYNTAX_CODES = (
    # Aiken
    "option_before_question", "answer_before_question", "too_few_options", "no_answer_line",
    "multiline_stem", "cyrillic_letter", "lowercase_letter", "label_punctuation", "invisible_character",
    "answer_lowercase", "answer_spacing", "answer_localized", "answer_missing_letter",
    "answer_letter_cyrillic", "answer_letter_lowercase", "answer_letter_outside", "answer_letter_invalid",
    "answer_several_letters", "letters_out_of_order",
    # GIFT
    "brace_missing", "brace_order", "too_few_answers", "match_arrow_missing", "numerical_no_answers",
    "numerical_not_number", "weight_invalid", "category_swallows", "zero_answer_dropped",
    # any file
    "unreadable", "unknown_format", "xml_invalid", "unsupported_type",
)
NOTATION_CODES = (
    "nbsp_after_letter", "no_space_after_letter", "title_unclosed", "second_answer_block",
    "truefalse_case", "format_case", "category_escape", "no_questions",
)
ENCODING_CODES = ("not_utf8",)

RULE_OF: dict[str, str] = {
    **{code: SYNTAX_RULE for code in SYNTAX_CODES},
    **{code: NOTATION_RULE for code in NOTATION_CODES},
    **{code: ENCODING_RULE for code in ENCODING_CODES},
}
SEVERITY_OF: dict[str, Severity] = {
    **{code: Severity.ERROR for code in SYNTAX_CODES + ENCODING_CODES},
    **{code: Severity.WARNING for code in NOTATION_CODES},
}


@dataclass(frozen=True)
class LineFix:
    """Replace line ``line`` (1-based) by ``text``; ``text=None`` deletes it."""

    line: int
    text: str | None


@dataclass
class Problem:
    """One thing wrong in a bank file, at a line."""

    code: str
    line: int
    params: dict[str, Any] = field(default_factory=dict)
    fixes: tuple[LineFix, ...] = ()

    @property
    def rule_id(self) -> str:
        return RULE_OF[self.code]

    @property
    def severity(self) -> Severity:
        return SEVERITY_OF[self.code]

    @property
    def message_key(self) -> str:
        return f"{self.rule_id}.{self.code}"

    def text(self, lang: str = "en") -> str:
        from ..i18n import t

        return t(self.message_key, lang, **self.params)


class QuizSyntaxError(ValueError):
    """A bank that Moodle would not import as written (raised by strict reads).

    Always carries the line (1-based) and the problem, so a caller can say
    where and how to fix it without a traceback.
    """

    def __init__(self, problem: Problem, source: str | None = None):
        self.problem = problem
        self.source = source
        self.line = problem.line
        super().__init__(self.describe())

    def describe(self, lang: str = "en") -> str:
        where = f"{self.source}:{self.line}" if self.source else f"line {self.line}"
        return f"{where}: {self.problem.text(lang)}"


def first_error(problems: list[Problem]) -> Problem | None:
    """The earliest error-level problem, if any."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return min(errors, key=lambda p: p.line) if errors else None
