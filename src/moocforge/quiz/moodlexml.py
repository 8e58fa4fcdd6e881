"""Read Moodle XML question files (Moodle's export, and what moocforge writes).

Covers the kinds the model holds (multichoice, truefalse, shortanswer,
numerical, matching, essay, description) and category switches; other
question types are reported, not guessed at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .model import Bank, CategoryMark, Choice, Kind, MatchPair, NumericAnswer, Question, Text
from .moodle import FULL_CREDIT, is_numeric
from .problems import Problem

_FORMAT = {"moodle_auto_format": "moodle", "html": "html", "plain_text": "plain", "markdown": "markdown"}
_KINDS = {"multichoice": Kind.MULTICHOICE, "truefalse": Kind.TRUEFALSE, "shortanswer": Kind.SHORTANSWER,
          "numerical": Kind.NUMERICAL, "matching": Kind.MATCH, "essay": Kind.ESSAY, "description": Kind.DESCRIPTION}


def _text_of(element: ET.Element | None) -> str:
    if element is None:
        return ""
    node = element.find("text")
    return (node.text or "") if node is not None else (element.text or "")


def _formatted(element: ET.Element | None, default: str = "moodle") -> Text | None:
    if element is None:
        return None
    text = _text_of(element)
    return Text(text, _FORMAT.get(element.get("format", ""), default)) if text else None


def _fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0")) / 100
    except ValueError:
        return 0.0


class MoodleXmlReader:
    def __init__(self, text: str, source: str | None = None):
        self.text = text
        self.bank = Bank(format="moodlexml", source=source)
        self.category: str | None = None

    def read(self) -> Bank:
        try:
            root = ET.fromstring(self.text)
        except ET.ParseError as exc:
            line = exc.position[0] if getattr(exc, "position", None) else 1
            self.bank.problems.append(Problem("xml_invalid", line, {"error": str(exc)}))
            return self.bank
        for element in root.iter("question"):
            kind_name = element.get("type", "")
            if kind_name == "category":
                self.category = _text_of(element.find("category"))
                self.bank.categories.append(CategoryMark(len(self.bank.questions), self.category))
                continue
            kind = _KINDS.get(kind_name)
            if kind is None:
                self.bank.problems.append(Problem("unsupported_type", 1, {"kind": kind_name}))
                continue
            self.bank.questions.append(self.question(element, kind))
        if not self.bank.questions and not self.bank.categories and not self.bank.problems:
            self.bank.problems.append(Problem("no_questions", 1))
        return self.bank

    def question(self, element: ET.Element, kind: Kind) -> Question:
        stem = _formatted(element.find("questiontext")) or Text("", "moodle")
        tags = [_text_of(tag) for tag in element.iterfind("tags/tag")]
        question = Question(kind, stem, title=_text_of(element.find("name")),
                            general_feedback=_formatted(element.find("generalfeedback"), stem.format),
                            idnumber=(element.findtext("idnumber") or "").strip() or None,
                            tags=[tag for tag in tags if tag], category=self.category)
        answers = element.findall("answer")
        if kind is Kind.MULTICHOICE:
            question.single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
        if kind in (Kind.MULTICHOICE, Kind.SHORTANSWER):
            for answer in answers:
                fraction = _fraction(answer)
                text = Text(_text_of(answer), _FORMAT.get(answer.get("format", ""), stem.format))
                question.choices.append(Choice(text, fraction, _formatted(answer.find("feedback"), stem.format),
                                               marked=question.single and fraction >= FULL_CREDIT))
        elif kind is Kind.TRUEFALSE:
            for answer in answers:
                is_true = _text_of(answer).strip().lower() == "true"
                feedback = _formatted(answer.find("feedback"), stem.format)
                if is_true:
                    question.feedback_true = feedback
                    question.truth = _fraction(answer) >= FULL_CREDIT
                else:
                    question.feedback_false = feedback
        elif kind is Kind.NUMERICAL:
            for answer in answers:
                question.numbers.append(self._number(answer, stem.format))
        elif kind is Kind.MATCH:
            for sub in element.iterfind("subquestion"):
                question.pairs.append(MatchPair(Text(_text_of(sub), _FORMAT.get(sub.get("format", ""), stem.format)),
                                                _text_of(sub.find("answer"))))
        return question

    @staticmethod
    def _number(answer: ET.Element, fmt: str) -> NumericAnswer:
        written = _text_of(answer).strip()
        tolerance_text = (answer.findtext("tolerance") or "0").strip()
        tolerance = float(tolerance_text) if is_numeric(tolerance_text) else 0.0
        fraction = _fraction(answer)
        feedback = _formatted(answer.find("feedback"), fmt)
        if written == "*" or not is_numeric(written):
            style = "other" if fraction == 0 else "exact"
            return NumericAnswer(None, tolerance, fraction, feedback, style=style, marked=style != "other")
        return NumericAnswer(float(written), tolerance, fraction, feedback,
                             style="tolerance" if tolerance else "exact")


def parse_moodlexml(text: str, source: str | None = None) -> Bank:
    """Read a Moodle XML document into a bank with its problems."""
    return MoodleXmlReader(text, source).read()
