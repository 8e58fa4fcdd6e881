"""Write Open edX CAPA problems (open.kaznu.kz, moocs.kz): a zip of ``problem/*.xml``.

Each question becomes one OLX problem file, ready for a course's
``problem/`` folder. CAPA has single choice (``multiplechoiceresponse``),
checkboxes (``choiceresponse``), text (``stringresponse``) and number
(``numericalresponse``) problems. It has no matching or essay problem, and a
description is not a problem; those are left out with the reason. Where CAPA
grades differently from Moodle (checkbox partial credit, one accepted number)
the question is written and the change reported.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from ..canonical import default_name
from ..model import Bank, Kind, Question, Text
from ..moodle import FULL_CREDIT
from .gift import format_number
from .plain import to_plain
from . import OmissionLog, Output

FULL = FULL_CREDIT


def slug(name: str) -> str:
    """A url_name Open edX accepts: letters, digits, underscores."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "bank"


class CapaWriter:
    def __init__(self, bank: Bank):
        self.bank = bank
        self.log = OmissionLog()

    def plain(self, index: int, question: Question, text: Text | None) -> str:
        if text is None:
            return ""
        value, removed = to_plain(text)
        if removed:
            self.log.change(index, question, "capa_formatting_removed")
        return self.log.xml_text(index, question, value)

    def problem(self, index: int, question: Question) -> ET.Element | None:
        kind = question.kind
        if kind in (Kind.MATCH, Kind.ESSAY, Kind.DESCRIPTION):
            self.log.drop(index, question, f"capa_no_{kind.value}")
            return None
        name = question.title if question.title is not None else default_name(question.stem)
        problem = ET.Element("problem", display_name=self.log.xml_text(index, question, name))
        response = self.response(index, question)
        if response is None:
            return None
        label = ET.Element("label")
        label.text = self.plain(index, question, question.stem)
        response.insert(0, label)
        problem.append(response)
        if question.general_feedback is not None:
            solution = ET.SubElement(ET.SubElement(problem, "solution"), "div", {"class": "detailed-solution"})
            ET.SubElement(solution, "p").text = self.plain(index, question, question.general_feedback)
        return problem

    def response(self, index: int, question: Question) -> ET.Element | None:
        if question.kind is Kind.TRUEFALSE:
            return self.truefalse(index, question)
        if question.kind is Kind.MULTICHOICE:
            return self.multichoice(index, question) if question.single else self.checkboxes(index, question)
        if question.kind is Kind.SHORTANSWER:
            return self.text_answer(index, question)
        return self.number(index, question)

    def _choice(self, parent: ET.Element, index: int, question: Question, text: str, correct: bool,
                feedback: Text | None) -> None:
        choice = ET.SubElement(parent, "choice", correct="true" if correct else "false")
        choice.text = text
        if feedback is not None:
            ET.SubElement(choice, "choicehint").text = self.plain(index, question, feedback)

    def truefalse(self, index: int, question: Question) -> ET.Element:
        response = ET.Element("multiplechoiceresponse")
        group = ET.SubElement(response, "choicegroup", type="MultipleChoice")
        self._choice(group, index, question, "True", bool(question.truth), question.feedback_true)
        self._choice(group, index, question, "False", not question.truth, question.feedback_false)
        return response

    def multichoice(self, index: int, question: Question) -> ET.Element | None:
        if not any(c.fraction >= FULL for c in question.choices):
            self.log.drop(index, question, "capa_no_full_credit")
            return None
        if any(0 < c.fraction < FULL for c in question.choices):
            self.log.change(index, question, "capa_partial_credit")
        response = ET.Element("multiplechoiceresponse")
        group = ET.SubElement(response, "choicegroup", type="MultipleChoice")
        for choice in question.choices:
            self._choice(group, index, question, self.plain(index, question, choice.text), choice.fraction >= FULL,
                         choice.feedback)
        return response

    def checkboxes(self, index: int, question: Question) -> ET.Element | None:
        if not any(c.fraction > 0 for c in question.choices):
            self.log.drop(index, question, "capa_no_full_credit")
            return None
        # CAPA scores checkboxes with its own partial credit (EDC), not Moodle's weights.
        self.log.change(index, question, "capa_checkbox_grading")
        response = ET.Element("choiceresponse", partial_credit="EDC")
        group = ET.SubElement(response, "checkboxgroup")
        for choice in question.choices:
            self._choice(group, index, question, self.plain(index, question, choice.text), choice.fraction > 0,
                         choice.feedback)
        return response

    def text_answer(self, index: int, question: Question) -> ET.Element | None:
        accepted = [c.text.text for c in question.choices if c.fraction >= FULL]
        if not accepted:
            self.log.drop(index, question, "capa_no_full_credit")
            return None
        if len(accepted) < len(question.choices) or any(c.feedback for c in question.choices):
            self.log.change(index, question, "capa_partial_answers")
        accepted = [self.log.xml_text(index, question, answer) for answer in accepted]
        wildcard = any("*" in answer for answer in accepted)
        if wildcard:  # Moodle's '*' matches anything: a regular expression in CAPA
            accepted = [".*".join(re.escape(part) for part in answer.split("*")) for answer in accepted]
        response = ET.Element("stringresponse", answer=accepted[0], type="ci regexp" if wildcard else "ci")
        for answer in accepted[1:]:
            ET.SubElement(response, "additional_answer", answer=answer)
        ET.SubElement(response, "textline", size="30")
        return response

    def number(self, index: int, question: Question) -> ET.Element | None:
        accepted = [n for n in question.numbers if n.fraction >= FULL and n.value is not None]
        if not accepted:
            self.log.drop(index, question, "capa_no_full_credit")
            return None
        if len(question.numbers) > 1:
            self.log.change(index, question, "capa_one_number")
        best = accepted[0]
        response = ET.Element("numericalresponse", answer=format_number(best.value))
        ET.SubElement(response, "responseparam", type="tolerance", default=format_number(best.tolerance))
        ET.SubElement(response, "formulaequationinput")
        return response


def write(bank: Bank, name: str = "bank") -> Output:
    """A zip of one CAPA problem file per question (``problem/<name>_001.xml`` …)."""
    writer = CapaWriter(bank)
    buffer = io.BytesIO()
    prefix = slug(name)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, question in enumerate(bank.questions):
            problem = writer.problem(index, question)
            if problem is None:
                continue
            ET.indent(problem, space="  ")
            archive.writestr(f"problem/{prefix}_{index + 1:03d}.xml",
                             ET.tostring(problem, encoding="unicode") + "\n")
    return Output(buffer.getvalue(), writer.log.items)
