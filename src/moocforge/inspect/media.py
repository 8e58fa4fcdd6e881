"""Media evidence (MediaInfo facts, deep ffmpeg analysis). Filled by the media package."""

from __future__ import annotations


def collect(course, profile, options) -> tuple[dict, dict]:
    return {}, {}
