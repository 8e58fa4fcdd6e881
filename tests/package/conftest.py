"""Fixtures of the packaging tests: courses to package, a transcode output folder, extracted archives.

Courses are real folders: a copy of the sample course (so that the check's
cache lands in the copy, never in the repository) and generated 4- and
6-module courses (tests/course_factory.py). ``transcoded`` builds the folder
``moocforge transcode --out`` would write for a course, with ffmpeg-made MP4s,
captions and posters, so the tests do not depend on the transcoder.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from course_factory import good_descriptor, write_course
from media_factory import media, private_user_cache

__all__ = ["media", "private_user_cache"]

REPO = Path(__file__).resolve().parents[2]
SRT = "1\n00:00:00,000 --> 00:00:01,000\nСәлем, әлем!\n\n2\n00:00:01,000 --> 00:00:02,000\nКелесі сөйлем.\n"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nСәлем, әлем!\n"


@pytest.fixture
def sample_course(tmp_path) -> Path:
    return Path(shutil.copytree(REPO / "sample_course", tmp_path / "sample_course"))


def generated_course(root: Path, modules: int, lessons: int = 2) -> Path:
    return write_course(root, good_descriptor(modules=modules, lessons=lessons))


@pytest.fixture
def course4(tmp_path) -> Path:
    return generated_course(tmp_path / "course4", 4)


@pytest.fixture
def course6(tmp_path) -> Path:
    return generated_course(tmp_path / "course6", 6, lessons=3)


@pytest.fixture
def extract():
    """extract(archive, into) → the folder a tar.gz was extracted into."""
    return extract_archive


@pytest.fixture
def transcoded(ffmpeg):
    """transcoded(out, video_paths, poster_for=None) → a folder as `moocforge transcode --out` writes it."""
    return lambda out, paths, poster_for=None: make_transcoded(ffmpeg, out, paths, poster_for=poster_for)


def extract_archive(archive: Path, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def make_transcoded(ffmpeg: str, out: Path, video_paths: list[str], *, poster_for: str | None = None) -> Path:
    """What `moocforge transcode --out OUT` leaves for each course video: <path>.mp4, renditions, captions, poster."""
    for course_path in video_paths:
        main = out / Path(course_path).with_suffix(".mp4")
        main.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([ffmpeg, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=s=160x90:r=25:d=1",
                        "-f", "lavfi", "-i", "sine=f=440:d=1", "-c:v", "libx264", "-preset", "ultrafast",
                        "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(main)], check=True, capture_output=True)
        shutil.copy(main, main.with_name(f"{main.stem}_720p.mp4"))
        main.with_suffix(".srt").write_text(SRT, encoding="utf-8")
        main.with_suffix(".vtt").write_text(VTT, encoding="utf-8")
    if poster_for:
        poster = out / Path(poster_for).with_suffix(".jpg")
        poster.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([ffmpeg, "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=s=378x225:d=1",
                        "-frames:v", "1", str(poster)], check=True, capture_output=True)
    return out
