"""GIFT read exactly as Moodle's qformat_gift reads it.

How Moodle reads a GIFT file, which this module follows step by step:

1. Every line is trimmed (PHP ``trim``); a line that is then empty — or is
   ``0``, which PHP's ``empty()`` also calls empty — ends a question.
2. In a question, lines starting ``//`` are comments (they may carry
   ``[id:…]`` and ``[tag:…]``); the other lines are joined with newlines.
3. Escapes ``\\\\ \\: \\# \\= \\{ \\} \\~ \\n`` are replaced by placeholders
   before anything is split, and turned back into characters in each piece.
4. ``$CATEGORY:`` switches the category; ``::title::`` names the question.
5. The answer block runs from the first ``{`` to the first ``}``; no braces
   makes a description. Text after the block makes a missing-word question
   (the block becomes ``_____``).
6. ``####`` (the last one) starts general feedback; the block's content
   decides the kind: empty → essay, ``#…`` → numerical, any ``~`` →
   multiple choice (multiple answers when there is no ``=``), ``=`` with
   ``->`` → matching, exactly ``T``/``TRUE``/``F``/``FALSE`` → true/false,
   anything else → short answer.
7. ``[html]``/``[moodle]``/``[plain]``/``[markdown]`` at the start of a text
   sets its format; answers and feedback inherit the question's.

Where Moodle silently misreads (a non-number in a numerical answer becomes
"any answer", ``{true}`` in lower case becomes a short answer) the reader
says so.
"""

from __future__ import annotations

import re

from .gcpause import collector_paused
from .model import BLANK, FORMATS, Bank, CategoryMark, Choice, Kind, MatchPair, NumericAnswer, Question, Text
from .moodle import PHP_WHITESPACE as WS
from .moodle import WEIGHT_PREFIX, is_numeric, php_empty
from .problems import LineFix, Problem

# Placeholders for escaped characters: Unicode non-characters, which never occur in
# authored text (Moodle uses strings like "&&058;"; the effect is the same).
_ESCAPED = {":": "\ufdd0", "#": "\ufdd1", "=": "\ufdd2", "{": "\ufdd3", "}": "\ufdd4", "~": "\ufdd5", "n": "\ufdd6"}
_PRE = tuple(("\\" + char, holder) for char, holder in _ESCAPED.items())
_BACKSLASH_PAIR = "\ufddf"
_POST = str.maketrans({holder: ("\n" if char == "n" else char) for char, holder in _ESCAPED.items()})
# Moodle never turns placeholders back in a category name: it keeps its own "&&058;" strings.
_MOODLE_PLACEHOLDER = str.maketrans({_ESCAPED[":"]: "&&058;", _ESCAPED["#"]: "&&035;", _ESCAPED["="]: "&&061;",
                                     _ESCAPED["{"]: "&&123;", _ESCAPED["}"]: "&&125;", _ESCAPED["~"]: "&&126;",
                                     _ESCAPED["n"]: "&&010"})
_BLANK_MARK = "\ufdde"  # where the answer block was cut out of a missing-word stem
_TRUEFALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}

# extract_idnumber_and_tags_from_comment(): [id:…] and [tag:…] in // comments, "\]" escapes "]".
_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])*)\]")


def escape_pre(text: str) -> str:
    """Moodle's escapedchar_pre(): escapes become placeholders; '\\\\' becomes one backslash."""
    text = text.replace("\\\\", _BACKSLASH_PAIR)
    for escape, holder in _PRE:
        text = text.replace(escape, holder)
    return text.replace(_BACKSLASH_PAIR, "\\")


def escape_post(text: str) -> str:
    """Moodle's escapedchar_post(): placeholders become the characters."""
    return text.translate(_POST)


class _Block:
    """Where the question being read sits in the file, for problems' line numbers."""

    __slots__ = ("first_line", "text")

    def __init__(self, first_line: int, text: str):
        self.first_line = first_line
        self.text = text  # the question's text after escaping, title removed

    def line_at(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, max(offset, 0))


class GiftReader:
    """One pass over the file; ``read()`` returns the bank with its problems."""

    def __init__(self, text: str, source: str | None = None):
        self.lines = text.split("\n")
        self.bank = Bank(format="gift", source=source)
        self.category: str | None = None
        self.block: _Block | None = None

    def read(self) -> Bank:
        parts: list[str] = []
        first = 0
        for number, raw in enumerate(self.lines, 1):
            line = raw.strip(WS)
            if not line or line == "0":
                if parts:
                    self._question(parts, first)
                    parts = []
                continue
            if not parts:
                first = number
            parts.append(line)
        if parts:
            self._question(parts, first)
        if not self.bank.questions and not self.bank.categories and not self.bank.problems:
            self._problem("no_questions", 1)
        return self.bank

    def _problem(self, code: str, line: int, fixes: tuple[LineFix, ...] = (), **params) -> None:
        self.bank.problems.append(Problem(code, line, params, fixes))

    # ---------------------------------------------------------------- one question
    def _question(self, parts: list[str], first: int) -> None:
        comments = ""
        first_content = -1
        text = "\n".join(parts)
        if "//" in text and any(part.startswith("//") for part in parts):
            kept = []
            for index, part in enumerate(parts):
                if part.startswith("//"):
                    comments += part + "\n"
                    kept.append(" ")  # Moodle blanks a comment line but keeps its place
                else:
                    kept.append(part)
                    if first_content < 0:
                        first_content = index
            if first_content < 0:
                return
            text = "\n".join(kept).strip(WS)
        else:
            first_content = 0
        escaped = "\\" in text
        if escaped:
            text = escape_pre(text)
        block = self.block = _Block(first + first_content, text)

        if text.startswith("$CATEGORY:"):
            self._category(text, block.first_line)
            return

        title = None
        if text.startswith("::"):
            rest = text[2:]
            end = rest.find("::")
            if end < 0:
                self._problem("title_unclosed", block.first_line)
                text = rest
            else:
                title = escape_post(rest[:end]).strip(WS) if escaped else rest[:end].strip(WS)
                remainder = rest[end + 2:]
                text = remainder.lstrip(WS)
                block.first_line += rest.count("\n", 0, end + 2) + remainder.count("\n", 0, len(remainder) - len(text))
                text = text.rstrip(WS)
            block.text = text

        start = text.find("{")
        finish = text.find("}")
        if start < 0 and finish < 0:
            question = Question(Kind.DESCRIPTION, self._text(text, "moodle", escaped), title=title,
                                line=block.first_line)
            self._finish(question, comments)
            return
        if start < 0 or finish < 0:
            missing = "{" if start < 0 else "}"  # the brace that is not there
            self._problem("brace_missing", block.line_at(max(start, finish)), brace=missing)
            return
        if finish < start:
            self._problem("brace_order", block.line_at(finish))
            return
        if text.find("{", finish) >= 0:
            self._problem("second_answer_block", block.line_at(text.find("{", finish)))
        answers = text[start + 1:finish].strip(WS)
        if text.endswith("}"):
            stem_source = text[:start] + text[finish + 1:]
        else:
            stem_source = text[:start] + _BLANK_MARK + text[finish + 1:]

        general = None
        separator = answers.rfind("####")
        if separator >= 0:
            general_source = answers[separator + 4:]
            answers = answers[:separator].strip(WS)
        stem = self._text(stem_source, "moodle", escaped)
        if separator >= 0:
            general = self._text(general_source, stem.format, escaped) or None
            if general is not None and not general.text:
                general = None
        blank = stem.text.find(_BLANK_MARK)
        if blank >= 0:
            stem.text = stem.text.replace(_BLANK_MARK, BLANK, 1)
        question = Question(Kind.ESSAY, stem, title=title, general_feedback=general,
                            blank=blank if blank >= 0 else None, line=block.first_line)
        answer_line = block.line_at(start)
        if answers and not self._fill_answers(question, answers, escaped, answer_line):
            return
        self._finish(question, comments)

    def _finish(self, question: Question, comments: str) -> None:
        if comments:
            found = _ID.search(comments)
            if found:
                question.idnumber = found.group(1).strip(WS).replace("\\]", "]")
            tags = (raw.strip(WS).replace("\\]", "]") for raw in _TAG.findall(comments))
            question.tags = [tag for tag in tags if tag]
        question.category = self.category
        self.bank.questions.append(question)

    def _category(self, text: str, line: int) -> None:
        name = text[10:].strip(WS)
        if "\n" in name:
            self._problem("category_swallows", line + 1)
        if any(holder in name for holder in _ESCAPED.values()):
            self._problem("category_escape", line)
            name = name.translate(_MOODLE_PLACEHOLDER)
        self.category = name
        self.bank.categories.append(CategoryMark(len(self.bank.questions), name, line))

    # ---------------------------------------------------------------- texts
    def _text(self, source: str, default: str, escaped: bool) -> Text:
        """Moodle's parse_text_with_format(): an optional [format] marker, then the text, trimmed."""
        if not escaped and not source.startswith("["):
            return Text(source.strip(WS), default)  # the common case, without a marker or escapes
        fmt = default
        if source.startswith("["):
            end = source.find("]")
            name = source[1:end] if end >= 0 else source[1:-1]
            if name in FORMATS:
                fmt = name
                source = source[end + 1:] if end >= 0 else source[1:]
            elif name.lower() in FORMATS:
                found, expected = f"[{name}]", f"[{name.lower()}]"
                line = self.block.line_at(self.block.text.find(found)) if self.block else 1
                self._problem("format_case", line, self._fixed_line(line, found, expected), found=found,
                              expected=expected)
        if escaped:
            source = source.translate(_POST)
        return Text(source.strip(WS), fmt)

    def _answer_and_feedback(self, answer: str, fmt: str, escaped: bool) -> tuple[Text, Text | None]:
        """Moodle's commentparser(): text before the first '#', feedback after it."""
        cut = answer.find("#")
        if cut < 0:
            return self._text(answer.strip(WS), fmt, escaped), None
        feedback = self._text(answer[cut + 1:].strip(WS), fmt, escaped)
        return self._text(answer[:cut].strip(WS), fmt, escaped), (feedback if feedback.text else None)

    def _weight(self, answer: str, line: int) -> tuple[float | None, str]:
        """Moodle's answerweightparser(): '%50%rest' → (50.0, 'rest'); no weight → (None, answer)."""
        if not answer.startswith("%") or not WEIGHT_PREFIX.match(answer):
            return None, answer
        end = answer.find("%", 1)
        written = answer[1:end]
        try:
            value = float(written)
        except ValueError:  # '--50': PHP 8 stops the whole import with a TypeError here
            self._problem("weight_invalid", line, weight=f"%{written}%")
            raise _Rejected from None
        return value, answer[end + 1:]

    # ---------------------------------------------------------------- answers
    def _fill_answers(self, question: Question, answers: str, escaped: bool, line: int) -> bool:
        """Decide the kind from the answer block and read the answers; False if Moodle rejects it."""
        fmt = question.stem.format
        try:
            if answers[0] == "#":
                question.kind = Kind.NUMERICAL
                return self._numerical(question, answers[1:], fmt, escaped, line)
            if "~" in answers:
                question.kind = Kind.MULTICHOICE
                return self._multichoice(question, answers, fmt, escaped, line)
            if "=" in answers and "->" in answers:
                question.kind = Kind.MATCH
                return self._match(question, answers, fmt, escaped, line)
            check = answers
            cut = answers.find("#")
            if cut > 0:
                check = answers[:cut].strip(WS)
            if check in _TRUEFALSE:
                question.kind = Kind.TRUEFALSE
                self._truefalse(question, answers, fmt, escaped)
                return True
            if check.upper() in _TRUEFALSE:
                fixed = self._fixed_line(line, "{" + check, "{" + check.upper())
                self._problem("truefalse_case", line, fixed, found=check, expected=check.upper())
            question.kind = Kind.SHORTANSWER
            return self._shortanswer(question, answers, fmt, escaped, line)
        except _Rejected:
            return False

    def _fixed_line(self, line: int, old: str, new: str) -> tuple[LineFix, ...]:
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return (LineFix(line, raw.strip(WS).replace(old, new, 1)),) if old in raw else ()

    def _split(self, answers: str, separator: str) -> list[str]:
        """explode() then drop an empty first piece (empty() in PHP: '' or '0')."""
        pieces = answers.split(separator)
        pieces[0] = pieces[0].strip(WS)
        if php_empty(pieces[0]):
            pieces.pop(0)
        return pieces

    def _multichoice(self, question: Question, answers: str, fmt: str, escaped: bool, line: int) -> bool:
        question.single = "=" in answers
        pieces = self._split(answers.replace("=", "~="), "~")
        if len(pieces) < 2:
            self._problem("too_few_answers", line, count=len(pieces), min=2)
            return False
        for piece in pieces:
            piece = piece.strip(WS)
            weight = None
            marked = piece[:1] == "="
            if marked:
                fraction = 1.0
                piece = piece[1:]
            else:
                weight, piece = self._weight(piece, line)
                fraction = weight / 100 if weight is not None else 0.0
            text, feedback = self._answer_and_feedback(piece, fmt, escaped)
            question.choices.append(Choice(text, fraction, feedback, weight, marked))
        return True

    def _first_unmarked(self, pieces: list[str], line: int) -> bool:
        """Trim the piece before the first '='; drop it if PHP calls it empty. True if it is kept."""
        pieces[0] = pieces[0].strip(WS)
        if pieces[0] == "0":  # empty("0") is true in PHP: Moodle silently loses this answer
            self._problem("zero_answer_dropped", line)
        if php_empty(pieces[0]):
            pieces.pop(0)
            return False
        return True

    def _shortanswer(self, question: Question, answers: str, fmt: str, escaped: bool, line: int) -> bool:
        pieces = answers.split("=")
        unmarked_first = self._first_unmarked(pieces, line)
        if not pieces:
            self._problem("too_few_answers", line, count=0, min=1)
            return False
        for index, piece in enumerate(pieces):
            weight, piece = self._weight(piece.strip(WS), line)
            text, feedback = self._answer_and_feedback(piece, fmt, escaped)
            fraction = weight / 100 if weight is not None else 1.0
            question.choices.append(Choice(text, fraction, feedback, weight, marked=index > 0 or not unmarked_first))
        return True

    def _match(self, question: Question, answers: str, fmt: str, escaped: bool, line: int) -> bool:
        pieces = self._split(answers, "=")
        if len(pieces) < 2:
            self._problem("too_few_answers", line, count=len(pieces), min=2)
            return False
        for piece in pieces:
            piece = piece.strip(WS)
            arrow = piece.find("->")
            if arrow < 0:
                self._problem("match_arrow_missing", line, text=escape_post(piece))
                return False
            answer = piece[arrow + 2:]
            if escaped:
                answer = answer.translate(_POST)
            question.pairs.append(MatchPair(self._text(piece[:arrow], fmt, escaped), answer.strip(WS)))
        return True

    def _truefalse(self, question: Question, answers: str, fmt: str, escaped: bool) -> None:
        bits = answers.split("#", 2)
        truth = _TRUEFALSE[self._text(bits[0].strip(WS), fmt, escaped).text]
        wrong = self._text(bits[1].strip(WS), fmt, escaped) if len(bits) > 1 else None
        right = self._text(bits[2].strip(WS), fmt, escaped) if len(bits) > 2 else None
        wrong = wrong if wrong is not None and wrong.text else None
        right = right if right is not None and right.text else None
        # The first '#' is feedback for a wrong response, the second for a right one.
        question.truth = truth
        question.feedback_true, question.feedback_false = (right, wrong) if truth else (wrong, right)

    def _numerical(self, question: Question, answers: str, fmt: str, escaped: bool, line: int) -> bool:
        other = ""
        tilde = answers.find("~")
        if tilde >= 0:
            other, answers = answers[tilde:], answers[:tilde]
        pieces = answers.split("=")
        unmarked_first = self._first_unmarked(pieces, line)
        if not pieces:
            self._problem("numerical_no_answers", line)
            return False
        for index, piece in enumerate(pieces):
            weight, piece = self._weight(piece.strip(WS), line)
            text, feedback = self._answer_and_feedback(piece, fmt, escaped)
            number = self._number(text.text, line)
            if number is None:
                return False
            number.fraction = weight / 100 if weight is not None else 1.0
            number.feedback, number.weight = feedback, weight
            number.marked = index > 0 or not unmarked_first
            question.numbers.append(number)
        if other:
            feedback = self._answer_and_feedback(other, fmt, escaped)[1]
            question.numbers.append(NumericAnswer(None, 0.0, 0.0, feedback, style="other", marked=False))
        return True

    def _number(self, written: str, line: int) -> NumericAnswer | None:
        """One numerical answer: 'a', 'a:tolerance' or 'low..high' (Moodle's order of tests)."""
        dots = written.find("..")
        colon = written.find(":")
        if dots > 0:
            low, high = written[:dots].strip(WS), written[dots + 2:].strip(WS)
            if not (is_numeric(low) and is_numeric(high)):
                self._problem("numerical_not_number", line, value=written)
                return None
            low_value, high_value = float(low), float(high)
            middle = (high_value + low_value) / 2
            return NumericAnswer(middle, high_value - middle, 1.0, style="range", low=low_value, high=high_value)
        if colon > 0:
            value, tolerance = written[:colon].strip(WS), written[colon + 1:].strip(WS)
            style = "tolerance"
        else:
            value, tolerance, style = written.strip(WS), "0", "exact"
        if not is_numeric(tolerance) or not (is_numeric(value) or value == "*"):
            # Moodle turns a non-number into '*' (any answer is right) without a word.
            self._problem("numerical_not_number", line, value=written)
            return None
        if value == "*":
            return NumericAnswer(None, float(tolerance), 1.0, style=style)
        return NumericAnswer(float(value), float(tolerance), 1.0, style=style)


class _Rejected(Exception):
    """Moodle refuses this question (the problem is already recorded)."""


def parse_gift(text: str, source: str | None = None) -> Bank:
    """Read GIFT text (already decoded, line ends normalised) into a bank with its problems."""
    with collector_paused():
        return GiftReader(text, source).read()
