"""Write GIFT that Moodle reads back into the same questions.

Layout follows Moodle's own export (answers one per line, a tab before
each). Whatever Moodle's reader would trim, split or reinterpret is written
so it survives: special characters escaped, newlines as ``\\n``, an explicit
``[format]`` marker before a text that starts with ``[`` or ``//`` (or
an answer that starts like a ``%50%`` weight).
"""

from __future__ import annotations

import math

from ..gift import _TRUEFALSE
from ..model import BLANK, Bank, Kind, NumericAnswer, Question, Text
from ..moodle import FULL_CREDIT, WEIGHT_PREFIX
from . import OmissionLog, Output

_SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """GIFT escapes, as Moodle's exporter writes them (newline as \\n)."""
    out = text.replace("\\", "\\\\")
    for char in _SPECIAL:
        if char in out:
            out = out.replace(char, "\\" + char)
    return out.replace("\r", "").replace("\n", "\\n")


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float ('1822', '0.0005')."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text:  # GIFT weights do not take exponents; numbers would, but keep one style
        text = format(value, ".17f").rstrip("0").rstrip(".")
    return text


def _marker(body: str, fmt: str, default_format: str, weight_like: bool = False) -> str:
    """'[fmt]' when the format differs from the default or the escaped text would be misread:
    a leading '[' (taken for a marker), '//' (a comment line), a lone '0' (a blank line to
    PHP's empty()), or, for an answer, a leading '%50%' (taken for a weight)."""
    if (fmt != default_format or body.startswith(("[", "//")) or body == "0"
            or (weight_like and body.startswith("%") and WEIGHT_PREFIX.match(body))):
        return f"[{fmt}]"
    return ""


def _marked_text(text: Text, default_format: str, *, weight_like: bool = False) -> str:
    """A text escaped for GIFT, with a [format] marker where one is needed."""
    body = escape(text.text)
    return _marker(body, text.format, default_format, weight_like) + body


def _feedback(feedback: Text | None, default_format: str) -> str:
    return "#" + _marked_text(feedback, default_format) if feedback is not None and feedback.text else ""


def _weight(weight: float | None, fraction: float, default: float) -> str:
    """'%w%' as written, or from the fraction; '' when the answer has the kind's default grade."""
    if weight is None and fraction == default:
        return ""
    return f"%{format_number(weight if weight is not None else fraction * 100)}%"


class GiftWriter:
    def __init__(self, bank: Bank):
        self.bank = bank
        self.log = OmissionLog()

    def write(self) -> Output:
        blocks: list[str] = []
        marks: dict[int, list[str]] = {}
        for mark in self.bank.categories:
            marks.setdefault(mark.index, []).append(mark.name)
        for index in range(len(self.bank.questions) + 1):
            for name in marks.get(index, []):
                blocks.append("$CATEGORY: " + name.replace("\\", "\\\\"))
            if index < len(self.bank.questions):
                block = self.question(index, self.bank.questions[index])
                if block is not None:
                    blocks.append(block)
        return Output(("\n\n".join(blocks) + "\n").encode("utf-8") if blocks else b"", self.log.items)

    # ---------------------------------------------------------------- one question
    def question(self, index: int, question: Question) -> str | None:
        answers = self.answer_block(index, question)
        if answers is None:
            return None
        fmt = question.stem.format
        head = self.comment(index, question)
        if question.title is not None:
            head += f"::{escape(question.title)}::"
        if question.kind is Kind.DESCRIPTION:
            if not question.stem.text:
                self.log.drop(index, question, "empty_description")
                return None
            return head + _marked_text(question.stem, "moodle")
        stem = question.stem.text
        if question.blank is not None and stem[question.blank:question.blank + len(BLANK)] == BLANK:
            before, after = escape(stem[:question.blank]), escape(stem[question.blank + len(BLANK):])
            # Text after the block is what makes it a missing word; "\n" keeps an empty tail.
            return head + _marker(before or "{", fmt, "moodle") + before + answers + (after or "\\n")
        return head + _marked_text(question.stem, "moodle") + answers

    def comment(self, index: int, question: Question) -> str:
        """'// [id:…] [tag:…]': what Moodle reads an id number and tags from ('\\]' escapes ']')."""
        parts = []
        if question.idnumber:
            if not _fits_comment(question.idnumber, ""):
                self.log.change(index, question, "gift_idnumber_lost")
            else:
                parts.append(f"[id:{_bracket_escaped(question.idnumber)}]")
        for tag in question.tags:
            if not _fits_comment(tag, "<>`"):
                self.log.change(index, question, "gift_tag_lost", tag=tag)
            else:
                parts.append(f"[tag:{_bracket_escaped(tag)}]")
        return f"// {' '.join(parts)}\n" if parts else ""

    def answer_block(self, index: int, question: Question) -> str | None:
        fmt = question.stem.format
        general = ""
        if question.general_feedback is not None and question.general_feedback.text:
            general = "####" + _marked_text(question.general_feedback, fmt)
        kind = question.kind
        if kind is Kind.DESCRIPTION:
            if general:
                self.log.change(index, question, "gift_description_feedback")
            return ""
        if kind is Kind.ESSAY:
            return "{" + general + "}"
        if kind is Kind.TRUEFALSE:
            right, wrong = ((question.feedback_true, question.feedback_false) if question.truth
                            else (question.feedback_false, question.feedback_true))
            body = "TRUE" if question.truth else "FALSE"
            if (wrong and wrong.text) or (right and right.text):
                body += "#" + (_marked_text(wrong, fmt) if wrong and wrong.text else "")
            if right and right.text:
                body += "#" + _marked_text(right, fmt)
            return "{" + body + general + "}"
        lines = self.answer_lines(index, question)
        if lines is None:
            return None
        if general:
            lines.append(general)
        if kind is Kind.SHORTANSWER and any("->" in line for line in lines):
            # '=' and '->' together make Moodle read a matching question, and '->' has no escape.
            self.log.drop(index, question, "gift_arrow_in_answer")
            return None
        return "{\n" + "".join(f"\t{line}\n" for line in lines) + "}"

    def answer_lines(self, index: int, question: Question) -> list[str] | None:
        kind = question.kind
        if kind is Kind.MULTICHOICE:
            return self.multichoice(index, question)
        if kind is Kind.SHORTANSWER:
            return self.shortanswer(index, question)
        if kind is Kind.NUMERICAL:
            return self.numerical(index, question)
        return self.match(index, question)

    def multichoice(self, index: int, question: Question) -> list[str] | None:
        if len(question.choices) < 2:
            self.log.drop(index, question, "too_few_answers", min=2)
            return None
        fmt = question.stem.format
        marked = [c.marked for c in question.choices] if question.single else [False] * len(question.choices)
        if question.single and not any(marked):
            full = [i for i, c in enumerate(question.choices) if c.fraction >= FULL_CREDIT]
            if not full:
                self.log.drop(index, question, "gift_single_without_full")
                return None
            marked[full[0]] = True
        if all(marked):  # a block without '~' would be read as a short answer
            marked[-1] = False
        lines = []
        for choice, is_marked in zip(question.choices, marked):
            if is_marked:
                prefix = "="
            else:
                prefix = "~" + _weight(choice.weight, choice.fraction, 0.0)
            text = _marked_text(choice.text, fmt, weight_like=not is_marked)
            lines.append(prefix + text + _feedback(choice.feedback, fmt))
        return lines

    def shortanswer(self, index: int, question: Question) -> list[str] | None:
        if not question.choices:
            self.log.drop(index, question, "too_few_answers", min=1)
            return None
        fmt = question.stem.format
        lines = []
        for position, choice in enumerate(question.choices):
            line = (_weight(choice.weight, choice.fraction, 1.0) + _marked_text(choice.text, fmt, weight_like=True)
                    + _feedback(choice.feedback, fmt))
            # Only the first answer can go without '=', and not when the bare line would be read
            # otherwise: TRUE/FALSE (a true/false question), '#…' (numerical), '' (a blank line ends
            # the question) or "0" (PHP's empty() makes Moodle drop it).
            unmarked = (position == 0 and not choice.marked and choice.text.text not in _TRUEFALSE
                        and line not in ("", "0") and not line.startswith("#"))
            lines.append(line if unmarked else "=" + line)
        return lines

    def numerical(self, index: int, question: Question) -> list[str] | None:
        numbers = question.numbers
        answers = [n for n in numbers if n.style != "other"]
        if not answers:
            self.log.drop(index, question, "too_few_answers", min=1)
            return None
        if any(not _finite(n) for n in answers):
            self.log.drop(index, question, "gift_number_not_finite")
            return None
        fmt = question.stem.format
        lines = []
        for position, number in enumerate(answers):
            weight = _weight(number.weight, number.fraction, 1.0)
            line = weight + _number_text(number) + _feedback(number.feedback, fmt)
            unmarked = position == 0 and not number.marked and line != "0"  # "0" alone: see shortanswer
            lines.append(line if unmarked else "=" + line)
        others = [n for n in numbers if n.style == "other"]
        if others:
            lines.append("~" + (_feedback(others[0].feedback, fmt) or ""))
        if len(others) > 1:
            self.log.change(index, question, "gift_one_other_answer")
        lines[0] = "#" + lines[0]
        return lines

    def match(self, index: int, question: Question) -> list[str] | None:
        if len(question.pairs) < 2:
            self.log.drop(index, question, "too_few_answers", min=2)
            return None
        if any("->" in pair.question.text for pair in question.pairs):
            self.log.drop(index, question, "gift_arrow_in_answer")
            return None
        fmt = question.stem.format
        return ["=" + _marked_text(pair.question, fmt) + " -> " + escape(pair.answer) for pair in question.pairs]


def _fits_comment(value: str, forbidden: str) -> bool:
    """Moodle's [id:]/[tag:] patterns refuse control characters (tags also '<>`'); a trailing
    backslash would escape the closing bracket."""
    return not (value.endswith("\\") or any(c in forbidden or ord(c) < 32 or ord(c) == 127 for c in value))


def _bracket_escaped(value: str) -> str:
    return value.replace("]", "\\]")


def _finite(number: NumericAnswer) -> bool:
    values = [number.tolerance] + [v for v in (number.value, number.low, number.high) if v is not None]
    return all(math.isfinite(v) for v in values)


def _number_text(number: NumericAnswer) -> str:
    if number.style == "range" and number.low is not None and number.high is not None:
        return f"{format_number(number.low)}..{format_number(number.high)}"
    value = "*" if number.value is None else format_number(number.value)
    if number.style == "tolerance" or number.tolerance:
        return f"{value}:{format_number(number.tolerance)}"
    return value


def write(bank: Bank, name: str = "bank") -> Output:
    """The bank as GIFT text (UTF-8)."""
    return GiftWriter(bank).write()


def to_text(bank: Bank) -> str:
    return write(bank).data.decode("utf-8")

