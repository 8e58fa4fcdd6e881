"""The folder convention: where files are found when the descriptor is silent.

Explicit paths in ``course.yaml`` always win; discovery only fills gaps. The
convention (documented in docs/course-format.md)::

    course.yaml
    docs/        the work program, glossary and bibliography (or beside course.yaml),
                 found by any word of their names (DOCUMENT_PATTERNS)
    promo/       the promo video (or promo.mp4 beside course.yaml)
    module-01/   announcement.md  self_study*.pdf  assignments*.pdf
                 practical*.pdf  assessment.gift|.aiken.txt  forum.md
      lesson-01/ *.mp4 (upload files)  masters/*.mov (camera masters)
                 *.srt|*.vtt (the video's stem)  *.pdf (reading)  *.pptx (slides)  quiz.gift|quiz.aiken.txt
    final/       the final assessment bank
    surveys/     pre.* and post.*

Folder and file names may also be Kazakh or Russian (``модуль-01``,
``сабақ-01``, ``Список литературы.pdf``) and numbers may be unpadded (``module-1``).
Nothing here opens a file: a link whose target is gone or a named pipe is
found like a file, so that the check can say what it is.
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

# Form 01 documents (items 16–18) by the names authors give them in English,
# Kazakh and Russian. A name matches when one of its words begins with a stem
# ("Список литературы", "Пайдаланылған әдебиеттер", "References_2025").
DOCUMENT_PATTERNS = {
    "work_program": ("work_program", "work-program", "workprogram", "work program", "syllabus", "силлабус",
                     "жұмыс", "бағдарлама", "рабоч", "программа курса", "form02", "form_02", "форма 02",
                     "02 нысан"),
    "glossary": ("glossary", "глоссар", "термин"),
    "bibliography": ("bibliography", "references", "literature", "reading list", "әдебиет", "библиограф",
                     "литератур"),
}
DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".doc"}
DOCUMENT_FOLDER = "docs"
# Files of a module folder, matched by the beginning of their name.
MODULE_FILE_PATTERNS = {
    "self_study": ("self_study", "self-study", "selfstudy", "lecture", "өзіндік", "самостоят", "дәріс", "лекци"),
    "assignments": ("assignment", "tasks", "seminar", "lab", "тапсырма", "задани", "сөж", "срс", "семинар",
                    "лаборатор", "зертхана"),
    "practical_task": ("practical", "практика", "практич", "practice_task"),
    "announcement": ("announcement", "хабарлама", "хабарландыру", "объявлени", "анонс"),
    "forum": ("forum", "форум", "discussion", "талқылау", "обсуждени"),
}
# Separators authors put between the words of a file name.
_WORD_SEPARATORS = re.compile(r"[\s_.\-]+")


def _entries(folder: Path) -> list[Path]:
    """What a folder holds besides sub-folders and hidden names, in name order.

    Not only regular files: a link whose target is gone or a named pipe is
    kept too, so that the course refers to it and the check can say what it
    is (LK101) instead of calling it missing. Nothing here opens an entry.
    """
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if not p.name.startswith(".") and not p.is_dir()),
                  key=lambda p: p.name.lower())


def numbered_dirs(folder: Path, pattern: re.Pattern[str]) -> dict[int, Path]:
    """Sub-folders whose names carry a number, by that number (the first in name order wins)."""
    found: dict[int, Path] = {}
    for entry in all_numbered_dirs(folder, pattern):
        found.setdefault(int(pattern.match(entry.name).group(2)), entry)
    return found


def all_numbered_dirs(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Every sub-folder named like a module or lesson, two with one number included, in name order."""
    if not folder.is_dir():
        return []
    root = folder.resolve()
    # A linked folder that leads out of the course is not followed.
    return [entry for entry in sorted(folder.iterdir(), key=lambda p: p.name.lower())
            if pattern.match(entry.name) and entry.is_dir() and entry.resolve().is_relative_to(root)]


def find_named(folder: Path, stems: tuple[str, ...], extensions: set[str]) -> Path | None:
    """First entry in ``folder`` whose name starts with one of ``stems`` (special files included)."""
    for path in _entries(folder):
        name = path.name.lower()
        if path.suffix.lower() in extensions and any(name.startswith(s) for s in stems):
            return path
    return None


def _words(name: str) -> str:
    """A file name's stem as lower-case words: "Список_литературы-2025" → "список литературы 2025"."""
    return " " + _WORD_SEPARATORS.sub(" ", Path(name).stem.lower()).strip()


def _separated(stem: str) -> str:
    return _WORD_SEPARATORS.sub(" ", stem.lower())


def find_document(name: str, folders: list[Path]) -> Path | None:
    """The form 01 document ``name`` (work_program, glossary, bibliography) in the first folder that has one."""
    stems = [" " + _separated(stem) for stem in DOCUMENT_PATTERNS[name]]
    for folder in folders:
        for path in _entries(folder):
            if path.suffix.lower() in DOCUMENT_EXTENSIONS and any(stem in _words(path.name) for stem in stems):
                return path
    return None


def looked_for(stems: tuple[str, ...]) -> str:
    """The names searched, as a message lists them: "glossary…, глоссар…, термин…"."""
    return ", ".join(dict.fromkeys(f"{_separated(stem)}…" for stem in stems))


def is_quiz_file(path: Path) -> bool:
    name = path.name.lower()
    if ".fixed." in name:
        return False  # a corrected copy written by `moocforge quiz fix`, not yet adopted by the author
    if path.suffix.lower() in QUIZ_EXTENSIONS or name.endswith(".aiken.txt"):
        return True
    return path.suffix.lower() == ".txt" and bool(QUIZ_NAME.match(name))


def quiz_files(folder: Path) -> list[Path]:
    return [p for p in _entries(folder) if is_quiz_file(p)]


def videos_in(folder: Path) -> list[Path]:
    return [p for p in _entries(folder) if p.suffix.lower() in VIDEO_EXTENSIONS]


def masters_in(folder: Path) -> list[Path]:
    for name in MASTER_FOLDERS:
        sub = folder / name
        if sub.is_dir():
            return videos_in(sub)
    return []


# "lecture.srt" or "lecture.kk.srt" / "lecture.ru-RU.vtt" (a language tag before the extension).
_SUBTITLE_LANGUAGE = re.compile(r"^\.[a-z]{2,3}(-[a-z0-9]{2,8})?$", re.I)


def subtitles_for(video: Path) -> Path | None:
    """The subtitle file of ``video``: the same stem exactly, or the stem and a language tag.

    "Лекция 1.srt" belongs to "Лекция 1.mp4"; "Лекция 11.srt" does not, nor does
    "Лекция 1 (old).srt". The exact stem wins over a language-tagged one.
    """
    stem = video.stem.lower()
    tagged = []
    for path in _entries(video.parent):
        if path.suffix.lower() not in SUBTITLE_EXTENSIONS:
            continue
        own = path.stem.lower()
        if own == stem:
            return path
        if own.startswith(stem) and _SUBTITLE_LANGUAGE.match(own[len(stem):]):
            tagged.append(path)
    return tagged[0] if tagged else None


def reading_in(folder: Path) -> list[Path]:
    return [p for p in _entries(folder) if p.suffix.lower() in READING_EXTENSIONS]


def slides_in(folder: Path) -> list[Path]:
    return [p for p in _entries(folder) if p.suffix.lower() in SLIDE_EXTENSIONS]


def title_from_dir(folder: Path) -> str:
    """'lesson-02-Деректер типтері' → 'Деректер типтері'."""
    rest = LESSON_DIR.sub("", folder.name)
    rest = MODULE_DIR.sub("", rest)
    rest = rest.strip(" -_")
    return rest.replace("_", " ") or folder.name
