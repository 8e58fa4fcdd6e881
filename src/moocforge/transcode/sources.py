"""Which videos a transcode takes, and where each one's outputs go.

For a course folder the descriptor decides: every lesson video (its camera
master, else its upload file), the promo and the closing video. Each video's
outputs keep its course-relative path with the suffix replaced, so the
output folder mirrors the course and the packaging step finds them by
convention (docs/transcode.md, "Output layout"). For loose files (files or
folders named on the command line) the outputs are named by the file's stem.

Nothing here reads media: a missing source or one outside the course folder
is carried as a problem and its job fails with that reason, so one bad entry
never stops the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..course.descriptor import DESCRIPTOR_NAMES
from ..course.discover import SUBTITLE_EXTENSIONS
from ..course.loader import LoadedCourse, load_course
from ..course.loose import ROLE_MEDIA, expand_paths
from ..errors import UserError
from ..names import safe_stem

# Problems of a source, as catalogue keys (the job fails with this reason).
SOURCE_MISSING = "transcode.source.missing"
SOURCE_OUTSIDE = "transcode.source.outside"


class SourceError(UserError):
    """The sources named cannot be transcoded together (two videos would write one output)."""


@dataclass(frozen=True)
class SourceVideo:
    """One video to transcode and where its outputs go."""

    path: Path  # absolute
    label: str  # course-relative path, or the path as the user gave it
    output_stem: str  # '/'-separated, relative to --out, without suffix: "module-01/lesson-01/lecture_1_1"
    captions: tuple[Path, ...] = ()  # caption files found for it, absolute
    problem: str | None = None  # SOURCE_MISSING, SOURCE_OUTSIDE


@dataclass
class Sources:
    videos: list[SourceVideo] = field(default_factory=list)
    course: LoadedCourse | None = None


def safe_name(stem: str) -> str:
    """A file name of ASCII letters, digits and underscores (Open edX): "Дәріс 1-2" → "Daris_1_2".

    The packaging step's own rule (``names.safe_stem``), so a loose file and a
    packaged one get the same name.
    """
    return safe_stem(stem, "video")


def _output_stem(relative: str, safe: bool) -> str:
    path = PurePosixPath(relative)
    stem = safe_name(path.stem) if safe else path.stem
    return str(path.with_name(stem)) if str(path.parent) != "." else stem


def _captions_beside(video: Path) -> list[Path]:
    """Caption files with the video's stem beside it (lecture.mov → lecture.srt, lecture.vtt)."""
    return [video.with_suffix(suffix) for suffix in sorted(SUBTITLE_EXTENSIONS)
            if video.with_suffix(suffix).is_file()]


def is_course_folder(path: Path) -> bool:
    return path.is_dir() and any((path / name).is_file() for name in DESCRIPTOR_NAMES)


# ---------------------------------------------------------------- a course

def _course_entries(course: LoadedCourse) -> list[tuple[str, list[str]]]:
    """(source path, paths that may hold or sit beside its captions), in course order."""
    entries: list[tuple[str, list[str]]] = []
    for module in course.model.modules:
        for lesson in module.lessons:
            for video in lesson.videos:
                source = video.master or video.file
                if source:
                    entries.append((source, [p for p in (video.subtitles, video.master, video.file) if p]))
    for extra in (course.model.promo_video, course.model.closing_video):
        if extra:
            entries.append((extra, [extra]))
    return entries


def _course_captions(course: LoadedCourse, related: list[str]) -> tuple[Path, ...]:
    found: list[Path] = []
    for rel in related:
        target = course.readable_file(rel)
        if target is None:
            continue
        if target.suffix.lower() in SUBTITLE_EXTENSIONS:
            found.append(target)
        else:
            found.extend(_captions_beside(target))
    return tuple(dict.fromkeys(found))


def course_sources(folder: Path) -> Sources:
    """The videos of a course; their outputs keep the course's names exactly (the layout the packaging
    step reads, which gives every file its platform-safe name itself)."""
    course = load_course(folder)
    videos = []
    for rel, related in _course_entries(course):
        if not course.rel_inside(rel):
            problem = SOURCE_OUTSIDE
        elif course.readable_file(rel) is None:
            problem = SOURCE_MISSING
        else:
            problem = None
        videos.append(SourceVideo(path=course.resolve(rel), label=rel, output_stem=_output_stem(rel, False),
                                  captions=_course_captions(course, related) if problem is None else (),
                                  problem=problem))
    return Sources(videos, course)


# ---------------------------------------------------------------- loose files

def loose_sources(paths: list[Path], safe: bool) -> Sources:
    videos = [SourceVideo(path=path.resolve(), label=str(path), output_stem=_output_stem(path.name, safe),
                          captions=tuple(_captions_beside(path.resolve())))
              for path in dict.fromkeys(expand_paths(paths, ROLE_MEDIA))]
    return Sources(videos)


def find_sources(paths: list[Path], safe: bool) -> Sources:
    """The videos of a course folder (when it is the one path given), else of the files and folders given.

    ``safe`` (the preset's ``safe_names``) names loose files' outputs in ASCII letters, digits and underscores.
    """
    courses = [path for path in paths if is_course_folder(path)]
    if courses and len(paths) > 1:
        raise SourceError("transcode.source.course_alone", file=str(courses[0]), hint="transcode.source.course_alone_hint")
    sources = course_sources(paths[0]) if courses else loose_sources(paths, safe)
    sources.videos = _unique(sources.videos)
    return sources


def _unique(videos: list[SourceVideo]) -> list[SourceVideo]:
    """One entry per source file; two different sources may not share an output name."""
    by_source: dict[Path, SourceVideo] = {}
    by_output: dict[str, SourceVideo] = {}
    for video in videos:
        if video.path in by_source:
            continue  # a video named twice (a lesson's master that is also the promo) is made once
        # Case-folded: on Windows and macOS "Lecture" and "lecture" are one file.
        other = by_output.get(video.output_stem.casefold())
        if other is not None:
            raise SourceError("transcode.source.same_output", first=other.label, second=video.label,
                              output=video.output_stem, hint="transcode.source.same_output_hint")
        by_source[video.path] = by_output[video.output_stem.casefold()] = video
    return list(by_source.values())
