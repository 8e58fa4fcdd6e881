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
from typing import Any

from pydantic import ValidationError

from . import discover as conv
from .errors import CourseError
from .model import Assessment, Course, Forum, Lesson, Module, Video
from .yaml_lines import YamlSyntaxError, load_with_lines, nearest_line
from ..textio import read_text

DESCRIPTOR_NAMES = ("course.yaml", "course.yml")
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


@dataclass
class LoadedCourse:
    root: Path
    descriptor: Path
    model: Course
    lines: dict = field(default_factory=dict)
    refs: list[FileRef] = field(default_factory=list)
    encoding: str = "utf-8"

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


def _describe_error(error: dict) -> tuple[str, str]:
    """Turn one pydantic error into (message, hint)."""
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return ("unknown field", "check the spelling against `moocforge schema` or docs/course-format.md")
    if kind == "missing":
        return ("required field is missing", "add it; see docs/course-format.md for an example")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return (f"must be one of {expected}", f"use one of {expected}")
    message = error.get("msg", "invalid value")
    value = error.get("input")
    if value is not None and not isinstance(value, (dict, list)):
        message += f" (got {value!r})"
    return (message, "")


def _format_loc(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_descriptor(root: Path) -> tuple[Path, Any, dict, str]:
    for name in DESCRIPTOR_NAMES:
        candidate = root / name
        if candidate.is_file():
            break
    else:
        raise CourseError(
            "no course.yaml in this folder",
            file=str(root),
            hint=f"run `moocforge init {root}` to create one, or point to the course folder",
        )
    try:
        decoded = read_text(candidate)
    except OSError as exc:
        raise CourseError(f"cannot read the descriptor ({exc.strerror})", file=str(candidate)) from None
    try:
        data, lines = load_with_lines(decoded.text)
    except YamlSyntaxError as exc:
        raise CourseError(f"not valid YAML: {exc}", file=str(candidate), line=exc.line,
                          hint=exc.hint or "fix the indentation or quoting on that line") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CourseError("the descriptor must be a mapping of fields (title: …, modules: …)",
                          file=str(candidate), line=1)
    return candidate, data, lines, decoded.encoding


def load_course(folder: str | os.PathLike) -> LoadedCourse:
    """Read and validate a course folder; raise CourseError with file and line on failure."""
    root = Path(folder)
    if not root.exists():
        raise CourseError("course folder does not exist", file=str(root),
                          hint="check the path, or create a course with `moocforge init`")
    if not root.is_dir():
        raise CourseError("not a folder", file=str(root), hint="give the folder that holds course.yaml")
    descriptor, data, lines, encoding = read_descriptor(root)
    try:
        model = Course.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        loc = tuple(first["loc"])
        message, hint = _describe_error(first)
        # Name every other problem too, each with its line, so one run shows them all.
        for other in errors[1:10]:
            other_loc = tuple(other["loc"])
            line = nearest_line(lines, other_loc)
            message += f"\n  also line {line}, field '{_format_loc(other_loc)}': {_describe_error(other)[0]}"
        if len(errors) > 10:
            message += f"\n  … and {len(errors) - 10} more"
        raise CourseError(message, file=str(descriptor), line=nearest_line(lines, loc),
                          field=_format_loc(loc), hint=hint or None) from None
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


def _discover_lesson(loaded: LoadedCourse, lesson: Lesson, folder: Path | None) -> None:
    root = loaded.root
    if folder is None or not folder.is_dir():
        return
    if not lesson.dir:
        lesson.dir = _rel(root, folder)
    if not lesson.videos:
        uploads = conv.videos_in(folder)
        masters = {m.stem.lower(): m for m in conv.masters_in(folder)}
        for upload in uploads:
            master = masters.pop(upload.stem.lower(), None)
            subs = conv.subtitles_for(upload)
            lesson.videos.append(Video(
                file=_rel(root, upload), title=upload.stem,
                master=_rel(root, master) if master else None,
                subtitles=_rel(root, subs) if subs else None,
            ))
        for master in masters.values():
            lesson.videos.append(Video(master=_rel(root, master), title=master.stem))
    if not lesson.reading:
        lesson.reading = [_rel(root, p) for p in conv.reading_in(folder)]
    if not lesson.slides:
        lesson.slides = [_rel(root, p) for p in conv.slides_in(folder)]
    if lesson.quiz is None:
        banks = conv.quiz_files(folder)
        if banks:
            lesson.quiz = Assessment(kind="quiz", file=_rel(root, banks[0]), outcomes=list(lesson.outcomes))


def _discover_module(loaded: LoadedCourse, index: int, module: Module, folder: Path | None) -> None:
    root = loaded.root
    if module.id is None:
        module.id = f"M{index + 1}"
    if folder is not None and folder.is_dir():
        if not module.dir:
            module.dir = _rel(root, folder)
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
            found = conv.find_named(folder, ("forum", "форум"), {".md", ".txt"})
            if found:
                module.forum = Forum(title=found.stem, prompt=read_text(found).text.strip() or None)
        lesson_dirs = conv.numbered_dirs(folder, conv.LESSON_DIR)
        if not module.lessons:
            for number in sorted(lesson_dirs):
                module.lessons.append(Lesson(title=conv.title_from_dir(lesson_dirs[number])))
    else:
        lesson_dirs = {}
    for j, lesson in enumerate(module.lessons):
        if lesson.id is None:
            lesson.id = f"{module.id}.L{j + 1}"
        lesson_folder = _declared_dir(loaded, lesson.dir) if lesson.dir else lesson_dirs.get(j + 1)
        _discover_lesson(loaded, lesson, lesson_folder)


def _discover(loaded: LoadedCourse) -> None:
    root, model = loaded.root, loaded.model
    docs_dir = root / "docs"
    for name, stems in conv.DOCUMENT_PATTERNS.items():
        if getattr(model.documents, name) is None:
            found = conv.find_named(docs_dir, stems, {".pdf", ".docx"}) or conv.find_named(root, stems, {".pdf", ".docx"})
            if found:
                setattr(model.documents, name, _rel(root, found))
    if model.promo_video is None:
        promo = conv.videos_in(root / "promo") or [p for p in conv.videos_in(root) if p.stem.lower().startswith(("promo", "trailer"))]
        if promo:
            model.promo_video = _rel(root, promo[0])

    module_dirs = conv.numbered_dirs(root, conv.MODULE_DIR)
    if not model.modules:
        for number in sorted(module_dirs):
            model.modules.append(Module(title=conv.title_from_dir(module_dirs[number])))
    for i, module in enumerate(model.modules):
        _discover_module(loaded, i, module, _module_dir(loaded, i, module, module_dirs))

    if model.final_assessment is None:
        banks = conv.quiz_files(root / "final")
        if banks:
            model.final_assessment = Assessment(kind="quiz", file=_rel(root, banks[0]))
    surveys_dir = root / "surveys"
    for when in ("pre", "post"):
        if getattr(model.surveys, when) is None:
            found = conv.find_named(surveys_dir, (when,), conv.QUIZ_EXTENSIONS | {".txt", ".md"})
            if found:
                from .model import Survey

                setattr(model.surveys, when, Survey(file=_rel(root, found)))


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
