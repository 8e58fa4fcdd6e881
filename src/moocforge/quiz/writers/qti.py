"""Write an IMS QTI 1.2 package: a zip with ``imsmanifest.xml`` and one assessment.

QTI 1.2 (``questestinterop``) is what most LMSs that are not Moodle or Open
edX import (Canvas, Blackboard, D2L, Sakai). Choice questions use
``response_lid``, short answers ``response_str``, numbers ``response_num``
with a ``vargte``/``varlte`` range, matching one ``response_lid`` per
sub-question, essays an ungraded ``response_str``; a description becomes an
item with text only. Scores are percentages (``SCORE`` 0–100).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from ..canonical import default_name
from ..model import Bank, Kind, Question, Text
from .capa import slug
from .gift import format_number
from . import OmissionLog, Output

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
# Canvas reads these names from qtimetadata; other LMSs ignore them harmlessly.
QUESTION_TYPE = {Kind.MULTICHOICE: "multiple_choice_question", Kind.TRUEFALSE: "true_false_question",
                 Kind.SHORTANSWER: "short_answer_question", Kind.NUMERICAL: "numerical_question",
                 Kind.MATCH: "matching_question", Kind.ESSAY: "essay_question", Kind.DESCRIPTION: "text_only_question"}


class QtiWriter:
    def __init__(self, bank: Bank, name: str):
        self.bank = bank
        self.name = name
        self.log = OmissionLog()

    # ---------------------------------------------------------------- small builders
    def mattext(self, parent: ET.Element, index: int, question: Question, text: Text | None) -> None:
        material = ET.SubElement(parent, "material")
        node = ET.SubElement(material, "mattext", texttype="text/html" if text and text.format == "html"
                             else "text/plain")
        node.text = self.log.xml_text(index, question, text.text if text else "")

    def feedback(self, item: ET.Element, ident: str, index: int, question: Question, text: Text | None) -> str | None:
        if text is None or not text.text:
            return None
        node = ET.SubElement(item, "itemfeedback", ident=ident)
        self.mattext(ET.SubElement(node, "flow_mat"), index, question, text)
        return ident

    @staticmethod
    def condition(processing: ET.Element, score: float, *, action: str = "Set", feedback: str | None = None,
                  last: bool = True) -> ET.Element:
        condition = ET.SubElement(processing, "respcondition", {"continue": "No" if last else "Yes"})
        test = ET.SubElement(condition, "conditionvar")
        ET.SubElement(condition, "setvar", action=action, varname="SCORE").text = format_number(round(score * 100, 7))
        if feedback:
            ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)
        return test

    @staticmethod
    def processing(item: ET.Element) -> ET.Element:
        processing = ET.SubElement(item, "resprocessing")
        outcomes = ET.SubElement(processing, "outcomes")
        ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        return processing

    # ---------------------------------------------------------------- items
    def item(self, index: int, question: Question) -> ET.Element:
        ident = f"q{index + 1:04d}"
        title = question.title if question.title is not None else default_name(question.stem)
        item = ET.Element("item", ident=ident, title=self.log.xml_text(index, question, title))
        metadata = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
        for label, entry in (("question_type", QUESTION_TYPE[question.kind]), ("points_possible", "1")):
            field = ET.SubElement(metadata, "qtimetadatafield")
            ET.SubElement(field, "fieldlabel").text = label
            ET.SubElement(field, "fieldentry").text = entry
        presentation = ET.SubElement(item, "presentation")
        self.mattext(presentation, index, question, question.stem)
        build = getattr(self, f"_{question.kind.value}")
        build(item, presentation, index, question)
        self.feedback(item, "general_fb", index, question, question.general_feedback)
        return item

    def _choices(self, item, presentation, index, question, options: list[tuple[Text, float, Text | None]],
                 multiple: bool) -> None:
        response = ET.SubElement(presentation, "response_lid", ident="response1",
                                 rcardinality="Multiple" if multiple else "Single")
        render = ET.SubElement(response, "render_choice")
        for position, (text, _, _) in enumerate(options):
            label = ET.SubElement(render, "response_label", ident=f"c{position + 1}")
            self.mattext(label, index, question, text)
        processing = self.processing(item)
        for position, (_, fraction, feedback) in enumerate(options):
            ref = self.feedback(item, f"c{position + 1}_fb", index, question, feedback)
            if fraction == 0 and ref is None:
                continue
            test = self.condition(processing, fraction, action="Add" if multiple else "Set", feedback=ref,
                                  last=not multiple)
            ET.SubElement(test, "varequal", respident="response1").text = f"c{position + 1}"

    def _multichoice(self, item, presentation, index, question) -> None:
        options = [(c.text, c.fraction, c.feedback) for c in question.choices]
        self._choices(item, presentation, index, question, options, multiple=not question.single)

    def _truefalse(self, item, presentation, index, question) -> None:
        options = [(Text("True", "plain"), 1.0 if question.truth else 0.0, question.feedback_true),
                   (Text("False", "plain"), 0.0 if question.truth else 1.0, question.feedback_false)]
        self._choices(item, presentation, index, question, options, multiple=False)

    def _fill_in(self, presentation: ET.Element, tag: str, **attributes) -> None:
        response = ET.SubElement(presentation, tag, ident="response1", rcardinality="Single", **attributes)
        render = ET.SubElement(response, "render_fib", **({"fibtype": "Decimal"} if tag == "response_num" else {}))
        ET.SubElement(render, "response_label", ident="answer1")

    def _shortanswer(self, item, presentation, index, question) -> None:
        self._fill_in(presentation, "response_str")
        processing = self.processing(item)
        for position, choice in enumerate(question.choices):
            ref = self.feedback(item, f"a{position + 1}_fb", index, question, choice.feedback)
            if "*" in choice.text.text:
                self.log.change(index, question, "qti_wildcard")
            test = self.condition(processing, choice.fraction, feedback=ref)
            ET.SubElement(test, "varequal", respident="response1", case="No").text = \
                self.log.xml_text(index, question, choice.text.text)

    def _numerical(self, item, presentation, index, question) -> None:
        self._fill_in(presentation, "response_num", numtype="Decimal")
        processing = self.processing(item)
        for position, number in enumerate(question.numbers):
            ref = self.feedback(item, f"a{position + 1}_fb", index, question, number.feedback)
            test = self.condition(processing, number.fraction, feedback=ref)
            if number.value is None:
                ET.SubElement(test, "other")
                continue
            low, high = number.value - number.tolerance, number.value + number.tolerance
            if number.style == "range" and number.low is not None and number.high is not None:
                low, high = number.low, number.high
            ET.SubElement(test, "vargte", respident="response1").text = format_number(low)
            ET.SubElement(test, "varlte", respident="response1").text = format_number(high)

    def _match(self, item, presentation, index, question) -> None:
        answers = list(dict.fromkeys(pair.answer for pair in question.pairs))
        graded = [pair for pair in question.pairs if pair.question.text]
        processing = self.processing(item)
        for position, pair in enumerate(graded):
            response = ET.SubElement(presentation, "response_lid", ident=f"response{position + 1}")
            self.mattext(response, index, question, pair.question)
            render = ET.SubElement(response, "render_choice")
            for number, answer in enumerate(answers):
                label = ET.SubElement(render, "response_label", ident=f"m{number + 1}")
                self.mattext(label, index, question, Text(answer, "plain"))
            test = self.condition(processing, 1 / len(graded), action="Add", last=False)
            ET.SubElement(test, "varequal", respident=f"response{position + 1}").text = \
                f"m{answers.index(pair.answer) + 1}"

    def _essay(self, item, presentation, index, question) -> None:
        response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
        ET.SubElement(ET.SubElement(response, "render_fib", rows="15"), "response_label", ident="answer1")

    def _description(self, item, presentation, index, question) -> None:
        pass  # text only: nothing to answer

    # ---------------------------------------------------------------- package
    def assessment(self) -> bytes:
        root = ET.Element("questestinterop", xmlns=QTI_NS)
        assessment = ET.SubElement(root, "assessment", ident=f"a_{slug(self.name)}", title=self.name)
        section = ET.SubElement(assessment, "section", ident="root_section")
        for index, question in enumerate(self.bank.questions):
            section.append(self.item(index, question))
        ET.indent(root, space="  ")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode()

    def manifest(self, href: str) -> bytes:
        root = ET.Element("manifest", identifier=f"m_{slug(self.name)}", xmlns=CP_NS)
        metadata = ET.SubElement(root, "metadata")
        ET.SubElement(metadata, "schema").text = "IMS Content"
        ET.SubElement(metadata, "schemaversion").text = "1.1.3"
        ET.SubElement(root, "organizations")
        resources = ET.SubElement(root, "resources")
        resource = ET.SubElement(resources, "resource", identifier=f"r_{slug(self.name)}",
                                 type="imsqti_xmlv1p2", href=href)
        ET.SubElement(resource, "file", href=href)
        ET.indent(root, space="  ")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode()


def write(bank: Bank, name: str = "bank") -> Output:
    """A QTI 1.2 zip: ``imsmanifest.xml`` and ``<name>/<name>.xml``."""
    writer = QtiWriter(bank, name)
    href = f"{slug(name)}/{slug(name)}.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", writer.manifest(href))
        archive.writestr(href, writer.assessment())
    return Output(buffer.getvalue(), writer.log.items)


# ---------------------------------------------------------------- the Common Cartridge profile

# What each kind is called in the Common Cartridge 1.1 QTI profile (item metadata ``cc_profile``).
CC_PROFILE = {"multichoice": "cc.multiple_choice.v0p1", "multiple": "cc.multiple_response.v0p1",
              Kind.TRUEFALSE: "cc.true_false.v0p1", Kind.SHORTANSWER: "cc.fib.v0p1",
              Kind.NUMERICAL: "cc.fib.v0p1", Kind.ESSAY: "cc.essay.v0p1"}


class CartridgeQtiWriter(QtiWriter):
    """QTI 1.2 as the IMS Common Cartridge 1.1 profile restricts it (what Moodle's CC import reads).

    The profile has no matching question and no numerical one: a matching
    question or a description is left out; a number becomes a fill-in answer
    accepting the number as written (its tolerance is lost). Several correct
    answers are scored all-or-nothing (the profile allows only ``Set``).
    """

    def item(self, index: int, question: Question) -> ET.Element | None:
        if question.kind in (Kind.MATCH, Kind.DESCRIPTION):
            self.log.drop(index, question, f"cc_no_{question.kind.value}")
            return None
        item = super().item(index, question)
        key = ("multichoice" if question.single else "multiple") if question.kind is Kind.MULTICHOICE else question.kind
        metadata = item.find("itemmetadata/qtimetadata")
        field = ET.SubElement(metadata, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = "cc_profile"
        ET.SubElement(field, "fieldentry").text = CC_PROFILE[key]
        return item

    def _multichoice(self, item, presentation, index, question) -> None:
        if question.single:
            return super()._multichoice(item, presentation, index, question)
        response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality="Multiple")
        render = ET.SubElement(response, "render_choice")
        for position, choice in enumerate(question.choices):
            self.mattext(ET.SubElement(render, "response_label", ident=f"c{position + 1}"), index, question,
                         choice.text)
        if any(0 < c.fraction < 1 for c in question.choices if c.fraction > 0) or any(c.feedback for c in question.choices):
            self.log.change(index, question, "cc_all_or_nothing")
        test = self.condition(self.processing(item), 1.0)
        both = ET.SubElement(test, "and")
        for position, choice in enumerate(question.choices):
            equal = ET.Element("varequal", respident="response1")
            equal.text = f"c{position + 1}"
            (both if choice.fraction > 0 else ET.SubElement(both, "not")).append(equal)

    def _numerical(self, item, presentation, index, question) -> None:
        self.log.change(index, question, "cc_numerical_as_text")
        self._fill_in(presentation, "response_str")
        processing = self.processing(item)
        for number in question.numbers:
            if number.value is None:
                continue
            test = self.condition(processing, number.fraction)
            ET.SubElement(test, "varequal", respident="response1", case="No").text = format_number(number.value)

    def assessment(self) -> bytes:
        root = ET.Element("questestinterop", xmlns=QTI_NS)
        assessment = ET.SubElement(root, "assessment", ident=f"a_{slug(self.name)}", title=self.name)
        metadata = ET.SubElement(assessment, "qtimetadata")
        for label, entry in (("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination")):
            field = ET.SubElement(metadata, "qtimetadatafield")
            ET.SubElement(field, "fieldlabel").text = label
            ET.SubElement(field, "fieldentry").text = entry
        section = ET.SubElement(assessment, "section", ident="root_section")
        for index, question in enumerate(self.bank.questions):
            element = self.item(index, question)
            if element is not None:
                section.append(element)
        ET.indent(root, space="  ")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode()


def write_cartridge_assessment(bank: Bank, name: str = "bank") -> Output:
    """One assessment in the Common Cartridge QTI profile (the file a cartridge's assessment resource holds)."""
    writer = CartridgeQtiWriter(bank, name)
    return Output(writer.assessment(), writer.log.items)
