"""The Open edX course archive: the descriptor's structure as OLX.

Mapping (ATU §8.7 → Open edX)::

    module            → chapter
      overview        → sequential: the module's outcomes and its self-study PDFs
      lesson          → sequential (ungraded): a unit per video, a reading unit, practice problems
      practical task  → sequential graded as "Practical Task": the task and an open-response assessment
      forum           → sequential: the prompt and a discussion component
      module test     → sequential graded as "Module Test": problems
      announcement    → a course update (info/updates.html)
    final assessment  → chapter "final" with a sequential graded as "Final Exam"

Videos are referenced by URL (the descriptor's, or ``--video-base-url`` plus
the safe file name) or YouTube id, and copied into ``static/`` only with
``--embed-videos``: Studio struggles with large archives. Transcripts are
SRT files in ``static/`` named in the video's ``transcripts``. Every static
reference (transcripts, links in HTML, the course image) is checked against
the archive's files before it is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ...course.loader import URL_PATTERN
from ...course.model import Assessment, Lesson, Module, Video
from ...i18n import normalise_language, t
from ...languages import DEFAULT_LANGUAGE
from ...quiz.writers.capa import CapaWriter
from ...templating import render
from ..archive import PackageTree
from ...names import safe_stem
from ..assets import AssetNames
from ..banks import record_bank, record_omissions, usable_questions
from ..media import caption_text, find_video_media
from ..report import CONVERTED, DOWNGRADED, ConversionReport, Reason
from .card import plain_card_png
from .dates import course_dates, due
from .grading import grading_plan
from .olx import Olx, json_text, xml_text
from .ora import open_response

PROBLEMS_PER_UNIT = 10
_YOUTUBE = re.compile(r"(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)([A-Za-z0-9_-]{11})")


@dataclass
class OpenEdxOptions:
    org: str
    number: str
    run: str
    platform: str | None = None
    video_base_url: str | None = None
    embed_videos: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    media_dir: Path | None = None


class MissingStaticFile(RuntimeError):
    """An OLX reference points at no file of the archive (a moocforge bug: it would break export)."""


class OpenEdxBuilder:
    """Builds the archive's files (below ``course/``) and records every item in the report."""

    def __init__(self, result, options: OpenEdxOptions, report: ConversionReport):
        self.result = result
        self.loaded = result.subject
        self.model = result.subject.model
        self.profile = result.profile
        self.options = options
        self.report = report
        self.tree = PackageTree()
        self.olx = Olx(self.tree)
        self.assets = AssetNames()
        self.lang = normalise_language(self.model.language) or DEFAULT_LANGUAGE
        self.grading = grading_plan(self.model, self.profile, report)
        self.start, self.end = course_dates(self.model, options.start, options.end)

    # ---------------------------------------------------------------- the whole course
    def build(self) -> PackageTree:
        chapters = [self.chapter(module) for module in self.model.modules]
        if self.model.final_assessment is not None:
            chapters.append(self.final_chapter(self.model.final_assessment))
        self.course_files(chapters)
        verify_static_references(self.tree)
        self.report.assets.update(self.assets.by_source)
        return self.tree

    def course_files(self, chapters: list[ET.Element]) -> None:
        o = self.options
        image = self.course_image()
        settings = {"display_name": self.model.title or o.number, "language": self.lang, "start": self.start,
                    "end": self.end, "course_image": image}
        course = ET.Element("course", {key: str(value) for key, value in settings.items()})
        course.extend(chapters)
        self.tree.add_text(f"course/{o.run}.xml", xml_text(course))
        self.tree.add_text("course.xml", xml_text(ET.Element("course", url_name=o.run, org=o.org, course=o.number)))
        policy = {**settings, "discussion_topics": {"General": {"id": "course"}}}
        self.tree.add_text(f"policies/{o.run}/policy.json", json_text({f"course/{o.run}": policy}))
        self.tree.add_text(f"policies/{o.run}/grading_policy.json", json_text(self.grading.policy))
        self.tree.add_text("about/overview.html", render("package/openedx/overview.html.j2", course=self.model,
                                                         lang=self.lang))
        self.tree.add_text("about/short_description.html", (self.model.annotation or "") + "\n")
        self.tree.add_text("info/updates.html", render("package/openedx/updates.html.j2", updates=self.updates()))

    def course_image(self) -> str:
        poster = None
        if self.model.promo_video and self.options.media_dir is not None:
            poster = find_video_media(self.loaded, Video(file=self.model.promo_video), self.options.media_dir).poster
        if poster is not None:
            name = self.assets.name_for(f"{self.model.promo_video}#poster", "course_image.jpg")
            self.tree.add_file(f"static/{name}", poster)
            self.report.converted("course_image", name, source=self.model.promo_video, target=f"static/{name}")
            return name
        self.tree.add_bytes("static/course_image.png", plain_card_png())
        self.report.downgraded("course_image", "course_image.png", "package.reason.plain_course_image",
                               target="static/course_image.png")
        return "course_image.png"

    def _course_relative(self, path: Path) -> str:
        """How the report names a file: relative to the course, else to --media, else as it is."""
        for root in (self.loaded.root, self.options.media_dir):
            if root is not None and path.resolve().is_relative_to(Path(root).resolve()):
                return path.resolve().relative_to(Path(root).resolve()).as_posix()
        return str(path)

    def updates(self) -> list[dict]:
        found = []
        for module in self.model.modules:
            text = module.announcement
            if text is None and module.announcement_file:
                text = self.result.evidence.texts.get(module.announcement_file)
            if text:
                paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
                found.append({"title": module.title, "paragraphs": paragraphs})
                self.report.converted("announcement", module.title, source=module.announcement_file or module.id,
                                      target="info/updates.html")
        return found

    # ---------------------------------------------------------------- static files
    def static_link(self, rel: str, kind: str, label: str | None = None) -> dict | None:
        """Copy a course file into ``static/``; its link for HTML, or None (reported) when it is missing."""
        path = self.loaded.readable_file(rel)
        name = PurePosixPath(rel).name
        if path is None:
            self.report.skipped(kind, label or name, "package.reason.missing_file", source=rel)
            return None
        safe = self.assets.name_for(rel)
        if f"static/{safe}" not in self.tree:
            self.tree.add_file(f"static/{safe}", path)
        return {"href": f"/static/{safe}", "label": label or name, "external": False}

    def links(self, items: list[str], kind: str, where: str) -> list[dict]:
        found = []
        for item in items:
            if _is_url(item):
                href = item if "://" in item else f"https://{item}"
                found.append({"href": href, "label": item, "external": True})
                self.report.converted(kind, item, source=where)
                continue
            link = self.static_link(item, kind)
            if link is not None:
                found.append(link)
                self.report.converted(kind, PurePosixPath(item).name, source=item, target=link["href"])
        return found

    # ---------------------------------------------------------------- structure
    def sequential(self, url_name: str, title: str, verticals: list[ET.Element], *,
                   task: Assessment | None = None) -> ET.Element:
        element = ET.Element("sequential", display_name=title)
        graded = self.grading.format_of(task) if task is not None else None
        if graded:
            element.set("format", graded)
            element.set("graded", "true")
        deadline = due(task.deadline) if task is not None else None
        if deadline:
            element.set("due", deadline)
        element.extend(verticals)
        return self.olx.block("sequential", url_name, element)

    def vertical(self, url_name: str, title: str, children: list[ET.Element]) -> ET.Element:
        element = ET.Element("vertical", display_name=title)
        element.extend(children)
        return self.olx.block("vertical", url_name, element)

    def chapter(self, module: Module) -> ET.Element:
        names = self.olx.names
        sequentials = [self.overview(module)]
        sequentials += [self.lesson(module, lesson) for lesson in module.lessons]
        if module.practical_task is not None:
            sequentials.append(self.task_sequential(module.id, module.practical_task,
                                                    module.practical_task.title or module.title))
        if module.forum is not None:
            sequentials.append(self.forum(module))
        if module.assessment is not None:
            sequentials.append(self.task_sequential(module.id, module.assessment,
                                                    module.assessment.title or module.title))
        element = ET.Element("chapter", display_name=module.title)
        element.extend(sequentials)
        return self.olx.block("chapter", names.new(module.id), element)

    def final_chapter(self, task: Assessment) -> ET.Element:
        title = task.title or t("package.olx.final", self.lang)
        element = ET.Element("chapter", display_name=title)
        element.append(self.task_sequential("final", task, title))
        return self.olx.block("chapter", self.olx.names.new("final"), element)

    def overview(self, module: Module) -> ET.Element:
        names = self.olx.names
        links = [link for rel, kind in ((module.self_study, "self_study"), (module.assignments, "assignments"))
                 if rel for link in self.links([rel], kind, module.id)]
        html = render("package/openedx/module_overview.html.j2", module=module, links=links, lang=self.lang)
        title = t("package.olx.overview", self.lang)
        unit = self.vertical(names.new(module.id, "overview", "unit"), title,
                             [self.olx.html(names.new(module.id, "overview", "html"), title, html)])
        return self.sequential(names.new(module.id, "overview"), title, [unit])

    def lesson(self, module: Module, lesson: Lesson) -> ET.Element:
        names = self.olx.names
        units = []
        for number, video in enumerate(lesson.videos, start=1):
            component = self.video(lesson, number, video)
            units.append(self.vertical(names.new(lesson.id, f"video{number}", "unit"),
                                       video.title or lesson.title, [component]))
        links = self.links(lesson.reading, "reading", lesson.id) + self.links(lesson.slides, "slides", lesson.id)
        if links:
            title = t("package.olx.reading", self.lang)
            html = render("package/openedx/links.html.j2", intro=None, links=links)
            units.append(self.vertical(names.new(lesson.id, "reading", "unit"), title,
                                       [self.olx.html(names.new(lesson.id, "reading"), title, html)]))
        if lesson.quiz is not None and lesson.quiz.kind == "quiz":
            units += self.quiz_units(lesson.id, lesson.quiz, t("package.olx.practice", self.lang))
        elif lesson.quiz is not None:
            title = lesson.quiz.title or lesson.title
            units.append(self.vertical(names.new(lesson.id, "task", "unit"), title,
                                       self.task_components(lesson.id, lesson.quiz, title)))
        return self.sequential(names.new(lesson.id), lesson.title, units, task=lesson.quiz)

    # ---------------------------------------------------------------- components
    def video(self, lesson: Lesson, number: int, video: Video) -> ET.Element:
        o = self.options
        title = video.title or lesson.title
        media = find_video_media(self.loaded, video, o.media_dir)
        youtube = video.youtube or _youtube_id(video.url)
        sources: list[str] = []
        reasons: list[Reason] = []
        if video.url and not _youtube_id(video.url):
            sources.append(video.url)
        elif media.main is not None and (o.embed_videos or o.video_base_url):
            name = self.assets.name_for(media.main_source, str(PurePosixPath(media.main_source).with_suffix(".mp4")))
            if o.embed_videos:
                if f"static/{name}" not in self.tree:
                    self.tree.add_file(f"static/{name}", media.main)
                sources.append(f"/static/{name}")
            else:
                sources.append(f"{o.video_base_url.rstrip('/')}/{name}")
        if not sources and not youtube:
            reasons.append(Reason("package.reason.video_no_source"))
        transcripts = {}
        srt = caption_text(media, ".srt")
        if srt is not None:
            source = media.captions.get(".srt") or media.captions[".vtt"]
            origin = self._course_relative(source)
            name = self.assets.name_for(origin, f"{PurePosixPath(origin).with_suffix('')}_{self.lang}.srt")
            if f"static/{name}" not in self.tree:
                self.tree.add_text(f"static/{name}", srt)
            transcripts[self.lang] = name
        else:
            reasons.append(Reason("package.reason.no_transcript"))
        element = ET.Element("video", display_name=title, youtube_id_1_0=youtube or "",
                             html5_sources=json.dumps(sources), download_video="false", edx_video_id="", sub="",
                             transcripts=json.dumps(transcripts, sort_keys=True))
        if youtube:
            element.set("youtube", f"1.00:{youtube}")
        for source in sources:
            ET.SubElement(element, "source", src=source)
        for language, name in transcripts.items():
            ET.SubElement(element, "transcript", language=language, src=name)
        url_name = self.olx.names.new(lesson.id, f"video{number}")
        self.report.add(DOWNGRADED if reasons else CONVERTED, "video", title,
                        source=video.file or video.url or video.master, target=f"video/{url_name}.xml",
                        reasons=reasons)
        return self.olx.block("video", url_name, element)

    def quiz_units(self, prefix: str, task: Assessment, title: str) -> list[ET.Element]:
        """Problem components from the task's bank, in units of PROBLEMS_PER_UNIT."""
        if not task.file:
            self.report.skipped("bank", task.title or prefix, "package.reason.no_bank", source=prefix)
            return []
        bank = usable_questions(self.result, task.file, self.report)
        if bank is None:
            return []
        writer = CapaWriter(bank.bank)
        problems = []
        for index, question in bank.questions:
            element = writer.problem(index, question)
            if element is None:
                continue
            element.set("rerandomize", "never")
            element.set("showanswer", "finished")
            element.set("weight", "1")
            problems.append(self.olx.block("problem", self.olx.names.new(prefix, f"q{index + 1:03d}"), element))
        record_omissions(self.report, task.file, writer.log.items)
        changed = len({o.index for o in writer.log.items if not o.dropped})
        record_bank(self.report, task.title or task.file, bank, len(problems), "problem/", changed)
        units = []
        for start in range(0, len(problems), PROBLEMS_PER_UNIT):
            part = problems[start:start + PROBLEMS_PER_UNIT]
            label = title if len(problems) <= PROBLEMS_PER_UNIT else f"{title} ({start + 1}–{start + len(part)})"
            units.append(self.vertical(self.olx.names.new(prefix, "questions", "unit"), label, part))
        return units

    def task_sequential(self, prefix: str, task: Assessment, title: str) -> ET.Element:
        names = self.olx.names
        if task.kind == "quiz":
            units = self.quiz_units(f"{prefix}_{task.kind}", task, title)
        else:
            units = [self.vertical(names.new(prefix, "task", "unit"), title, self.task_components(prefix, task, title))]
        return self.sequential(names.new(prefix, task.kind), title, units, task=task)

    def task_components(self, prefix: str, task: Assessment, title: str) -> list[ET.Element]:
        names = self.olx.names
        link = self.static_link(task.file, "task", title) if task.file and not _is_url(task.file) else None
        deadline = task.deadline.isoformat() if isinstance(task.deadline, dt.date) else task.deadline
        html = render("package/openedx/task.html.j2", title=title, task=task, deadline=deadline, link=link,
                      weight=task.weight, lang=self.lang)
        components = [self.olx.html(names.new(prefix, "task", "html"), title, html)]
        graded = self.grading.format_of(task) is not None
        if graded:
            peer = self.profile.get("packaging.peer_reviews", 2) if task.kind == "peer_review" else None
            prompt = (task.instructions or title) + (f" ({link['label']})" if link else "")
            components.append(open_response(names.new(prefix, "ora"), title, prompt, start=self.start,
                                            due=due(task.deadline) or self.end,
                                            scale_max=int(self.profile.get("packaging.task_scale_max", 5)),
                                            peer_reviews=peer, lang=self.lang))
            self.report.converted("task", title, source=task.file, target="openassessment")
        else:
            self.report.downgraded("task", title, "package.reason.task_ungraded", source=task.file)
        return components

    def forum(self, module: Module) -> ET.Element:
        names = self.olx.names
        forum = module.forum
        title = forum.title or t("package.olx.forum", self.lang)
        html = render("package/openedx/links.html.j2", intro=forum.prompt, links=[])
        discussion = ET.Element("discussion", url_name=names.new(module.id, "discussion"), display_name=title,
                                discussion_id=f"{safe_stem(module.id).lower()}_forum",
                                discussion_category=module.title, discussion_target=title)
        unit = self.vertical(names.new(module.id, "forum", "unit"), title,
                             [self.olx.html(names.new(module.id, "forum", "html"), title, html), discussion])
        self.report.converted("forum", title, source=module.id, target="discussion")
        return self.sequential(names.new(module.id, "forum"), title, [unit])


def _is_url(value: str) -> bool:
    return bool(URL_PATTERN.match(value))


def _youtube_id(url: str | None) -> str | None:
    found = _YOUTUBE.search(url or "")
    return found.group(1) if found else None


_STATIC = re.compile(r"""(?:href|src)="/static/([^"#?]+)""")


def verify_static_references(tree: PackageTree) -> None:
    """Every transcript, course image and ``/static/`` link names a file of the archive.

    A dangling transcript reference breaks Studio's export and search indexing;
    this runs on every package, so such an archive is never written.
    """
    wanted: list[tuple[str, str]] = []
    for name in tree.names():
        if not (name.endswith(".xml") or name.endswith(".html")) or name.startswith("static/"):
            continue
        text = tree.text(name)
        wanted += [(name, target) for target in _STATIC.findall(text)]
        if name.startswith("video/"):
            element = ET.fromstring(text)
            wanted += [(name, src) for src in json.loads(element.get("transcripts") or "{}").values()]
            wanted += [(name, node.get("src")) for node in element.iter("transcript")]
        if name.startswith("course/"):
            image = ET.fromstring(text).get("course_image")
            wanted += [(name, image)] if image else []
    missing = [(where, target) for where, target in wanted if f"static/{target}" not in tree]
    if missing:
        raise MissingStaticFile("; ".join(f"{where} → static/{target}" for where, target in missing))
