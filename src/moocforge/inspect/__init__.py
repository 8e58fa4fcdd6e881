"""Inspect: the only stage that touches heavy files.

``gather_evidence`` reads what the rules need — file facts, quiz banks, media
facts, deep media analysis, link status — once, and hands the rules an
``Evidence`` object. Each area has its own collector module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class InspectOptions:
    online: bool = False  # ask external links whether they answer (§9.4)
    deep: bool = False  # decode media for loudness, silence, black frames … (slow)
    use_cache: bool = True
    cache_dir: Path | None = None  # default: <course>/.moocforge-cache
    jobs: int | None = None  # parallel workers; None = number of cores
    progress: bool = False  # show a rich progress display


@dataclass
class Evidence:
    """What the inspectors found, keyed by course-relative path (or URL)."""

    files: dict[str, Any] = field(default_factory=dict)  # path -> FileFacts
    quiz: dict[str, Any] = field(default_factory=dict)  # path -> quiz bank evidence
    media: dict[str, Any] = field(default_factory=dict)  # path -> media facts (MediaInfo)
    qc: dict[str, Any] = field(default_factory=dict)  # path -> deep analysis (ffmpeg)
    links: dict[str, Any] = field(default_factory=dict)  # url -> LinkStatus (with --online)
    texts: dict[str, str] = field(default_factory=dict)  # path -> text of small text files (announcements)
    deep: bool = False
    online: bool = False


def gather_evidence(course, profile, options: InspectOptions | None = None) -> Evidence:
    """Collect every kind of evidence the rules read."""
    from . import files, links, media, quizzes

    options = options or InspectOptions()
    evidence = Evidence(deep=options.deep, online=options.online)
    evidence.files = files.collect(course)
    evidence.texts = files.collect_texts(course, evidence.files)
    evidence.quiz = quizzes.collect(course, profile, options)
    evidence.media, evidence.qc = media.collect(course, profile, options)
    if options.online:
        evidence.links = links.collect(course, profile, options)
    return evidence
