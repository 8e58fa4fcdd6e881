"""ffmpeg argument lists for a job, built with ffmpeg-python.

ffmpeg-python builds the filter graph and the options as a list (never a
shell string); ``run_ffmpeg`` puts the ffmpeg in use (the system one, else
the bundled one) in front. One command makes every video output of a job:
the source is decoded and deinterlaced once, then split to one scaler per
output, and the sound is resampled, mixed to stereo and (with a loudness
target) normalised once, then split to one AAC encoder per output.

Inputs and outputs are written ``file:/absolute/path`` so that a name such
as ``-y.mov`` or ``http:x.mov`` can only ever be a file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ffmpeg

from ..media.ffmpeg import ffmpeg_input
from ..media.probe import MediaFacts
from ..tools import ffmpeg_path
from .plan import MAIN, OutputSpec, TranscodeJob
from .preset import Preset, Rendition

# Scan types (MediaInfo's words) that are interlaced throughout; "MBAFF" and
# "Mixed" hold interlaced frames among progressive ones, and an unknown scan
# type may too: those get only their flagged frames deinterlaced.
INTERLACED = ("interlaced",)
PROGRESSIVE = ("progressive",)
DEFAULT_FRAME_RATE = 25.0  # for GOP lengths when the source states no rate (PAL countries)


@dataclass(frozen=True)
class LoudnessMeasurement:
    """What loudnorm's first pass measured (its names: input_i, input_tp, input_lra, input_thresh, target_offset)."""

    integrated: float
    true_peak: float
    range: float
    threshold: float
    offset: float


# What a dry run shows in place of figures that only the first pass can give.
NOT_YET_MEASURED = LoudnessMeasurement(*(f"{{{name}}}" for name in  # type: ignore[arg-type]
                                         ("input_i", "input_tp", "input_lra", "input_thresh", "target_offset")))


def _output_target(path: Path) -> str:
    return "file:" + str(Path(path).resolve())


def deinterlace_mode(facts: MediaFacts | None) -> str | None:
    """bwdif's ``deint`` setting for a source: "all", "interlaced" (flagged frames only) or None (progressive)."""
    scan = ((facts.video.scan_type if facts and facts.video else None) or "").lower()
    if scan in PROGRESSIVE:
        return None
    return "all" if scan in INTERLACED else "interlaced"


def output_frame_rate(preset: Preset, facts: MediaFacts | None) -> float:
    """The output's frame rate: the preset's, else the source's (deinterlacing keeps it: one frame per frame)."""
    if preset.video.frame_rate:
        return preset.video.frame_rate
    rate = facts.video.frame_rate if facts and facts.video else None
    return rate if rate and math.isfinite(rate) and rate > 0 else DEFAULT_FRAME_RATE


def _picture(stream, width: int, height: int, fit: str):
    """Scale (and for "pad", letterbox) to the output's size, converting to BT.709 limited range, 4:2:0."""
    if fit == "pad":
        stream = stream.filter("scale", w=width, h=height, force_original_aspect_ratio="decrease",
                               force_divisible_by=2, out_color_matrix="bt709", out_range="tv")
        stream = stream.filter("pad", width, height, "(ow-iw)/2", "(oh-ih)/2")
    else:  # inside: never enlarge
        stream = stream.filter("scale", w=f"min({width},iw)", h=f"min({height},ih)",
                               force_original_aspect_ratio="decrease", force_divisible_by=2,
                               out_color_matrix="bt709", out_range="tv")
    return stream.filter("setsar", 1).filter("format", "yuv420p")


def _rate_options(preset: Preset, rendition: Rendition | None) -> dict[str, Any]:
    video = preset.video
    settings = rendition or video
    mode = settings.rate_control or video.rate_control
    if mode == "cbr":
        bitrate = settings.bitrate
        # Constant rate with filler data: even a still slide keeps the stated rate (ATU §9.1.4's minimum).
        return {"b:v": bitrate, "minrate": bitrate, "maxrate": bitrate, "bufsize": settings.buffer or bitrate,
                "x264-params": "nal-hrd=cbr"}
    options: dict[str, Any] = {"b:v": settings.bitrate} if mode == "vbr" else \
        {"crf": settings.crf if settings.crf is not None else video.crf}
    if settings.maxrate:
        options["maxrate"] = settings.maxrate
    if settings.buffer:
        options["bufsize"] = settings.buffer
    return options


def _encoder_options(job: TranscodeJob, rendition: Rendition | None, frame_rate: float) -> dict[str, Any]:
    preset = job.preset
    gop = max(1, round(preset.video.gop_seconds * frame_rate))
    options: dict[str, Any] = {
        "c:v": "libx264", "profile:v": preset.video.profile, "preset": preset.video.speed,
        **_rate_options(preset, rendition),
        # Closed GOPs of a fixed length: every segment starts clean for players and editors.
        "g": gop, "keyint_min": gop, "flags": "+cgop",
        "color_primaries": "bt709", "color_trc": "bt709", "colorspace": "bt709", "color_range": "tv",
        "fps_mode": "cfr",
        "movflags": "+faststart", "f": "mp4",
    }
    if job.threads:
        options["threads"] = job.threads
    return options


def _audio_options(preset: Preset, rendition: Rendition | None) -> dict[str, Any]:
    audio = preset.audio
    return {"c:a": "aac", "profile:a": "aac_low", "b:a": (rendition.audio_bitrate if rendition else None)
            or audio.bitrate, "ar": audio.sample_rate, "ac": audio.channels}


def _loudnorm(loudness, measured: LoudnessMeasurement | None) -> dict[str, Any]:
    options: dict[str, Any] = {"I": loudness.target, "TP": loudness.true_peak, "LRA": loudness.range}
    if measured is not None:
        # Second pass: the first pass's figures make loudnorm apply one gain (linear) where it can.
        options.update(measured_I=measured.integrated, measured_TP=measured.true_peak, measured_LRA=measured.range,
                       measured_thresh=measured.threshold, offset=measured.offset, linear="true")
    options["print_format"] = "json"  # both passes report their figures: before and after, for the report
    return options


def _sound(source, job: TranscodeJob, measured: LoudnessMeasurement | None, normalise: bool):
    audio = job.preset.audio
    layout = "stereo" if audio.channels == 2 else "mono"
    stream = source.audio.filter("aformat", sample_rates=audio.sample_rate, channel_layouts=layout)
    if normalise and job.loudness is not None:
        # loudnorm works at 192 kHz internally: resample back to the output's rate after it.
        stream = stream.filter("loudnorm", **_loudnorm(job.loudness, measured)) \
            .filter("aresample", audio.sample_rate)
    return stream


def _split(stream, count: int, name: str):
    if count == 1:
        return [stream]
    split = stream.filter_multi_output(name, count)
    return [split[i] for i in range(count)]


def _compile(node) -> list[str]:
    return node.compile(cmd="ffmpeg")[1:]  # the arguments; run_ffmpeg adds the ffmpeg in use


def command_line(args: list[str], progress: bool = True) -> list[str]:
    """The whole command ``media.ffmpeg.run_ffmpeg`` runs for ``args`` (its fixed prefix), for plans and the bench."""
    return [ffmpeg_path(), "-hide_banner", "-nostdin", "-nostats", *(["-progress", "pipe:1"] if progress else []),
            *args]


def encode_arguments(job: TranscodeJob, targets: list[tuple[OutputSpec, Path]],
                     measured: LoudnessMeasurement | None = None) -> list[str]:
    """Every video output of ``targets`` (main and renditions) from one decode of the source.

    With a loudness target, ``measured`` is the first pass's measurement; None
    means the sound is silent and is left as it is.
    """
    preset, facts = job.preset, job.facts
    source = ffmpeg.input(ffmpeg_input(job.source))
    picture = source.video
    mode = deinterlace_mode(facts)
    if mode is not None:
        # bwdif keeps one frame per frame (send_frame): 50i becomes 25p, the rate is kept.
        picture = picture.filter("bwdif", mode="send_frame", parity="auto", deint=mode)
    if preset.video.frame_rate:
        picture = picture.filter("fps", preset.video.frame_rate)
    rate = output_frame_rate(preset, facts)
    has_sound = bool(facts and facts.audio is not None)
    pictures = _split(picture, len(targets), "split")
    sounds = [None] * len(targets)
    if has_sound:
        sounds = _split(_sound(source, job, measured, normalise=measured is not None), len(targets), "asplit")
    renditions = {r.name: r for r in preset.renditions}
    outputs = []
    for (output, temporary), picture_out, sound_out in zip(targets, pictures, sounds):
        rendition = None if output.role == MAIN else renditions[output.name]
        size = rendition or preset.video
        streams = [_picture(picture_out, size.width, size.height, preset.video.fit)]
        options = _encoder_options(job, rendition, rate)
        if sound_out is not None:
            streams.append(sound_out)
            options.update(_audio_options(preset, rendition))
        outputs.append(ffmpeg.output(*streams, _output_target(temporary), **options))
    return _compile(ffmpeg.merge_outputs(*outputs).overwrite_output())


def measure_arguments(job: TranscodeJob) -> list[str]:
    """loudnorm's first pass: the sound only (no picture decoded), measured as it will be delivered."""
    source = ffmpeg.input(ffmpeg_input(job.source))
    return _compile(ffmpeg.output(_sound(source, job, None, normalise=True), "-", f="null"))


def poster_arguments(video: Path, temporary: Path, width: int, at_seconds: float) -> list[str]:
    """One JPEG frame of the (verified) main output: already deinterlaced, scaled and in BT.709."""
    picture = ffmpeg.input(ffmpeg_input(video), ss=f"{at_seconds:.3f}").video \
        .filter("scale", w=width, h=-2).filter("format", "yuvj420p")
    return _compile(ffmpeg.output(picture, _output_target(temporary), vframes=1, f="image2", update=1,
                                  **{"q:v": 2}).overwrite_output())
