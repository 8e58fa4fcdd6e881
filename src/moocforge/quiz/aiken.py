"""Aiken (ATU form 05) read exactly as Moodle's qformat_aiken reads it.

Moodle's rules, line by line (after PHP ``trim``; lines shorter than two
bytes are skipped): a line ``[A-Z]`` + ``.`` or ``)`` is an option (the
space after it is optional in current Moodle); a line starting ``ANSWER:``
closes the question, its first character naming the correct option by
*position* (A = first); any other line starts a new question. An
unfinished question before it is an import error ("questionnotcomplete"),
and so are options or ANSWER before any question and fewer than two
options; with the import form's default "Stop on error" Moodle then
imports nothing from the file. A question still open at the end of the
file is dropped without a word (``question/format/aiken/format.php``).

Moodle reports few of the ways this goes wrong and misreads the rest, so this
reader diagnoses the usual slips by name — Cyrillic А В С Е for Latin
letters, ``answer:`` in lower case, a non-breaking space after the letter,
an answer letter beyond the options, a question split over two lines — and
offers a line fix where the intent is clear. A question with an error is
left out of the bank (it would not reach learners as written); the problem
says why.
"""

from __future__ import annotations

import re

from .gcpause import collector_paused
from .model import Bank, Choice, Kind, Question, Text
from .moodle import PHP_WHITESPACE as WS
from .problems import LineFix, Problem

# Characters Word and web pages put at the start of a line that PHP trim() keeps.
INVISIBLE = "\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff\u3000"
# Cyrillic capitals that look like Latin ones; authors type them on a Russian/Kazakh layout.
LOOKALIKE = {"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O",
             "Р": "P", "Т": "T", "Х": "X"}
# Option labels in Cyrillic alphabet order (А Б В Г Д …), as Russian tests number them.
CYRILLIC_ORDER = "АБВГДЕЖЗИК"

_LETTER = "A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LABEL_END = frozenset(").")  # what may follow an option letter; a set, so "" is not in it
# An ANSWER line written some other way: answer:, Answer :, Ответ:, Жауап:, Правильный ответ:.
_ANSWERISH = re.compile(r"(answer|правильный\s+ответ|ответ|дұрыс\s+жауап|жауап)\s*[:：]\s*(.*)\Z", re.I)
_ANSWER_PAYLOAD = re.compile(rf"[{_LETTER}]([\s,;/+.)&-]*[{_LETTER}])*[\s.)]*\Z")
_LABEL_PUNCTUATION = re.compile(r"([A-Z])\s*[-:–]\s*|([A-Z])\s+(?=\S)")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


class _Open:
    """The question being read."""

    __slots__ = ("stem", "line", "stem_lines", "options", "labels", "broken", "order_flagged")

    def __init__(self, stem: str, line: int):
        self.stem = stem
        self.line = line
        self.stem_lines = [line]
        self.options: list[str] = []
        self.labels: list[str] = []
        self.broken = False  # an error was found: Moodle would not import it as the author meant
        self.order_flagged = False


class AikenReader:
    """One pass over the lines; ``read()`` returns the bank with its problems."""

    def __init__(self, text: str, source: str | None = None):
        self.lines = text.split("\n")
        self.bank = Bank(format="aiken", source=source)
        self.current: _Open | None = None
        self.orphan_reported = False

    # ---------------------------------------------------------------- driver
    def read(self) -> Bank:
        for number, raw in enumerate(self.lines, 1):
            line = raw.strip(WS)
            size = len(line)
            # Moodle skips lines shorter than two *bytes*; one non-ASCII letter is two.
            if size < 2 and (size == 0 or line < "\x80"):
                continue
            current = self.current
            if current is not None:
                # The common case first, inline (banks run to thousands of questions): the next
                # option in order, its letter followed by '.' or ')' and a space.
                options = current.options
                count = len(options)
                if count < 26 and line[0] == LETTERS[count] and line[1] in _LABEL_END and line[2:3] in (" ", "\t"):
                    options.append(line[2:].strip(WS))
                    current.labels.append(line[0])
                    continue
            self._dispatch(line, number)
        if self.current is not None:  # Moodle drops it without a word (no next question to report it)
            self._problem("no_answer_line_at_end", self.current.line, stem=self.current.stem)
        if not self.bank.questions and not self.bank.problems:
            self._problem("no_questions", 1)
        return self.bank

    def _dispatch(self, line: str, number: int) -> None:
        first, second = line[0], line[1:2]
        if second in _LABEL_END:
            if "A" <= first <= "Z":
                self._option(line, number, first)
                return
        if line.startswith("ANSWER:"):
            self._answer(line[7:], number)
            return
        self._other(line, number)

    def _problem(self, code: str, line: int, fixes: tuple[LineFix, ...] = (), **params) -> None:
        self.bank.problems.append(Problem(code, line, params, fixes))

    def _break(self, code: str, line: int, fixes: tuple[LineFix, ...] = (), **params) -> None:
        self._problem(code, line, fixes, **params)
        if self.current is not None:
            self.current.broken = True

    # ---------------------------------------------------------------- options
    def _option(self, line: str, number: int, label: str, *, lenient: bool = False) -> None:
        current = self.current
        if current is None:
            if not self.orphan_reported:
                self._problem("option_before_question", number, text=line)
                self.orphan_reported = True
            return
        text = line[2:].strip(WS)
        expected = chr(65 + len(current.options))
        if not lenient:
            after = line[2:3]
            if after == "\u00a0":
                fixed = f"{label}{line[1]} {text.lstrip(INVISIBLE)}"
                self._problem("nbsp_after_letter", number, (LineFix(number, fixed),), letter=label)
            elif after and after not in " \t":
                self._problem("no_space_after_letter", number, (LineFix(number, f"{label}{line[1]} {text}"),),
                              letter=label)
            if label != expected and not current.order_flagged:
                current.order_flagged = True
                self._break("letters_out_of_order", number, found=label, expected=expected)
        current.options.append(text)
        current.labels.append(label)

    # ---------------------------------------------------------------- answer
    def _answer(self, payload: str, number: int, *, written: str | None = None) -> None:
        """``payload`` follows the colon; ``written`` is set when the keyword itself was mistyped."""
        current = self.current
        if current is None:
            self._problem("answer_before_question", number, text=f"ANSWER:{payload}")
            return
        letters = payload.strip(WS)
        letter_fix: str | None = None
        if len(current.options) < 2:
            self._problem("too_few_options", number, count=len(current.options))
            current.broken = True
            index = None
        else:
            index, letter_fix = self._answer_index(current, letters, number)
        if written is not None:
            replacement = f"ANSWER: {letter_fix or letters}"
            code = ("answer_spacing" if written.startswith("ANSWER") else
                    "answer_lowercase" if written[:1].lower() == "a" else "answer_localized")
            self._break(code, number, (LineFix(number, replacement),), found=written.strip())
        self.current = None
        self.orphan_reported = False
        if index is not None and not current.broken:
            self._accept(current, index)

    def _answer_index(self, current: _Open, letters: str, number: int) -> tuple[int | None, str | None]:
        """Moodle's position of the correct option, diagnosing the letter; and a fixed letter if any."""
        count = len(current.options)
        if not letters:
            self._break("answer_missing_letter", number, last=chr(64 + count))
            return None, None
        first, rest = letters[0], letters[1:]
        if re.search(f"[{_LETTER}]", rest):
            self._break("answer_several_letters", number, letters=letters, first=first)
        fixed: str | None = None
        if "A" <= first <= "Z":
            index: int | None = ord(first) - 65
            if current.order_flagged and current.labels.count(first) == 1:
                index = current.labels.index(first)  # the author meant the label, not the position
        elif _is_cyrillic(first):
            index = self._cyrillic_answer_index(current, first.upper())
            fixed = chr(65 + index) if index is not None else None
            self._break("answer_letter_cyrillic", number, self._letter_fix(number, fixed), letter=first,
                        code_point=f"U+{ord(first):04X}", latin=fixed or "?")
        elif "a" <= first <= "z":
            index = ord(first) - 97
            fixed = first.upper()
            self._break("answer_letter_lowercase", number, self._letter_fix(number, fixed), letter=first, latin=fixed)
        else:
            self._break("answer_letter_invalid", number, letter=first, last=chr(64 + count))
            return None, None
        if index is None or index >= count:
            self._break("answer_letter_outside", number, letter=fixed or first, count=count, last=chr(64 + count))
            return None, None
        return index, fixed

    @staticmethod
    def _letter_fix(number: int, letter: str | None) -> tuple[LineFix, ...]:
        return (LineFix(number, f"ANSWER: {letter}"),) if letter else ()

    @staticmethod
    def _cyrillic_answer_index(current: _Open, letter: str) -> int | None:
        if letter in current.labels:  # options were labelled in Cyrillic too: match the label
            return current.labels.index(letter)
        if letter in LOOKALIKE:
            return ord(LOOKALIKE[letter]) - 65
        if letter in CYRILLIC_ORDER:
            return CYRILLIC_ORDER.index(letter)
        return None

    def _accept(self, current: _Open, index: int) -> None:
        choices = [Choice(Text(text, "plain"), 0.0) for text in current.options]
        key = choices[index]
        key.fraction, key.marked = 1.0, True
        self.bank.questions.append(Question(Kind.MULTICHOICE, Text(current.stem, "plain"), choices=choices,
                                            single=True, line=current.line))

    # ---------------------------------------------------------------- any other line
    def _other(self, line: str, number: int) -> None:
        if line[0] in INVISIBLE:
            visible = line.lstrip(INVISIBLE + WS)
            # Harmless before a question's text; but an option or ANSWER line behind it is
            # read by Moodle as a new question.
            if len(visible) >= 2 and (visible[1] in _LABEL_END or _ANSWERISH.match(visible)):
                self._break("invisible_character", number, (LineFix(number, visible),),
                            code_point=f"U+{ord(line[0]):04X}")
                self._dispatch_lenient(visible, number)
                return
        if self._mangled_answer(line, number) or self._mangled_option(line, number):
            return
        self._new_stem(line, number)

    def _dispatch_lenient(self, line: str, number: int) -> None:
        """Read a line whose problem is already recorded, as the author meant it."""
        if line[1] in _LABEL_END:
            if "A" <= line[0] <= "Z":
                self._option(line, number, line[0], lenient=True)
                return
        if line.startswith("ANSWER:"):
            self._answer(line[7:], number)
            return
        self._other(line, number)

    def _mangled_answer(self, line: str, number: int) -> bool:
        match = _ANSWERISH.match(line)
        if not match:
            return False
        payload = match.group(2)
        if payload.strip(WS) and not _ANSWER_PAYLOAD.match(payload.strip(WS)):
            return False  # "Answer the question: …" is a question, not an answer line
        self._answer(payload, number, written=line[:match.start(2)])
        return True

    def _mangled_option(self, line: str, number: int) -> bool:
        current = self.current
        if current is None:
            return False
        first, second = line[0], line[1:2]
        position = chr(65 + len(current.options))
        if second in _LABEL_END:
            if _is_cyrillic(first) and first.isupper():
                code = "cyrillic_letter"
            elif "a" <= first <= "z":
                code = "lowercase_letter"
            else:
                return False
            fix = LineFix(number, f"{position}{second} {line[2:].strip(WS + INVISIBLE)}")
            self._break(code, number, (fix,), letter=first, code_point=f"U+{ord(first):04X}", latin=position)
            self._option(line, number, first, lenient=True)
            return True
        match = _LABEL_PUNCTUATION.match(line)
        if current.options and match and (match.group(1) or match.group(2)) == position:
            rest = line[match.end():].strip(WS)
            self._break("label_punctuation", number, (LineFix(number, f"{position}. {rest}"),), letter=position)
            self._option(f"{position}. {rest}", number, position, lenient=True)
            return True
        return False

    def _new_stem(self, line: str, number: int) -> None:
        current = self.current
        if current is not None:
            if not current.options:
                # A question written over two lines: Moodle keeps only the last line.
                current.stem_lines.append(number)
                current.stem = f"{current.stem} {line}"
                fixes = (LineFix(current.line, current.stem),) + tuple(LineFix(n, None) for n in current.stem_lines[1:])
                self._break("multiline_stem", number, fixes, first=current.line)
                return
            self._problem("no_answer_line", current.line, stem=current.stem)
        self.current = _Open(line, number)
        self.orphan_reported = False


def parse_aiken(text: str, source: str | None = None) -> Bank:
    """Read Aiken text (already decoded, line ends normalised) into a bank with its problems."""
    with collector_paused():
        return AikenReader(text, source).read()
