"""Load a course folder: read ``course.yaml``, validate it, discover files.

The result, ``LoadedCourse``, is what every later stage consumes: the typed
model, where each descriptor field sits (for findings that point at a line),
and every file or link the course refers to with its role. No media or PDF is
opened here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import discover as conv
from .descriptor import DESCRIPTOR_NAMES, check_course_folder, read_descriptor
from .model import Assessment, Course, Forum, Lesson, Module, Survey, Video
from .validation import validate_descriptor
from .yaml_lines import nearest_line
from ..textio import read_text

__all__ = ["DESCRIPTOR_NAMES", "FileRef", "LoadedCourse", "UnusedFolder", "load_course"]

# A scheme of two or more letters then ':' (one letter would be a Windows drive), or www.
URL_PATTERN = re.compile(r"^(?:[a-z][a-z0-9+.-]+:|www\.)", re.I)
WINDOWS_ABSOLUTE = re.compile(r"^([A-Za-z]:[\\/]|[\\/]{2})")


@dataclass(frozen=True)
class FileRef:
    """A file or link the course refers to."""

    path: str  # as written or discovered (model.CoursePath: '/'-separated), relative to the course root
    role: str  # video, master, subtitles, reading, slides, quiz, task, promo, document:NAME, …
    field: tuple  # where in the model, e.g. ("modules", 0, "lessons", 1, "videos", 0, "file")
    source: str  # "descriptor" or "convention"
    module: str | None = None
    lesson: str | None = None

    @property
    def is_url(self) -> bool:
        # A file named on the command line is a file, whatever its name looks like.
        return self.source != "command line" and bool(URL_PATTERN.match(self.path))


@dataclass(frozen=True)
class UnusedFolder:
    """A folder named like a module or lesson that no module or lesson of the course uses.

    Discovery notices it; ST121 reports it (its files would be neither checked nor packaged).
    """

    path: str  # course-relative, '/'-separated
    module: str | None = None  # for a lesson folder: the module whose folder holds it


@dataclass
class LoadedCourse:
    root: Path
    descriptor: Path
    model: Course
    lines: dict = field(default_factory=dict)
    refs: list[FileRef] = field(default_factory=list)
    encoding: str = "utf-8"
    unused_folders: list[UnusedFolder] = field(default_factory=list)

    is_course = True  # a course folder, as opposed to loose files (course.loose)

    @property
    def descriptor_name(self) -> str:
        return self.descriptor.name

    def line_of(self, path: tuple) -> int | None:
        return nearest_line(self.lines, path)

    def resolve(self, rel: str) -> Path:
        """Absolute path of a course-relative path (may lie outside the root)."""
        return (self.root / rel).resolve()

    def inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root.resolve())
            return True
        except ValueError:
            return False

    def rel_inside(self, rel: str) -> bool:
        """Does a path as written in the course lead (links followed) inside the folder?

        "C:/…" or "//server/…" from a Windows machine is absolute wherever we run.
        """
        return not WINDOWS_ABSOLUTE.match(rel) and self.inside(self.resolve(rel))

    def readable_file(self, rel: str) -> Path | None:
        """The absolute path of a referenced file that exists inside the course, else None.

        Inspectors read only such files: a missing one is LK101's finding and
        one outside the folder LK102's, and neither is ever opened.
        """
        target = self.resolve(rel)
        return target if self.rel_inside(rel) and target.is_file() else None

    def refs_by_role(self, *roles: str) -> list[FileRef]:
        return [r for r in self.refs if r.role in roles or any(r.role.startswith(x + ":") for x in roles)]


def load_course(folder: str | os.PathLike) -> LoadedCourse:
    """Read and validate a course folder; raise CourseError with file and line on failure."""
    root = Path(folder)
    check_course_folder(root)
    descriptor, data, lines, encoding = read_descriptor(root)
    model = validate_descriptor(data, lines, str(descriptor))
    loaded = LoadedCourse(root=root, descriptor=descriptor, model=model, lines=lines, encoding=encoding)
    _discover(loaded)
    loaded.refs = _collect_refs(loaded)
    return loaded


# ---------------------------------------------------------------- discovery

def _rel(root: Path, path: Path) -> str:
    return PurePosixPath(path.relative_to(root)).as_posix()


def _declared_dir(loaded: LoadedCourse, rel: str) -> Path | None:
    """A folder named in the descriptor, if it lies inside the course (LK102 reports it otherwise)."""
    folder = loaded.resolve(rel)
    return folder if loaded.inside(folder) else None


def _module_dir(loaded: LoadedCourse, index: int, module: Module, by_number: dict[int, Path]) -> Path | None:
    if module.dir:
        return _declared_dir(loaded, module.dir)
    return by_number.get(index + 1)


def _unused(loaded: LoadedCourse, on_disk: list[Path], used: list[Path | None], module: str | None = None) -> None:
    """Note the folders of ``on_disk`` that none of ``used`` is (compared where links lead)."""
    taken = {folder.resolve() for folder in used if folder is not None}
    loaded.unused_folders += [UnusedFolder(_rel(loaded.root, folder), module) for folder in on_disk
                              if folder.resolve() not in taken]


def _discover_videos(root: Path, lesson: Lesson, folder: Path) -> None:
    masters = {m.stem.lower(): m for m in conv.masters_in(folder)}
    for upload in conv.videos_in(folder):
        master = masters.pop(upload.stem.lower(), None)
        subs = conv.subtitles_for(upload)
        lesson.videos.append(Video(
            file=_rel(root, upload), title=upload.stem,
            master=_rel(root, master) if master else None,
            subtitles=_rel(root, subs) if subs else None,
        ))
    for master in masters.values():
        lesson.videos.append(Video(master=_rel(root, master), title=master.stem))


def _discover_lesson(loaded: LoadedCourse, lesson: Lesson, folder: Path | None) -> None:
    root = loaded.root
    if folder is None or not folder.is_dir():
        return
    if not lesson.dir:
        lesson.dir = _rel(root, folder)
    if not lesson.videos:
        _discover_videos(root, lesson, folder)
    if not lesson.reading:
        lesson.reading = [_rel(root, p) for p in conv.reading_in(folder)]
    if not lesson.slides:
        lesson.slides = [_rel(root, p) for p in conv.slides_in(folder)]
    if lesson.quiz is None:
        banks = conv.quiz_files(folder)
        if banks:
            lesson.quiz = Assessment(kind="quiz", file=_rel(root, banks[0]), outcomes=list(lesson.outcomes))


def _discover_forum(folder: Path) -> Forum | None:
    found = conv.find_named(folder, conv.MODULE_FILE_PATTERNS["forum"], {".md", ".txt"})
    # Only a regular file is read: a named pipe would block the check for ever.
    if found is None or not found.is_file():
        return None
    return Forum(title=found.stem, prompt=read_text(found).text.strip() or None)


def _discover_module_files(loaded: LoadedCourse, module: Module, folder: Path) -> None:
    root = loaded.root
    pdfs = {".pdf"}
    for attr in ("self_study", "assignments"):
        if getattr(module, attr) is None:
            found = conv.find_named(folder, conv.MODULE_FILE_PATTERNS[attr], pdfs)
            if found:
                setattr(module, attr, _rel(root, found))
    if module.announcement is None and module.announcement_file is None:
        found = conv.find_named(folder, conv.MODULE_FILE_PATTERNS["announcement"], {".md", ".txt"})
        if found:
            module.announcement_file = _rel(root, found)
    if module.practical_task is None:
        found = conv.find_named(folder, conv.MODULE_FILE_PATTERNS["practical_task"], conv.READING_EXTENSIONS)
        if found:
            module.practical_task = Assessment(kind="assignment", file=_rel(root, found))
    if module.assessment is None:
        banks = conv.quiz_files(folder)
        if banks:
            module.assessment = Assessment(kind="quiz", file=_rel(root, banks[0]))
    if module.forum is None:
        module.forum = _discover_forum(folder)


def _discover_module(loaded: LoadedCourse, index: int, module: Module, folder: Path | None) -> None:
    if module.id is None:
        module.id = f"M{index + 1}"
    lesson_dirs: dict[int, Path] = {}
    if folder is not None and folder.is_dir():
        if not module.dir:
            module.dir = _rel(loaded.root, folder)
        _discover_module_files(loaded, module, folder)
        lesson_dirs = conv.numbered_dirs(folder, conv.LESSON_DIR)
        if not module.lessons:
            for number in sorted(lesson_dirs):
                module.lessons.append(Lesson(title=conv.title_from_dir(lesson_dirs[number])))
    lesson_folders = []
    for j, lesson in enumerate(module.lessons):
        if lesson.id is None:
            lesson.id = f"{module.id}.L{j + 1}"
        lesson_folder = _declared_dir(loaded, lesson.dir) if lesson.dir else lesson_dirs.get(j + 1)
        lesson_folders.append(lesson_folder)
        _discover_lesson(loaded, lesson, lesson_folder)
    if folder is not None and folder.is_dir():
        _unused(loaded, conv.all_numbered_dirs(folder, conv.LESSON_DIR), lesson_folders, module.id)


def _discover_course_files(loaded: LoadedCourse) -> None:
    """Form 01 documents and the promo video, found beside course.yaml or in docs/ and promo/."""
    root, model = loaded.root, loaded.model
    for name in conv.DOCUMENT_PATTERNS:
        if getattr(model.documents, name) is None:
            found = conv.find_document(name, [root / conv.DOCUMENT_FOLDER, root])
            if found:
                setattr(model.documents, name, _rel(root, found))
    if model.promo_video is None:
        promo = conv.videos_in(root / "promo") or [p for p in conv.videos_in(root) if p.stem.lower().startswith(("promo", "trailer"))]
        if promo:
            model.promo_video = _rel(root, promo[0])


def _discover_assessments(loaded: LoadedCourse) -> None:
    """The final assessment (final/) and the surveys (surveys/pre.*, surveys/post.*)."""
    root, model = loaded.root, loaded.model
    if model.final_assessment is None:
        banks = conv.quiz_files(root / "final")
        if banks:
            model.final_assessment = Assessment(kind="quiz", file=_rel(root, banks[0]))
    surveys_dir = root / "surveys"
    for when in ("pre", "post"):
        if getattr(model.surveys, when) is None:
            found = conv.find_named(surveys_dir, (when,), conv.QUIZ_EXTENSIONS | {".txt", ".md"})
            if found:
                setattr(model.surveys, when, Survey(file=_rel(root, found)))


def _discover(loaded: LoadedCourse) -> None:
    root, model = loaded.root, loaded.model
    _discover_course_files(loaded)
    module_dirs = conv.numbered_dirs(root, conv.MODULE_DIR)
    if not model.modules:
        for number in sorted(module_dirs):
            model.modules.append(Module(title=conv.title_from_dir(module_dirs[number])))
    module_folders = [_module_dir(loaded, i, module, module_dirs) for i, module in enumerate(model.modules)]
    for i, (module, folder) in enumerate(zip(model.modules, module_folders)):
        _discover_module(loaded, i, module, folder)
    _unused(loaded, conv.all_numbered_dirs(root, conv.MODULE_DIR), module_folders)
    _discover_assessments(loaded)


# ---------------------------------------------------------------- references

def _collect_refs(loaded: LoadedCourse) -> list[FileRef]:
    model, refs = loaded.model, []

    def add(value: str | None, role: str, where: tuple, module: str | None = None, lesson: str | None = None) -> None:
        if value:
            source = "descriptor" if where in loaded.lines else "convention"
            refs.append(FileRef(value, role, where, source, module, lesson))

    for name in ("work_program", "glossary", "bibliography"):
        add(getattr(model.documents, name), f"document:{name}", ("documents", name))
    add(model.promo_video, "promo", ("promo_video",))
    # The closing video (form 08) is a video learners watch like any lecture: probed,
    # held to the upload policy and analysed with --deep as one.
    add(model.closing_video, "video", ("closing_video",))
    for i, module in enumerate(model.modules):
        m = ("modules", i)
        if ("modules", i, "dir") in loaded.lines:
            add(module.dir, "folder", m + ("dir",), module.id)
        for j, lesson in enumerate(module.lessons):
            if ("modules", i, "lessons", j, "dir") in loaded.lines:
                add(lesson.dir, "folder", m + ("lessons", j, "dir"), module.id, lesson.id)
        add(module.self_study, "self_study", m + ("self_study",), module.id)
        add(module.assignments, "assignments", m + ("assignments",), module.id)
        add(module.announcement_file, "announcement", m + ("announcement_file",), module.id)
        for key in ("practical_task", "assessment"):
            task = getattr(module, key)
            if task is not None:
                add(task.file, "quiz" if task.kind == "quiz" else "task", m + (key, "file"), module.id)
        for j, lesson in enumerate(module.lessons):
            ls = m + ("lessons", j)
            for k, video in enumerate(lesson.videos):
                v = ls + ("videos", k)
                add(video.file, "video", v + ("file",), module.id, lesson.id)
                add(video.master, "master", v + ("master",), module.id, lesson.id)
                add(video.subtitles, "subtitles", v + ("subtitles",), module.id, lesson.id)
                add(video.url, "link", v + ("url",), module.id, lesson.id)
            for k, item in enumerate(lesson.reading):
                add(item, "reading", ls + ("reading", k), module.id, lesson.id)
            for k, item in enumerate(lesson.slides):
                add(item, "slides", ls + ("slides", k), module.id, lesson.id)
            if lesson.quiz is not None:
                add(lesson.quiz.file, "quiz" if lesson.quiz.kind == "quiz" else "task",
                    ls + ("quiz", "file"), module.id, lesson.id)
    if model.final_assessment is not None:
        fa = model.final_assessment
        add(fa.file, "quiz" if fa.kind == "quiz" else "task", ("final_assessment", "file"))
    for when in ("pre", "post"):
        survey = getattr(model.surveys, when)
        if survey is not None:
            add(survey.file, "survey", ("surveys", when, "file"))
    return refs
