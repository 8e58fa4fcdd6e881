"""Write Moodle XML, the format Moodle's own question export uses.

Every kind the model holds has a Moodle XML form, so nothing is left out;
characters XML 1.0 cannot carry (most control characters) are replaced and
reported. ``moocforge.quiz.moodlexml`` reads the result back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..canonical import default_name
from ..model import Bank, Kind, Question, Text
from .gift import format_number
from . import OmissionLog, Output

# Moodle's names for the text formats in XML.
XML_FORMAT = {"moodle": "moodle_auto_format", "html": "html", "plain": "plain_text", "markdown": "markdown"}


class MoodleXmlWriter:
    def __init__(self, bank: Bank):
        self.bank = bank
        self.log = OmissionLog()
        self.index = 0

    def write(self) -> Output:
        quiz = ET.Element("quiz")
        marks: dict[int, list[str]] = {}
        for mark in self.bank.categories:
            marks.setdefault(mark.index, []).append(mark.name)
        for index in range(len(self.bank.questions) + 1):
            for name in marks.get(index, []):
                element = ET.SubElement(quiz, "question", type="category")
                self._text_node(ET.SubElement(element, "category"), name)
            if index < len(self.bank.questions):
                self.index = index
                quiz.append(self.question(self.bank.questions[index]))
        ET.indent(quiz, space="  ")
        data = ET.tostring(quiz, encoding="unicode", xml_declaration=False)
        return Output(('<?xml version="1.0" encoding="UTF-8"?>\n' + data + "\n").encode("utf-8"), self.log.items)

    # ---------------------------------------------------------------- helpers
    def _clean(self, value: str) -> str:
        if not self.bank.questions:
            return value
        return self.log.xml_text(self.index, self.bank.questions[self.index], value)

    def _text_node(self, parent: ET.Element, value: str) -> None:
        ET.SubElement(parent, "text").text = self._clean(value)

    def _formatted(self, parent: ET.Element, tag: str, text: Text | None, default: str = "moodle") -> None:
        element = ET.SubElement(parent, tag, format=XML_FORMAT[text.format if text else default])
        self._text_node(element, text.text if text else "")

    def _answer(self, parent: ET.Element, fraction: float, text: str, fmt: str, feedback: Text | None,
                weight: float | None = None) -> ET.Element:
        percent = weight if weight is not None else round(fraction * 100, 7)
        answer = ET.SubElement(parent, "answer", fraction=format_number(percent), format=XML_FORMAT[fmt])
        self._text_node(answer, text)
        self._formatted(answer, "feedback", feedback, fmt)
        return answer

    # ---------------------------------------------------------------- one question
    def question(self, question: Question) -> ET.Element:
        kind = question.kind
        element = ET.Element("question", type="matching" if kind is Kind.MATCH else kind.value)
        self._text_node(ET.SubElement(element, "name"), question.title if question.title is not None
                        else default_name(question.stem))
        self._formatted(element, "questiontext", question.stem)
        self._formatted(element, "generalfeedback", question.general_feedback, question.stem.format)
        ET.SubElement(element, "defaultgrade").text = "0" if kind is Kind.DESCRIPTION else "1"
        ET.SubElement(element, "penalty").text = "1" if kind is Kind.TRUEFALSE else "0.3333333"
        ET.SubElement(element, "hidden").text = "0"
        ET.SubElement(element, "idnumber").text = self._clean(question.idnumber or "")
        getattr(self, f"_{kind.value}")(element, question)
        if question.tags:
            tags = ET.SubElement(element, "tags")
            for tag in question.tags:
                self._text_node(ET.SubElement(tags, "tag"), tag)
        return element

    def _description(self, element: ET.Element, question: Question) -> None:
        pass

    def _essay(self, element: ET.Element, question: Question) -> None:
        for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "15"),
                           ("attachments", "0"), ("attachmentsrequired", "0")):
            ET.SubElement(element, tag).text = value
        self._formatted(element, "graderinfo", None, "html")
        self._formatted(element, "responsetemplate", None, "html")

    def _multichoice(self, element: ET.Element, question: Question) -> None:
        ET.SubElement(element, "single").text = "true" if question.single else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "abc"
        for choice in question.choices:
            self._answer(element, choice.fraction, choice.text.text, choice.text.format, choice.feedback, choice.weight)

    def _shortanswer(self, element: ET.Element, question: Question) -> None:
        ET.SubElement(element, "usecase").text = "0"
        for choice in question.choices:
            self._answer(element, choice.fraction, choice.text.text, choice.text.format, choice.feedback, choice.weight)

    def _truefalse(self, element: ET.Element, question: Question) -> None:
        fmt = question.stem.format
        self._answer(element, 1.0 if question.truth else 0.0, "true", fmt, question.feedback_true)
        self._answer(element, 0.0 if question.truth else 1.0, "false", fmt, question.feedback_false)

    def _numerical(self, element: ET.Element, question: Question) -> None:
        for number in question.numbers:
            value = "*" if number.value is None else format_number(number.value)
            answer = self._answer(element, number.fraction, value, question.stem.format, number.feedback,
                                  number.weight)
            ET.SubElement(answer, "tolerance").text = format_number(number.tolerance)

    def _match(self, element: ET.Element, question: Question) -> None:
        ET.SubElement(element, "shuffleanswers").text = "true"
        for pair in question.pairs:
            sub = ET.SubElement(element, "subquestion", format=XML_FORMAT[pair.question.format])
            self._text_node(sub, pair.question.text)
            self._text_node(ET.SubElement(sub, "answer"), pair.answer)


def write(bank: Bank, name: str = "bank") -> Output:
    """The bank as a Moodle XML document (UTF-8)."""
    return MoodleXmlWriter(bank).write()
