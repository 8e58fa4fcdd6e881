"""How long a lesson video is, read from a check's JSON evidence the way the MD rules read it."""

from __future__ import annotations

from course_factory import good_descriptor

from moocforge.course.model import Course, Video
from moocforge.media.probe import STATUS_TRUNCATED, STATUS_UNREADABLE, MediaFacts, VideoFacts
from moocforge.review.facts import CheckFacts


def _facts(media: dict[str, MediaFacts | dict]) -> CheckFacts:
    evidence = {"media": {path: f.to_dict() if isinstance(f, MediaFacts) else f for path, f in media.items()}}
    return CheckFacts(Course.model_validate(good_descriptor()), {}, [], evidence)


def _measured(seconds: float, **kw) -> MediaFacts:
    return MediaFacts(path="x", duration=seconds, video=VideoFacts(width=1920), **kw)


VIDEO = Video(file="m1/lecture.mp4", master="m1/master.mov")


def test_the_upload_file_first_then_the_master():
    assert _facts({"m1/lecture.mp4": _measured(930), "m1/master.mov": _measured(940)}).video_seconds(VIDEO) == \
        ("m1/lecture.mp4", 930.0)
    assert _facts({"m1/master.mov": _measured(940)}).video_seconds(VIDEO) == ("m1/master.mov", 940.0)


def test_an_unreadable_upload_file_falls_back_to_the_master_and_a_truncated_one_counts():
    unreadable = MediaFacts(path="x", status=STATUS_UNREADABLE)
    assert _facts({"m1/lecture.mp4": unreadable, "m1/master.mov": _measured(940)}).video_seconds(VIDEO) == \
        ("m1/master.mov", 940.0)
    truncated = _measured(600, status=STATUS_TRUNCATED)
    assert _facts({"m1/lecture.mp4": truncated}).video_seconds(VIDEO) == ("m1/lecture.mp4", 600.0)


def test_facts_of_another_shape_count_as_not_measured():
    assert _facts({"m1/lecture.mp4": {"duration": 930, "from_a_newer_version": True}}).video_seconds(VIDEO) == \
        (None, None)
