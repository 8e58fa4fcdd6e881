"""The media files a package uses for each video: transcode outputs when there are any, else the course's.

``moocforge transcode --out DIR`` writes, for each video of the descriptor,
``DIR/<course-relative path of the video, suffix .mp4>`` with renditions
``<stem>_720p.mp4`` and ``<stem>_360p.mp4``, captions ``<stem>.srt`` and
``<stem>.vtt`` and a poster ``<stem>.jpg``. With ``--media DIR`` a package
takes each of these that exists (looked up by the upload file's path, then by
the camera master's, since a course may be transcoded from either), and
falls back to the course's own upload file and subtitles for the rest.

Captions are converted between SubRip and WebVTT by the ``captions`` domain
when a platform needs the form the course does not have (Open edX wants SRT,
Coursera both), and always written as UTF-8 whatever the author's editor used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..captions.convert import render
from ..captions.read import CaptionError, read_captions
from ..course.loader import LoadedCourse
from ..course.model import Video

RENDITIONS = ("720p", "360p")


@dataclass
class VideoMedia:
    """What a package can use for one video of the descriptor."""

    main: Path | None = None  # the upload MP4 (a transcode output or the course's upload file)
    main_source: str | None = None  # how the report names it: course-relative or media-folder-relative
    renditions: dict[str, Path] = field(default_factory=dict)
    captions: dict[str, Path] = field(default_factory=dict)  # ".srt"/".vtt" → file
    poster: Path | None = None
    from_media_folder: bool = False


def _transcoded(media_dir: Path, course_path: str) -> Path | None:
    candidate = media_dir / PurePosixPath(course_path).with_suffix(".mp4")
    return candidate if candidate.is_file() else None


def find_video_media(loaded: LoadedCourse, video: Video, media_dir: Path | None) -> VideoMedia:
    """The files for ``video``: transcode outputs in ``media_dir`` first, then the course's own."""
    found = VideoMedia()
    if media_dir is not None:
        for course_path in (video.file, video.master):
            main = _transcoded(media_dir, course_path) if course_path else None
            if main is not None:
                found.main, found.from_media_folder = main, True
                found.main_source = main.relative_to(media_dir).as_posix()
                for rendition in RENDITIONS:
                    other = main.with_name(f"{main.stem}_{rendition}.mp4")
                    if other.is_file():
                        found.renditions[rendition] = other
                for suffix in (".srt", ".vtt"):
                    if main.with_suffix(suffix).is_file():
                        found.captions[suffix] = main.with_suffix(suffix)
                poster = main.with_suffix(".jpg")
                found.poster = poster if poster.is_file() else None
                break
    if found.main is None and video.file:
        found.main = loaded.readable_file(video.file)
        found.main_source = video.file if found.main else None
    if video.subtitles:
        own = loaded.readable_file(video.subtitles)
        suffix = PurePosixPath(video.subtitles).suffix.lower()
        if own is not None and suffix in (".srt", ".vtt"):
            found.captions.setdefault(suffix, own)
    return found


def caption_text(media: VideoMedia, suffix: str) -> str | None:
    """The captions as ``suffix`` (".srt" or ".vtt") UTF-8 text, converted from the other form when needed;
    None when the video has none that can be read (the check's caption rules say why)."""
    other = ".vtt" if suffix == ".srt" else ".srt"
    source = media.captions.get(suffix) or media.captions.get(other)
    if source is None:
        return None
    try:
        return render(read_captions(source), suffix[1:]).decode("utf-8")
    except CaptionError:
        return None
