"""Loose files as a check subject: media files or quiz banks named on the command line.

``moocforge media check``, ``media qc`` and ``quiz lint`` run the same
pipeline as ``moocforge check``; their subject is not a course folder but a
set of files. ``LooseFiles`` offers what the pipeline reads of a course
(``refs``, ``resolve``, ``readable_file`` …) with an empty descriptor, so
course-level rules have nothing to judge and stay silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import filekind
from .discover import is_quiz_file
from .errors import CourseError
from .loader import FileRef
from .model import Course

# Extensions taken from a folder given on the command line (files named
# explicitly are taken whatever their name).
MEDIA_EXTENSIONS = frozenset({
    ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mxf", ".mts", ".m2ts", ".ts", ".mpg", ".mpeg", ".dv",
    ".wmv", ".3gp", ".wav", ".m4a", ".mp3", ".aac", ".flac", ".ogg", ".opus",
})
# What each kind of loose file is called in the subject (course.loader.FileRef.role).
ROLE_MEDIA, ROLE_QUIZ = "media", "quiz"


def _wanted_in_folder(path: Path, role: str) -> bool:
    if role == ROLE_MEDIA:
        return path.suffix.lower() in MEDIA_EXTENSIONS
    return is_quiz_file(path) or path.suffix.lower() == ".xml"


def expand_paths(paths: list[Path], role: str) -> list[Path]:
    """Files as given; folders walked for files of the role, in name order.

    A missing path, a folder with nothing to check or something that is not a
    regular file is a ``CourseError`` (one message, exit code 2).
    """
    files: list[Path] = []
    for path in paths:
        kind = filekind.file_kind(path)
        if kind == filekind.FOLDER:
            files.extend(_wanted_files(path, role))
        elif kind == filekind.FILE:
            files.append(path)
        elif kind == filekind.MISSING:
            raise CourseError("course.loose.missing", file=str(path), hint="course.loose.hint")
        else:  # a named pipe, a device, a dangling link: never opened
            raise CourseError("course.loose.not_a_file", file=str(path), kind=filekind.label(kind),
                              hint="course.loose.hint")
    return files


def _wanted_files(folder: Path, role: str) -> list[Path]:
    found = sorted(p for p in folder.rglob("*") if p.is_file() and _wanted_in_folder(p, role)
                   and ".moocforge-cache" not in p.parts)
    if not found:
        if role == ROLE_MEDIA:
            raise CourseError("course.loose.no_media", file=str(folder), looked_for=", ".join(sorted(MEDIA_EXTENSIONS)))
        raise CourseError("course.loose.no_quiz", file=str(folder), looked_for=".gift, .aiken.txt, .xml")
    return found


@dataclass
class LooseFiles:
    """The subject of a check of files outside any course."""

    paths: list[Path]
    role: str
    root: Path = field(default_factory=Path.cwd)
    model: Course = field(default_factory=Course)
    refs: list[FileRef] = field(init=False)
    unused_folders: list = field(default_factory=list)  # no course folder, so none is left unused

    is_course = False
    descriptor_name = ""

    def __post_init__(self) -> None:
        # A file is named as the user named it, so findings point where they looked.
        self.refs = [FileRef(str(path), self.role, (), "command line") for path in dict.fromkeys(self.paths)]

    def line_of(self, path: tuple) -> None:
        return None

    def resolve(self, rel: str) -> Path:
        return (self.root / rel).resolve()

    def rel_inside(self, rel: str) -> bool:
        return True  # there is no course folder to stay inside

    def readable_file(self, rel: str) -> Path | None:
        target = self.resolve(rel)
        return target if target.is_file() else None

    def refs_by_role(self, *roles: str) -> list[FileRef]:
        return [r for r in self.refs if r.role in roles]


def loose_files(paths: list[Path], role: str) -> LooseFiles:
    """The subject for ``paths`` (folders expanded): media files or quiz banks."""
    return LooseFiles(expand_paths(paths, role), role)
