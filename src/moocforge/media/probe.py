"""Media facts from MediaInfo: what a file is, without decoding it.

``probe_media(path)`` reads one file with the bundled libmediainfo (via
pymediainfo) and returns ``MediaFacts``: container, first video and audio
track, duration, bit rates and a status saying whether the file is usable at
all (empty, not media, truncated …). Nothing here raises for a bad file: a
broken file is a fact to report, not an error.

Policies address the facts by flat field names (``video.bit_rate``,
``audio.sampling_rate`` …, see ``MediaFacts.fields``), so a studio can write
its own policy without knowing MediaInfo's internal names.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, fields as dataclass_fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from .intra import intra_from_container

# Bump when the shape or meaning of MediaFacts changes: cached facts of an older
# shape are then read again instead of being misread.
FACTS_SCHEMA = 3

# Formats whose bit depth MediaInfo does not state but which are never below it.
# ProRes 422 is 10-bit and 4444 12-bit; CineForm is 10-bit or more.
_IMPLIED_BIT_DEPTH = {"prores": 10, "cineform": 10}

STATUS_OK = "ok"
STATUS_EMPTY = "empty"  # zero bytes
STATUS_NOT_MEDIA = "not_media"  # MediaInfo recognises no format (a text file named .mp4)
STATUS_TRUNCATED = "truncated"  # the container says data is missing (interrupted copy or download)
STATUS_NO_STREAMS = "no_streams"  # a known container without any audio or video track
STATUS_UNREADABLE = "unreadable"  # cannot be opened (permissions, vanished, I/O error)


class CallCounter:
    """A thread-safe count of expensive reads (tests prove the cache works by these)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def increment(self) -> None:
        with self._lock:
            self.value += 1


PROBES = CallCounter()  # MediaInfo parses


@dataclass
class VideoFacts:
    format: str | None = None  # MediaInfo's name: AVC, HEVC, ProRes, VC-3, JPEG, FFV1 …
    profile: str | None = None  # e.g. "High@L4.1", "422 HQ", "High 10 Intra@L4.1"
    gop: str | None = None  # e.g. "N=1", "M=3, N=12" when the stream states it
    intra_only: bool | None = None  # None: the container does not say (see intra.py)
    intra_basis: str | None = None  # format | profile | gop | frame types
    width: int | None = None
    height: int | None = None
    scan_type: str | None = None  # Progressive, Interlaced, MBAFF …
    scan_order: str | None = None  # TFF, BFF
    frame_rate: float | None = None
    frame_rate_mode: str | None = None  # CFR or VFR
    bit_depth: int | None = None
    bit_depth_implied: bool = False  # True when taken from the format (ProRes) not the stream
    chroma_subsampling: str | None = None
    bit_rate: int | None = None  # bit/s
    bit_rate_source: str | None = None  # stream | nominal | overall minus audio
    duration: float | None = None  # seconds


@dataclass
class AudioFacts:
    format: str | None = None  # AAC, PCM, MPEG Audio …
    sampling_rate: int | None = None  # Hz
    bit_depth: int | None = None  # None for lossy codecs, which have none
    channels: int | None = None
    bit_rate: int | None = None
    duration: float | None = None


@dataclass
class MediaFacts:
    """Everything MediaInfo says about one file, in moocforge's own terms."""

    path: str
    size: int | None = None
    status: str = STATUS_OK
    error: str | None = None
    container: str | None = None  # MPEG-4, Matroska, MXF, AVI …
    container_profile: str | None = None  # QuickTime, Base Media …
    duration: float | None = None  # seconds
    overall_bit_rate: int | None = None
    truncated: bool = False
    video_tracks: int = 0
    audio_tracks: int = 0
    video: VideoFacts | None = None
    audio: AudioFacts | None = None
    frame_types: dict[str, int] | None = None  # from a bounded ffmpeg sample, when one was read

    @property
    def readable(self) -> bool:
        """MediaInfo could read the file and it holds at least one stream."""
        return self.status in (STATUS_OK, STATUS_TRUNCATED) and (self.video is not None or self.audio is not None)

    def fields(self) -> dict[str, Any]:
        """Flat field names that policies test (``video.width``, ``audio.channels`` …)."""
        flat: dict[str, Any] = {
            "file.size": self.size,
            "file.status": self.status,
            "general.container": self.container,
            "general.duration": self.duration,
            "general.overall_bit_rate": self.overall_bit_rate,
            "general.truncated": self.truncated,
            "video.present": self.video is not None,
            "video.tracks": self.video_tracks,
            "audio.present": self.audio is not None,
            "audio.tracks": self.audio_tracks,
        }
        for prefix, track, kind in (("video", self.video, VideoFacts), ("audio", self.audio, AudioFacts)):
            for item in dataclass_fields(kind):
                flat[f"{prefix}.{item.name}"] = getattr(track, item.name) if track is not None else None
        return flat

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MediaFacts":
        data = dict(data)
        video, audio = data.pop("video", None), data.pop("audio", None)
        facts = cls(**data)
        facts.video = VideoFacts(**video) if video else None
        facts.audio = AudioFacts(**audio) if audio else None
        return facts


# ---------------------------------------------------------------- reading values

def _number(value: Any, kind=float) -> Any:
    """MediaInfo gives numbers as int, float or text ("2000.000000", "48000 / 44100")."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return kind(value)
    text = str(value).split("/")[0].strip()
    try:
        return kind(float(text))
    except ValueError:
        return None


def _seconds(milliseconds: Any) -> float | None:
    value = _number(milliseconds)
    return round(value / 1000.0, 3) if value is not None else None


def _frame_rate(track) -> float | None:
    """Exact rate from numerator/denominator when given (24000/1001 is not 23.976)."""
    num, den = _number(track.framerate_num), _number(track.framerate_den)
    if num and den:
        return round(num / den, 6)
    return _number(track.frame_rate)


def _video_facts(track, general, audio_bit_rate: int | None) -> VideoFacts:
    facts = VideoFacts(
        format=track.format,
        profile=track.format_profile,
        gop=track.format_settings__gop,
        width=_number(track.width, int),
        height=_number(track.height, int),
        scan_type=track.scan_type,
        scan_order=track.scan_order,
        frame_rate=_frame_rate(track),
        frame_rate_mode=track.frame_rate_mode,
        bit_depth=_number(track.bit_depth, int),
        chroma_subsampling=track.chroma_subsampling,
        duration=_seconds(track.duration),
    )
    if facts.bit_depth is None and facts.format:
        implied = _IMPLIED_BIT_DEPTH.get(facts.format.lower())
        if implied:
            facts.bit_depth, facts.bit_depth_implied = implied, True
    for source, value in (("stream", track.bit_rate), ("nominal", track.nominal_bit_rate)):
        rate = _number(value, int)
        if rate:
            facts.bit_rate, facts.bit_rate_source = rate, source
            break
    else:
        # Matroska often states no per-track rate; the container's overall
        # rate less the audio is then the best figure for the picture.
        overall = _number(general.overall_bit_rate, int)
        if overall:
            facts.bit_rate = overall - (audio_bit_rate or 0)
            facts.bit_rate_source = "overall minus audio"
    facts.intra_only, facts.intra_basis = intra_from_container(facts.format, facts.profile, facts.gop)
    return facts


def _audio_facts(track) -> AudioFacts:
    return AudioFacts(
        format=track.format,
        sampling_rate=_number(track.sampling_rate, int),
        bit_depth=_number(track.bit_depth, int),
        channels=_number(track.channel_s, int),
        bit_rate=_number(track.bit_rate, int),
        duration=_seconds(track.duration),
    )


@lru_cache(maxsize=1)
def mediainfo_version() -> str:
    """Version of the MediaInfo library in use: part of every cache key."""
    import pymediainfo

    try:
        # A private helper, but the only way to ask the library itself.
        return str(pymediainfo.MediaInfo._get_library()[2])
    except Exception:  # noqa: BLE001 - fall back to the wrapper's version
        return f"pymediainfo {pymediainfo.__version__}"


def probe_media(path: str | Path) -> MediaFacts:
    """Read one file's facts with MediaInfo. Never raises for a bad file."""
    from pymediainfo import MediaInfo

    target = Path(path)
    facts = MediaFacts(path=str(path))
    try:
        facts.size = target.stat().st_size
    except OSError as exc:
        facts.status, facts.error = STATUS_UNREADABLE, exc.strerror or str(exc)
        return facts
    if facts.size == 0:
        facts.status = STATUS_EMPTY
        return facts
    PROBES.increment()
    try:
        # An absolute path: MediaInfo is a library, not a command line, but a
        # name such as "-i.mp4" should mean the same everywhere in moocforge.
        info = MediaInfo.parse(target.resolve())
    except Exception as exc:  # noqa: BLE001 - any library failure is "unreadable", not a crash
        facts.status, facts.error = STATUS_UNREADABLE, f"{type(exc).__name__}: {exc}"
        return facts
    _fill(facts, info)
    return facts


def _fill(facts: MediaFacts, info) -> None:
    general = info.general_tracks[0] if info.general_tracks else None
    videos, audios = info.video_tracks, info.audio_tracks
    facts.video_tracks, facts.audio_tracks = len(videos), len(audios)
    if general is None or not general.format:
        if not videos and not audios:
            facts.status = STATUS_NOT_MEDIA
            return
    if general is not None:
        facts.container = general.format
        facts.container_profile = general.format_profile
        facts.duration = _seconds(general.duration)
        facts.overall_bit_rate = _number(general.overall_bit_rate, int)
        facts.truncated = str(general.istruncated or "").lower() == "yes"
    if audios:
        facts.audio = _audio_facts(audios[0])
    if videos:
        facts.video = _video_facts(videos[0], general, facts.audio.bit_rate if facts.audio else None)
    if facts.duration is None:
        tracks = [t for t in (facts.video, facts.audio) if t is not None and t.duration]
        facts.duration = max((t.duration for t in tracks), default=None)
    if facts.truncated:
        facts.status = STATUS_TRUNCATED
    elif not videos and not audios:
        facts.status = STATUS_NO_STREAMS
