"""What can be wrong in a bank file, each with its own message and line.

Readers never stop at the first problem: they record a ``Problem`` and go on,
as Moodle's importer goes on to the next question. Each problem code is a
message key of one rule in the catalogue (``QZ101.cyrillic_letter``), so the
same text explains it in ``moocforge check``, ``quiz lint`` and the
``QuizSyntaxError`` a strict read raises.

A problem may carry line fixes that ``quiz fix`` applies when the author's
intent is unambiguous (a Cyrillic А written for A, ``answer:`` for ``ANSWER:``).

Severity follows what current Moodle does with the problem (read in
moodle/moodle as the specification):

- ``question/format.php`` ``validate_is_utf8_file()``: a file that is not
  valid UTF-8 is refused outright ("importwrongfileencoding") — QZ103, error.
- ``qformat_default::error()`` (``question/format.php``), called by the Aiken
  reader (``questionnotstarted``, ``questionmissinganswers``,
  ``questionnotcomplete``) and the GIFT reader (``braceerror``,
  ``importminerror``, ``giftmatchingformat``, ``giftnonumericalanswers``,
  ``errornotnumbers``): the question is lost and, with the import form's
  default "Stop on error", ``importprocess()`` imports nothing from the file
  ("importparseerror") — QZ101, error. An Aiken question left open at the end
  of the file is dropped without any message (``no_answer_line_at_end``).
- ``importprocess()``'s grade check (``match_grade_options`` in 'error'
  mode): a weight that is not one of ``question_bank::fraction_options_full()``
  is "invalid grade" and, with "Stop on error", nothing is imported —
  ``weight_not_allowed``, error.
- ``question/type/shortanswer/questiontype.php`` ``save_question_options()``:
  no answer worth 100 % returns ``$result->error`` ("fractionsnomax");
  ``importprocess()`` rolls that question back and stops, keeping only the
  questions before it — ``shortanswer_no_full_credit``, error.
- ``question/type/multichoice/questiontype.php`` ``save_question_options()``:
  no 100 % answer (single) or weights not adding up to 100 % (several) only
  return ``$result->noticeyesno`` ("fractionsnomax", "fractionsaddwrong"),
  which ``importprocess()`` does not stop on: the question is imported as
  written — ``none_correct``, ``no_full_credit``, ``weights_sum``, warnings.
  ``question/type/numerical/questiontype.php`` checks no maximum at all.
- ``question/format/aiken/format.php``: an ANSWER letter beyond the options
  (or not a Latin capital) sets the grade of an option that does not exist,
  so the question is imported with every option worth 0 — QZ101, error,
  because the answer the author wrote is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..findings import Severity

SYNTAX_RULE = "QZ101"  # Moodle drops, rejects or misreads the question
NOTATION_RULE = "QZ102"  # works in some Moodle versions, or is likely a slip
ENCODING_RULE = "QZ103"  # Moodle reads UTF-8 only
ANSWER_RULE = "QZ107"  # a correct answer worth full marks
WEIGHT_RULE = "QZ108"  # weights that are Moodle grades and add up

# code -> rule. The rule's severity applies unless SEVERITY says otherwise.
SYNTAX_CODES = (
    # Aiken
    "option_before_question", "answer_before_question", "too_few_options", "no_answer_line",
    "no_answer_line_at_end", "multiline_stem", "cyrillic_letter", "lowercase_letter", "label_punctuation",
    "invisible_character", "answer_lowercase", "answer_spacing", "answer_localized", "answer_missing_letter",
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
ENCODING_CODES = ("not_utf8", "not_utf8_uncertain")
# Grades Moodle checks when it saves a question (see ``validity``); what each does is below.
ANSWER_CODES = ("none_correct", "no_full_credit", "shortanswer_no_full_credit")
WEIGHT_CODES = ("weight_not_allowed", "weights_sum")
# Facts about the file, not the questions: ``quiz convert`` decodes the file and writes UTF-8,
# so they do not stop a conversion (``quiz lint`` still reports them for the file itself).
SOURCE_ONLY_CODES = ENCODING_CODES

RULE_OF: dict[str, str] = {
    **{code: SYNTAX_RULE for code in SYNTAX_CODES},
    **{code: NOTATION_RULE for code in NOTATION_CODES},
    **{code: ENCODING_RULE for code in ENCODING_CODES},
    **{code: ANSWER_RULE for code in ANSWER_CODES},
    **{code: WEIGHT_RULE for code in WEIGHT_CODES},
}
SEVERITY_OF: dict[str, Severity] = {
    **{code: Severity.ERROR for code in SYNTAX_CODES + ENCODING_CODES},
    **{code: Severity.WARNING for code in NOTATION_CODES},
    # Moodle imports these as written (multichoice returns only a "noticeyesno"; numerical checks nothing).
    "none_correct": Severity.WARNING, "no_full_credit": Severity.WARNING, "weights_sum": Severity.WARNING,
    # Moodle stops the import on these ("invalid grade"; shortanswer's "fractionsnomax" error).
    "shortanswer_no_full_credit": Severity.ERROR, "weight_not_allowed": Severity.ERROR,
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

        # A parameter given as {"i18n": KEY} (an encoding's name) is itself a catalogue key.
        params = {key: t(value["i18n"], lang) if isinstance(value, dict) and set(value) == {"i18n"} else value
                  for key, value in self.params.items()}
        return t(self.message_key, lang, **params)


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


def errors_of(problems: list[Problem]) -> list[Problem]:
    """The error-level problems, in line order."""
    return sorted((p for p in problems if p.severity is Severity.ERROR), key=lambda p: p.line)


def first_error(problems: list[Problem]) -> Problem | None:
    """The earliest error-level problem, if any."""
    errors = errors_of(problems)
    return errors[0] if errors else None
