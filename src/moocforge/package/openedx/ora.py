"""A practical task as an Open edX open-response assessment (ORA).

A task of the descriptor is a document (form 06) learners answer with their
own work; Open edX grades such work only through ORA. The task becomes an ORA
with a file upload (its prompt links the task PDF) scored by staff on one
criterion of 0–N points (form 08's scale, ``packaging.task_scale_max``); a
peer-review task is graded by classmates instead
(``packaging.peer_reviews`` each way). ORA is written inline in its unit, as
Studio does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ...i18n import t


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element


def open_response(url_name: str, title: str, prompt: str, *, start: str, due: str, scale_max: int,
                  peer_reviews: int | None, lang: str) -> ET.Element:
    """The ``<openassessment>`` element; ``peer_reviews`` set means peer assessment, else staff."""
    ora = ET.Element("openassessment", url_name=url_name, submission_start=start, submission_due=due,
                     text_response="optional", file_upload_response="required", file_upload_type="pdf-and-image",
                     allow_multiple_files="True", allow_latex="False", prompts_type="text")
    _text(ora, "title", title)
    assessments = ET.SubElement(ora, "assessments")
    if peer_reviews:
        ET.SubElement(assessments, "assessment", name="peer-assessment", must_grade=str(peer_reviews),
                      must_be_graded_by=str(peer_reviews), start=start)
    else:
        ET.SubElement(assessments, "assessment", name="staff-assessment", required="True")
    prompts = ET.SubElement(ora, "prompts")
    _text(ET.SubElement(prompts, "prompt"), "description", prompt)
    rubric = ET.SubElement(ora, "rubric")
    criterion = ET.SubElement(rubric, "criterion", feedback="optional")
    _text(criterion, "name", "grade")
    _text(criterion, "label", t("package.olx.ora_criterion", lang))
    _text(criterion, "prompt", t("package.olx.ora_criterion_prompt", lang, max=scale_max))
    for points in range(scale_max + 1):
        option = ET.SubElement(criterion, "option", points=str(points))
        _text(option, "name", f"points_{points}")
        _text(option, "label", str(points))
        _text(option, "explanation", t("package.olx.ora_points", lang, n=points, max=scale_max))
    _text(rubric, "feedbackprompt", t("package.olx.ora_feedback", lang))
    return ora
