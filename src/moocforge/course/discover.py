"""The folder convention: where files are found when the descriptor is silent.

Explicit paths in ``course.yaml`` always win; discovery only fills gaps. The
convention (documented in docs/course-format.md)::

    course.yaml
    docs/        work_program*.pdf  glossary*.pdf  bibliography*.pdf
    promo/       the promo video (or promo.mp4 beside course.yaml)
    module-01/   announcement.md  self_study*.pdf  assignments*.pdf
                 practical*.pdf  assessment.gift|.aiken.txt  forum.md
      lesson-01/ *.mp4 (upload files)  masters/*.mov (camera masters)
                 *.srt|*.vtt  *.pdf (reading)  *.pptx (slides)  quiz.gift|quiz.aiken.txt
    final/       the final assessment bank
    surveys/     pre.* and post.*

Folder and file names may also be Kazakh or Russian (``модуль-01``,
``сабақ-01``, ``глоссарий.pdf``) and numbers may be unpadded (``module-1``).
"""

from __future__ import annotations

import re
from pathlib import Path

VIDEO_EXTENSIONS = {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mxf", ".mts", ".m2ts"}
SUBTITLE_EXTENSIONS = {".srt", ".vtt"}
READING_EXTENSIONS = {".pdf", ".docx", ".doc", ".html", ".htm", ".md", ".epub"}
SLIDE_EXTENSIONS = {".pptx", ".ppt", ".odp"}
QUIZ_EXTENSIONS = {".gift", ".aiken"}
QUIZ_NAME = re.compile(r"^(quiz|test|questions|тест|сұрақ|вопрос|assessment|final|бағалау)", re.I)
MASTER_FOLDERS = ("masters", "master", "source", "camera")

MODULE_DIR = re.compile(r"^(module|modul|week|модуль|апта|неделя)[-_ ]?0*(\d+)\b", re.I)
LESSON_DIR = re.compile(r"^(lesson|topic|сабақ|тақырып|урок|тема)[-_ ]?0*(\d+)\b", re.I)

DOCUMENT_PATTERNS = {
    "work_program": ("work_program", "work-program", "workprogram", "syllabus", "жұмыс", "рабоч", "form02", "form_02"),
    "glossary": ("glossary", "глоссар", "терминдер"),
    "bibliography": ("bibliography", "references", "literature", "әдебиет", "библиограф", "литератур"),
}
MODULE_FILE_PATTERNS = {
    "self_study": ("self_study", "self-study", "selfstudy", "lecture", "өзіндік", "самостоят", "дәріс", "лекци"),
    "assignments": ("assignment", "tasks", "тапсырма", "задани", "сөж", "срс"),
    "practical_task": ("practical", "практика", "practice_task"),
    "announcement": ("announcement", "хабарлама", "хабарландыру", "объявлени"),
}


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")), key=lambda p: p.name.lower())


def numbered_dirs(folder: Path, pattern: re.Pattern[str]) -> dict[int, Path]:
    """Sub-folders whose names carry a number, by that number."""
    found: dict[int, Path] = {}
    if not folder.is_dir():
        return found
    root = folder.resolve()
    for entry in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        match = pattern.match(entry.name)
        # A linked folder that leads out of the course is not followed.
        if entry.is_dir() and match and entry.resolve().is_relative_to(root):
            found.setdefault(int(match.group(2)), entry)
    return found


def find_named(folder: Path, stems: tuple[str, ...], extensions: set[str]) -> Path | None:
    """First file in ``folder`` whose name starts with one of ``stems``."""
    for path in _files(folder):
        name = path.name.lower()
        if path.suffix.lower() in extensions and any(name.startswith(s) for s in stems):
            return path
    return None


def is_quiz_file(path: Path) -> bool:
    name = path.name.lower()
    if ".fixed." in name:
        return False  # a corrected copy written by `moocforge quiz fix`, not yet adopted by the author
    if path.suffix.lower() in QUIZ_EXTENSIONS or name.endswith(".aiken.txt"):
        return True
    return path.suffix.lower() == ".txt" and bool(QUIZ_NAME.match(name))


def quiz_files(folder: Path) -> list[Path]:
    return [p for p in _files(folder) if is_quiz_file(p)]


def videos_in(folder: Path) -> list[Path]:
    return [p for p in _files(folder) if p.suffix.lower() in VIDEO_EXTENSIONS]


def masters_in(folder: Path) -> list[Path]:
    for name in MASTER_FOLDERS:
        sub = folder / name
        if sub.is_dir():
            return videos_in(sub)
    return []


def subtitles_for(video: Path) -> Path | None:
    for path in _files(video.parent):
        if path.suffix.lower() in SUBTITLE_EXTENSIONS and path.name.lower().startswith(video.stem.lower()):
            return path
    return None


def reading_in(folder: Path) -> list[Path]:
    return [p for p in _files(folder) if p.suffix.lower() in READING_EXTENSIONS]


def slides_in(folder: Path) -> list[Path]:
    return [p for p in _files(folder) if p.suffix.lower() in SLIDE_EXTENSIONS]


def title_from_dir(folder: Path) -> str:
    """'lesson-02-Деректер типтері' → 'Деректер типтері'."""
    rest = LESSON_DIR.sub("", folder.name)
    rest = MODULE_DIR.sub("", rest)
    rest = rest.strip(" -_")
    return rest.replace("_", " ") or folder.name
