"""An IMS Common Cartridge 1.1 of the course (``course.imscc``), which Moodle restores as a course.

The organisation mirrors ATU §8.7: an item per module, inside it an item per
lesson (its videos as web links, its readings and slides as web content or
web links, its practice quiz), then the practical task, the forum (a
discussion topic), the module test; the final assessment last. Quizzes are
QTI assessments in the cartridge's QTI profile
(``quiz.writers.qti.CartridgeQtiWriter``). A video the course has only as a
file is not copied (a cartridge is meant to be restored, not to stream
video): it needs a URL, and the report says so.

Namespaces and resource types are those of CC 1.1 (``imsccv1p1``); the test
suite validates the manifest, web links, discussion topics and assessments
against IMS's own schemas.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

from ..course.loader import URL_PATTERN
from ..course.model import Assessment, Lesson, Module
from ..i18n import normalise_language
from ..languages import DEFAULT_LANGUAGE
from ..quiz.writers.qti import write_cartridge_assessment
from .archive import PackageTree
from .assets import AssetNames
from .banks import BankQuestions, filtered_bank, record_omissions, with_bank_positions
from .report import ConversionReport

CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_MANIFEST_NS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
WEBLINK_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
TOPIC_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"
WEBLINK, TOPIC, WEBCONTENT = "imswl_xmlv1p1", "imsdt_xmlv1p1", "webcontent"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


class CartridgeBuilder:
    def __init__(self, result, report: ConversionReport, banks: dict[str, BankQuestions]):
        self.result = result
        self.loaded = result.subject
        self.model = result.subject.model
        self.report = report
        self.banks = banks
        self.tree = PackageTree()
        self.assets = AssetNames()
        self.resources = ET.Element("resources")
        self._files: dict[str, str] = {}  # course path → resource identifier
        self._count = 0

    def identifier(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}_{self._count:04d}"

    def item(self, parent: ET.Element, title: str, resource: str | None = None) -> ET.Element:
        item = ET.SubElement(parent, "item", identifier=self.identifier("I"))
        if resource:
            item.set("identifierref", resource)
        ET.SubElement(item, "title").text = title
        return item

    def resource(self, kind: str, file: str, href: str | None = None) -> str:
        identifier = self.identifier("R")
        element = ET.SubElement(self.resources, "resource", identifier=identifier, type=kind)
        if href:
            element.set("href", href)
        ET.SubElement(element, "file", href=file)
        return identifier

    # ---------------------------------------------------------------- resources
    def web_link(self, parent: ET.Element, title: str, url: str, kind: str) -> None:
        link = ET.Element("webLink", xmlns=WEBLINK_NS)
        ET.SubElement(link, "title").text = title
        ET.SubElement(link, "url", href=url if "://" in url else f"https://{url}", target="_blank")
        name = f"links/{self.identifier('L')}.xml"
        self.tree.add_text(name, _xml(link))
        self.item(parent, title, self.resource(WEBLINK, name))
        self.report.converted(kind, title, source=url, target=name)

    def web_content(self, parent: ET.Element, rel: str, kind: str, title: str | None = None) -> None:
        label = title or PurePosixPath(rel).name
        if URL_PATTERN.match(rel):
            self.web_link(parent, label, rel, kind)
            return
        if rel not in self._files:
            path = self.loaded.readable_file(rel)
            if path is None:
                self.report.skipped(kind, label, "package.reason.missing_file", source=rel)
                return
            name = f"web_resources/{self.assets.name_for(rel)}"
            self.tree.add_file(name, path)
            self._files[rel] = self.resource(WEBCONTENT, name, href=name)
            self.report.converted(kind, label, source=rel, target=name)
        self.item(parent, label, self._files[rel])

    def topic(self, parent: ET.Element, module: Module) -> None:
        forum = module.forum
        title = forum.title or module.title
        topic = ET.Element("topic", xmlns=TOPIC_NS)
        ET.SubElement(topic, "title").text = title
        ET.SubElement(topic, "text", texttype="text/plain").text = forum.prompt or title
        name = f"topics/{self.identifier('T')}.xml"
        self.tree.add_text(name, _xml(topic))
        self.item(parent, title, self.resource(TOPIC, name))
        self.report.converted("forum", title, source=module.id, target=name)

    def quiz(self, parent: ET.Element, task: Assessment, title: str) -> None:
        if task.kind != "quiz":
            if task.file:
                self.web_content(parent, task.file, "task", title)
            return
        questions = self.banks.get(task.file or "")
        if questions is None:
            return  # no bank, or an unreadable one: already reported with the banks
        written = write_cartridge_assessment(filtered_bank(questions), title)
        identifier = self.identifier("Q")
        name = f"{identifier}/assessment_qti.xml"
        self.tree.add_bytes(name, written.data)
        self.item(parent, title, self.resource(ASSESSMENT, name))
        record_omissions(self.report, questions.path, with_bank_positions(questions, written.omissions))

    # ---------------------------------------------------------------- structure
    def lesson(self, parent: ET.Element, lesson: Lesson) -> None:
        item = self.item(parent, lesson.title)
        for video in lesson.videos:
            title = video.title or lesson.title
            url = video.url or (f"https://www.youtube.com/watch?v={video.youtube}" if video.youtube else None)
            if url:
                self.web_link(item, title, url, "video")
            else:
                self.report.skipped("video", title, "package.reason.cartridge_video_url",
                                    source=video.file or video.master)
        for rel in lesson.reading:
            self.web_content(item, rel, "reading")
        for rel in lesson.slides:
            self.web_content(item, rel, "slides")
        if lesson.quiz is not None:
            self.quiz(item, lesson.quiz, lesson.quiz.title or lesson.title)

    def module(self, parent: ET.Element, module: Module) -> None:
        item = self.item(parent, module.title)
        for rel, kind in ((module.self_study, "self_study"), (module.assignments, "assignments")):
            if rel:
                self.web_content(item, rel, kind)
        for lesson in module.lessons:
            self.lesson(item, lesson)
        if module.practical_task is not None:
            self.quiz(item, module.practical_task, module.practical_task.title or module.title)
        if module.forum is not None:
            self.topic(item, module)
        if module.assessment is not None:
            self.quiz(item, module.assessment, module.assessment.title or module.title)

    def build(self) -> PackageTree:
        lang = normalise_language(self.model.language) or DEFAULT_LANGUAGE
        manifest = ET.Element("manifest", {"identifier": "M_course", "xmlns": CP_NS,
                                           "xmlns:lomimscc": LOM_MANIFEST_NS})
        metadata = ET.SubElement(manifest, "metadata")
        ET.SubElement(metadata, "schema").text = "IMS Common Cartridge"
        ET.SubElement(metadata, "schemaversion").text = "1.1.0"
        general = ET.SubElement(ET.SubElement(metadata, "lomimscc:lom"), "lomimscc:general")
        ET.SubElement(ET.SubElement(general, "lomimscc:title"), "lomimscc:string",
                      language=lang).text = self.model.title or "course"
        if self.model.annotation:
            ET.SubElement(ET.SubElement(general, "lomimscc:description"), "lomimscc:string",
                          language=lang).text = self.model.annotation
        organization = ET.SubElement(ET.SubElement(manifest, "organizations"), "organization",
                                     identifier="O_course", structure="rooted-hierarchy")
        root = ET.SubElement(organization, "item", identifier="I_root")
        for module in self.model.modules:
            self.module(root, module)
        if self.model.final_assessment is not None:
            final = self.model.final_assessment
            self.quiz(root, final, final.title or "final")
        manifest.append(self.resources)
        self.tree.add_text("imsmanifest.xml", _xml(manifest))
        self.report.assets.update({rel: name for rel, name in self.assets.by_source.items()})
        return self.tree


def build_cartridge(result, report: ConversionReport, banks: dict[str, BankQuestions]) -> PackageTree:
    """The cartridge's files; ``banks`` are the course's banks as the Moodle target took them."""
    return CartridgeBuilder(result, report, banks).build()
