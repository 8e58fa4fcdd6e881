"""Coursera: an upload kit, since Coursera imports no course file.

Coursera's course is Course → Module → Lesson → Item, the items being
lectures, readings, practice quizzes, graded quizzes, discussion prompts and
peer reviews, each made by hand in its editor. The kit lays the files out in
that order — ``NN_module/NN_lesson/NN_item…`` — with H.264/AAC MP4s
(transcode outputs from ``--media``, else the course's upload files), SRT and
VTT captions, readings as PDF, quizzes as GIFT and as a spreadsheet of
questions, and a manifest (``manifest.csv``, ``manifest.xlsx``) listing every
item in order with its module, lesson, type, title, file, duration and
learning outcomes. ``UPLOAD.md`` tells the uploader the order. A zip of the
folder is written beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..course.loader import URL_PATTERN
from ..course.model import Assessment, Lesson, Module
from ..i18n import normalise_language, t
from ..languages import DEFAULT_LANGUAGE
from ..quiz.writers import write_bank
from ..templating import render
from .archive import PackageTree
from ..names import safe_name, safe_stem
from .banks import filtered_bank, record_bank, record_omissions, usable_questions, with_bank_positions
from .manifest import MANIFEST_COLUMNS, manifest_csv, manifest_xlsx, questions_xlsx
from .media import caption_text, find_video_media
from .output import package_folder, zip_folder
from .report import ConversionReport, Reason

LECTURE, READING, PRACTICE_QUIZ, GRADED_QUIZ, DISCUSSION, PEER_REVIEW = (
    "lecture", "reading", "practice_quiz", "graded_quiz", "discussion_prompt", "peer_review")


@dataclass
class KitItem:
    """One row of the manifest."""

    module: str
    lesson: str
    kind: str
    title: str
    files: list[str] = field(default_factory=list)
    duration: float | None = None
    outcomes: list[str] = field(default_factory=list)


class CourseraKit:
    def __init__(self, result, report: ConversionReport, media_dir: Path | None):
        self.result = result
        self.loaded = result.subject
        self.model = result.subject.model
        self.report = report
        self.media_dir = media_dir
        self.tree = PackageTree()
        self.items: list[KitItem] = []
        self.lang = normalise_language(self.model.language) or DEFAULT_LANGUAGE

    # ---------------------------------------------------------------- helpers
    def place(self, folder: str, position: int, kind: str, name: str, *, title: bool = False) -> str:
        """``folder/NN_kind_name``: a file keeps its suffix; a title becomes a stem for suffixes to follow."""
        return f"{folder}/{position:02d}_{kind}_{safe_stem(name) if title else safe_name(name)}"

    def copy(self, folder: str, position: int, kind: str, rel: str, item_kind: str, title: str) -> str | None:
        path = self.loaded.readable_file(rel)
        if path is None:
            self.report.skipped(item_kind, title, "package.reason.missing_file", source=rel)
            return None
        name = self.place(folder, position, kind, PurePosixPath(rel).name)
        if name not in self.tree:
            self.tree.add_file(name, path)
        self.report.assets[rel] = name
        return name

    # ---------------------------------------------------------------- items
    def lecture(self, folder: str, position: int, module: Module, lesson: Lesson, video) -> None:
        title = video.title or lesson.title
        media = find_video_media(self.loaded, video, self.media_dir)
        item = KitItem(module.title, lesson.title, LECTURE, title, outcomes=list(lesson.outcomes))
        reasons: list[Reason] = []
        if media.main is None:
            self.report.skipped("video", title, "package.reason.coursera_no_video", source=video.url or video.master)
            return
        name = self.place(folder, position, "lecture", PurePosixPath(media.main_source).stem + ".mp4")
        self.tree.add_file(name, media.main)
        self.report.assets[media.main_source] = name
        item.files.append(name)
        # A transcode output lasts as long as its source, which the check has probed.
        facts = self.result.evidence.media.get(video.file or "") or self.result.evidence.media.get(video.master or "")
        item.duration = facts.duration if facts is not None else None
        if not media.from_media_folder and PurePosixPath(media.main_source).suffix.lower() != ".mp4":
            reasons.append(Reason("package.reason.coursera_not_mp4"))
        for suffix in (".srt", ".vtt"):
            text = caption_text(media, suffix)
            if text is None:
                reasons.append(Reason("package.reason.no_transcript"))
                break
            caption = str(PurePosixPath(name).with_suffix(suffix))
            self.tree.add_text(caption, text)
            item.files.append(caption)
        self.items.append(item)
        self.report.add("downgraded" if reasons else "converted", "video", title, source=media.main_source,
                        target=name, reasons=reasons)

    def reading(self, folder: str, position: int, module: Module, lesson: Lesson | None, rel: str, kind: str) -> None:
        title = PurePosixPath(rel).name
        item = KitItem(module.title, lesson.title if lesson else "", READING, title,
                       outcomes=list(lesson.outcomes) if lesson else [])
        if URL_PATTERN.match(rel):
            name = self.place(folder, position, "reading", rel, title=True) + ".url.txt"
            self.tree.add_text(name, rel + "\n")
            item.files.append(name)
            self.report.converted("link", rel, source=rel, target=name)
        else:
            name = self.copy(folder, position, "reading", rel, kind, title)
            if name is None:
                return
            item.files.append(name)
            if PurePosixPath(rel).suffix.lower() != ".pdf":
                self.report.downgraded(kind, title, "package.reason.coursera_not_pdf", source=rel, target=name)
            else:
                self.report.converted(kind, title, source=rel, target=name)
        self.items.append(item)

    def quiz(self, folder: str, position: int, module: Module, lesson: str, task: Assessment, kind: str) -> None:
        title = task.title or lesson or module.title
        if task.kind != "quiz":
            self.task(folder, position, module, lesson, task, title)
            return
        bank = usable_questions(self.result, task.file, self.report) if task.file else None
        if bank is None:
            if not task.file:
                self.report.skipped("bank", title, "package.reason.no_bank", source=module.id)
            return
        questions = filtered_bank(bank)
        gift = write_bank(questions, "gift")
        record_omissions(self.report, bank.path, with_bank_positions(bank, gift.omissions))
        base = self.place(folder, position, kind, title, title=True)
        self.tree.add_bytes(base + ".gift", gift.data)
        self.tree.add_bytes(base + ".xlsx", questions_xlsx(questions, self.lang))
        record_bank(self.report, title, bank, len(bank.questions), base + ".gift")
        self.items.append(KitItem(module.title, lesson, kind, title, [base + ".gift", base + ".xlsx"],
                                  outcomes=list(task.outcomes)))

    def task(self, folder: str, position: int, module: Module, lesson: str, task: Assessment, title: str) -> None:
        item = KitItem(module.title, lesson, PEER_REVIEW, title, outcomes=list(task.outcomes))
        if task.file and not URL_PATTERN.match(task.file):
            name = self.copy(folder, position, "peer_review", task.file, "task", title)
            if name is not None:
                item.files.append(name)
        self.items.append(item)
        if task.kind == "peer_review":
            self.report.converted("task", title, source=task.file)
        else:
            self.report.downgraded("task", title, "package.reason.coursera_peer_review", source=task.file)

    def discussion(self, folder: str, position: int, module: Module) -> None:
        forum = module.forum
        title = forum.title or t("package.olx.forum", self.lang)
        name = self.place(folder, position, "discussion_prompt", title, title=True) + ".md"
        self.tree.add_text(name, f"# {title}\n\n{forum.prompt or ''}\n")
        self.items.append(KitItem(module.title, "", DISCUSSION, title, [name]))
        self.report.converted("forum", title, source=module.id, target=name)

    # ---------------------------------------------------------------- structure
    def module(self, number: int, module: Module) -> None:
        folder = f"{number:02d}_{safe_stem(module.title)}"
        position = 0
        for rel, kind in ((module.self_study, "self_study"), (module.assignments, "assignments")):
            if rel:
                position += 1
                self.reading(folder, position, module, None, rel, kind)
        for lesson_number, lesson in enumerate(module.lessons, start=1):
            lesson_folder = f"{folder}/{lesson_number:02d}_{safe_stem(lesson.title)}"
            step = 0
            for video in lesson.videos:
                step += 1
                self.lecture(lesson_folder, step, module, lesson, video)
            for rel, kind in [(r, "reading") for r in lesson.reading] + [(s, "slides") for s in lesson.slides]:
                step += 1
                self.reading(lesson_folder, step, module, lesson, rel, kind)
            if lesson.quiz is not None:
                step += 1
                self.quiz(lesson_folder, step, module, lesson.title, lesson.quiz, PRACTICE_QUIZ)
        if module.practical_task is not None:
            position += 1
            self.quiz(folder, 90 + position, module, "", module.practical_task, GRADED_QUIZ)
        if module.forum is not None:
            position += 1
            self.discussion(folder, 90 + position, module)
        if module.assessment is not None:
            position += 1
            self.quiz(folder, 90 + position, module, "", module.assessment, GRADED_QUIZ)

    def build(self) -> PackageTree:
        for number, module in enumerate(self.model.modules, start=1):
            self.module(number, module)
        final = self.model.final_assessment
        if final is not None:
            closing = Module(id="final", title=final.title or t("package.olx.final", self.lang))
            self.quiz(f"{len(self.model.modules) + 1:02d}_final", 1, closing, "", final, GRADED_QUIZ)
        rows = [[item.module, item.lesson, item.kind, item.title, " ".join(item.files),
                 "" if item.duration is None else round(item.duration, 1), " ".join(item.outcomes)]
                for item in self.items]
        rows = [[number, *row] for number, row in enumerate(rows, start=1)]
        self.tree.add_text("manifest.csv", manifest_csv(rows))
        self.tree.add_bytes("manifest.xlsx", manifest_xlsx(rows, self.lang))
        self.tree.add_text("UPLOAD.md", render("package/coursera/UPLOAD.md.j2", course=self.model, items=self.items,
                                               lang=self.lang, columns=MANIFEST_COLUMNS))
        return self.tree


def package_coursera(result, output: Path, *, media_dir: Path | None = None) -> ConversionReport:
    """Write the Coursera kit into the folder ``output`` and its zip beside it."""
    report = ConversionReport("coursera", "Coursera")
    tree = CourseraKit(result, report, media_dir).build()
    with package_folder(output) as folder:
        for entry in tree.entries():
            target = folder / entry.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with entry.open() as source, open(target, "wb") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
    report.outputs += [str(output), str(zip_folder(output))]
    return report


def transcode_for_coursera(course: Path, media_dir: Path) -> None:
    """Make the kit's MP4s, captions and posters with the ``coursera`` transcode preset into ``media_dir``
    (an interrupted or repeated run resumes: outputs that exist and verify are kept)."""
    from ..transcode.job import TranscodeRequest, transcode

    transcode(TranscodeRequest(paths=[course], preset="coursera", out_dir=media_dir))
