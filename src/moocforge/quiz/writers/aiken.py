"""Write Aiken (ATU form 05): single-answer multiple choice, one line per text.

Aiken holds only a stem, up to 26 options and the letter of the one correct
option; everything else is either left out (other kinds, several correct
answers) or reported as changed (feedback, formatting, line breaks).
"""

from __future__ import annotations

import re

from ..model import Bank, Kind, Question, Text
from ..moodle import FULL_CREDIT
from . import OmissionLog, Output
from .plain import to_plain

_LOOKS_LIKE_OPTION = re.compile(r"[A-Z][).]")
MAX_OPTIONS = 26


def _plain(text: Text, index: int, question: Question, log: OmissionLog) -> str:
    """One line of plain text; note what had to change."""
    if "\n" in text.text:
        log.change(index, question, "aiken_line_breaks")
    value, removed = to_plain(text, one_line=True)
    if removed:
        log.change(index, question, "aiken_formatting_removed")
    return value


def _stem_is_readable(stem: str) -> bool:
    """Moodle would take a stem like 'A. …' for an option, 'ANSWER:…' for the key."""
    if len(stem.encode("utf-8")) < 2:
        return False
    return not (_LOOKS_LIKE_OPTION.match(stem) or stem.startswith("ANSWER:"))


def _question(index: int, question: Question, log: OmissionLog) -> str | None:
    if question.kind is not Kind.MULTICHOICE:
        log.drop(index, question, "aiken_kind", kind=question.kind.value)
        return None
    correct = [i for i, c in enumerate(question.choices) if c.fraction >= FULL_CREDIT]
    if not question.single or len(correct) != 1 or any(0 < c.fraction < FULL_CREDIT for c in question.choices):
        log.drop(index, question, "aiken_one_answer")
        return None
    if len(question.choices) > MAX_OPTIONS:
        log.drop(index, question, "aiken_too_many_options", count=len(question.choices), max=MAX_OPTIONS)
        return None
    stem = _plain(question.stem, index, question, log)
    if not _stem_is_readable(stem):
        log.drop(index, question, "aiken_stem_unreadable")
        return None
    if any(c.feedback for c in question.choices) or question.general_feedback:
        log.change(index, question, "aiken_feedback_lost")
    lines = [stem]
    for position, choice in enumerate(question.choices):
        lines.append(f"{chr(65 + position)}. {_plain(choice.text, index, question, log)}".rstrip())
    lines.append(f"ANSWER: {chr(65 + correct[0])}")
    return "\n".join(lines)


def write(bank: Bank, name: str = "bank") -> Output:
    """The bank as Aiken text (UTF-8), questions separated by a blank line."""
    log = OmissionLog()
    blocks = [block for index, question in enumerate(bank.questions)
              if (block := _question(index, question, log)) is not None]
    data = ("\n\n".join(blocks) + "\n").encode("utf-8") if blocks else b""
    return Output(data, log.items)
