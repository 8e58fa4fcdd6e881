"""Deep analysis: every sound and picture measurement in ONE decode pass.

A 20-minute lecture is decoded once; the decoded frames fan out to every
measuring filter of one ffmpeg filter graph:

- sound: EBU R128 integrated loudness, loudness range and true peak
  (``ebur128``); clipped samples of each channel (``astats`` on 16-bit
  samples, where anything at or beyond full scale is clipped); noise floor
  (``astats`` on the float samples: the quietest 50 ms window); silent
  stretches (``silencedetect``);
- picture: black stretches (``blackdetect``), frozen stretches
  (``freezedetect``), interlacing (``idet``) and sharpness (``blurdetect``).

Picture measurements run on a reduced copy so that they cost little beside
the decoding itself: black and freeze detection on every 5th frame scaled to
640 pixels wide; blur on one frame in 25; interlace detection on the original
frames (scaling would hide combing) but only on 25 of every 250. Detection
thresholds come from the profile (``QcSettings``) and are part of the cache
key, so changing one re-analyses.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..run.process import ProcessRunner
from .ffmpeg import ffmpeg_input, filter_help, run_ffmpeg

# Bump when QcAnalysis or the measuring graph changes meaning.
QC_SCHEMA = 3  # 3: clipped samples per channel

ANALYSIS_WIDTH = 640  # black, freeze and blur are judged on frames at most this wide
BLACK_FREEZE_STEP = 5  # every 5th frame: 5 per second at 25p, timestamps within 0.2 s
BLUR_STEP = 5  # of those, every 5th again: one frame in 25
IDET_PERIOD, IDET_RUN = 250, 25  # idet on 25 consecutive frames of every 250


@dataclass(frozen=True)
class QcSettings:
    """Detection settings, all from the profile (``media.qc.*``): none is decided here."""

    silence_noise_db: float
    silence_min_seconds: float
    black_pixel_threshold: float
    black_picture_ratio: float
    black_min_seconds: float
    freeze_noise_db: float
    freeze_min_seconds: float

    # field -> profile key below media.qc
    PROFILE_KEYS = {
        "silence_noise_db": "silence.noise_db",
        "silence_min_seconds": "silence.min_seconds",
        "black_pixel_threshold": "black.pixel_threshold",
        "black_picture_ratio": "black.picture_ratio",
        "black_min_seconds": "black.min_seconds",
        "freeze_noise_db": "freeze.noise_db",
        "freeze_min_seconds": "freeze.min_seconds",
    }

    @classmethod
    def from_profile(cls, profile) -> "QcSettings":
        return cls(**{name: float(profile.get(f"media.qc.{key}")) for name, key in cls.PROFILE_KEYS.items()})

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass
class QcAnalysis:
    """Figures from one decode pass. Times are seconds from the start."""

    path: str
    duration: float | None = None
    has_audio: bool = False
    has_video: bool = False
    error: str | None = None  # the analysis could not run (the file is not decodable)
    # sound (rubric criterion 1)
    integrated_lufs: float | None = None
    loudness_range_lu: float | None = None
    true_peak_dbtp: float | None = None
    clipped_per_channel: list[int] | None = None  # full-scale samples of channel 1, 2 …; None: not measured
    noise_floor_dbfs: float | None = None
    silences: list[list[float]] = field(default_factory=list)
    # picture (rubric criterion 2)
    blacks: list[list[float]] = field(default_factory=list)
    freezes: list[list[float]] = field(default_factory=list)
    interlace: dict[str, int] = field(default_factory=dict)  # tff, bff, progressive, undetermined
    blur: float | None = None  # median blurdetect figure: higher is softer
    decode_errors: int = 0
    decode_error_examples: list[str] = field(default_factory=list)
    settings: dict[str, float] = field(default_factory=dict)

    @property
    def interlaced_ratio(self) -> float | None:
        """Share of decided frames that idet found interlaced (None: too few decided)."""
        tff, bff, prog = (self.interlace.get(k, 0) for k in ("tff", "bff", "progressive"))
        decided = tff + bff + prog
        return (tff + bff) / decided if decided >= 10 else None

    @property
    def worst_clipping(self) -> tuple[int, int] | None:
        """(channel number from 1, clipped samples) of the most clipped channel; the first of equals."""
        if not self.clipped_per_channel:
            return None
        count = max(self.clipped_per_channel)
        return self.clipped_per_channel.index(count) + 1, count

    @property
    def clipped_samples(self) -> int | None:
        """Clipped samples of the most clipped channel (what MD111 judges; never an average)."""
        worst = self.worst_clipping
        return None if worst is None else worst[1]

    def sound_figures(self) -> dict[str, Any]:
        """Evidence for rubric criterion 1 (sound quality)."""
        return {"integrated_lufs": self.integrated_lufs, "loudness_range_lu": self.loudness_range_lu,
                "true_peak_dbtp": self.true_peak_dbtp, "clipped_samples": self.clipped_samples,
                "clipped_per_channel": self.clipped_per_channel,
                "noise_floor_dbfs": self.noise_floor_dbfs, "silences": self.silences}

    def image_figures(self) -> dict[str, Any]:
        """Evidence for rubric criterion 2 (video image quality)."""
        return {"blacks": self.blacks, "freezes": self.freezes, "interlaced_ratio": self.interlaced_ratio,
                "blur": self.blur}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QcAnalysis":
        return cls(**data)


# ---------------------------------------------------------------- the graph

def _video_chain(settings: QcSettings) -> str:
    return (
        "[0:v:0]split=2[qc_vi][qc_vs];"
        f"[qc_vi]select=lt(mod(n\\,{IDET_PERIOD})\\,{IDET_RUN}),idet@qc,nullsink;"
        f"[qc_vs]framestep={BLACK_FREEZE_STEP},"
        f"scale=w=min({ANALYSIS_WIDTH}\\,iw):h=-2:flags=fast_bilinear,"
        f"blackdetect@qc=d={settings.black_min_seconds}:pix_th={settings.black_pixel_threshold}"
        f":pic_th={settings.black_picture_ratio},"
        f"freezedetect@qc=n={settings.freeze_noise_db}dB:d={settings.freeze_min_seconds},"
        "split=2[qc_vb][qc_vo];"
        f"[qc_vb]framestep={BLUR_STEP},blurdetect@qc,metadata@blur=mode=print:key=lavfi.blur,nullsink"
    )


def _clip_measures() -> str:
    """What astats counts per channel; "Abs Peak count" (ffmpeg ≥ 6.1) only where this ffmpeg has it."""
    measures = "Min_level+Max_level+Peak_count"
    return measures + "+Abs_Peak_count" if "Abs_Peak_count" in filter_help("astats") else measures


def _audio_chain(settings: QcSettings) -> str:
    return (
        "[0:a:0]asplit=2[qc_am][qc_ac];"
        # 16-bit copy: a decoded sample at or past full scale saturates there,
        # so the samples at the extremes are the clipped ones. Per channel:
        # the overall figures are averages, which halve a one-sided fault.
        "[qc_ac]aformat=sample_fmts=s16,"
        f"astats@clip=measure_perchannel={_clip_measures()}:measure_overall=none,anullsink;"
        # framelog=verbose keeps the per-100-ms loudness lines out of the log.
        "[qc_am]ebur128@qc=peak=true:framelog=verbose,"
        "astats@floor=measure_perchannel=none:measure_overall=Noise_floor+Peak_level,"
        f"silencedetect@qc=n={settings.silence_noise_db}dB:d={settings.silence_min_seconds}[qc_ao]"
    )


def build_arguments(path: str | Path, has_video: bool, has_audio: bool, settings: QcSettings) -> list[str]:
    """ffmpeg arguments for the single analysis pass (after the common options)."""
    chains, outputs = [], []
    if has_video:
        chains.append(_video_chain(settings))
        outputs += ["-map", "[qc_vo]"]
    if has_audio:
        chains.append(_audio_chain(settings))
        outputs += ["-map", "[qc_ao]"]
    return ["-loglevel", "info", "-i", ffmpeg_input(path), "-filter_complex", ";".join(chains), *outputs,
            "-f", "null", "-"]


# ---------------------------------------------------------------- reading the log

_NUMBER = r"(-?(?:\d+(?:\.\d+)?|inf|nan))"
_SUMMARY = re.compile(r"^\s+(I|LRA|Peak):\s+" + _NUMBER)
_ERROR_WORDS = re.compile(r"error|invalid|corrupt|missing", re.I)
_OUR_FILTER = re.compile(r"^\[(?:idet|blackdetect|freezedetect|blurdetect|astats|ebur128|silencedetect|metadata)@")
_PATTERNS = {
    "silence_start": re.compile(r"silence_start:\s*" + _NUMBER),
    "silence_end": re.compile(r"silence_end:\s*" + _NUMBER),
    "black": re.compile(r"black_start:\s*" + _NUMBER + r"\s+black_end:\s*" + _NUMBER),
    "freeze_start": re.compile(r"freeze_start:\s*" + _NUMBER),
    "freeze_end": re.compile(r"freeze_end:\s*" + _NUMBER),
    "idet": re.compile(r"Multi frame detection:\s+TFF:\s*(\d+)\s+BFF:\s*(\d+)\s+Progressive:\s*(\d+)"
                       r"\s+Undetermined:\s*(\d+)"),
    "blur": re.compile(r"lavfi\.blur=" + _NUMBER),
    "noise_floor": re.compile(r"Noise floor dB:\s*" + _NUMBER),
}
# One channel's line of astats@clip: "Channel: 2", "Min level: -32768.000000", "Abs Peak count: 37680".
_CLIP_LINE = re.compile(r"\]\s+(Channel|Min level|Max level|Peak count|Abs Peak count):\s*" + _NUMBER)
_CLIP_KEYS = {"Min level": "min_level", "Max level": "max_level", "Peak count": "peak_count",
              "Abs Peak count": "abs_peak_count"}
S16_TOP, S16_BOTTOM = 32767, -32768


def _keep_line(line: str) -> bool:
    """Lines worth keeping from ffmpeg's log: our filters, the R128 summary, errors."""
    return bool(_OUR_FILTER.match(line) or _SUMMARY.match(line) or _ERROR_WORDS.search(line))


def _float(text: str) -> float | None:
    """A logged figure; "nan" (nothing measured) becomes None, "-inf" stays."""
    value = float(text)
    return None if math.isnan(value) else value


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _close_stretches(starts_ends: list[tuple[str, float]], end_of_file: float | None) -> list[list[float]]:
    """Pair start/end events; a stretch still open at the end closes at the end of the file."""
    stretches: list[list[float]] = []
    start: float | None = None
    for kind, time in starts_ends:
        if kind == "start":
            start = time
        elif start is not None:
            stretches.append([round(start, 2), round(time, 2)])
            start = None
    if start is not None and end_of_file is not None and end_of_file > start:
        stretches.append([round(start, 2), round(end_of_file, 2)])
    return stretches


def _read_channel_line(line: str, channels: list[dict[str, float]]) -> None:
    """One line of astats@clip: "Channel: N" opens a channel, the figures after it are its own."""
    match = _CLIP_LINE.search(line)
    if match is None:
        return
    name, value = match.group(1), float(match.group(2))
    if name == "Channel":
        channels.append({})
    elif channels:
        channels[-1][_CLIP_KEYS[name]] = value


def _clipped_samples(stats: dict[str, float]) -> int:
    """Samples of one channel at full scale, from its astats figures.

    "Peak count" counts the samples at the channel's minimum and at its
    maximum. When both are the rails, all of them are clipped. When only one
    is, the other extreme is ordinary sound: "Abs Peak count" (the samples at
    the larger magnitude, i.e. at the rail) is then the right figure, where
    this ffmpeg reports it; an older one leaves the slight overcount.
    """
    top, bottom = stats.get("max_level", 0) >= S16_TOP, stats.get("min_level", 0) <= S16_BOTTOM
    if not (top or bottom):
        return 0
    if top and bottom:
        return int(stats["peak_count"])
    return int(stats.get("abs_peak_count", stats["peak_count"]))


def parse_log(lines: list[str], analysis: QcAnalysis) -> None:
    """Fill ``analysis`` from the kept log lines of one analysis pass."""
    silence_events: list[tuple[str, float]] = []
    freeze_events: list[tuple[str, float]] = []
    blur_values: list[float] = []
    channels: list[dict[str, float]] = []
    for line in lines:
        summary = _SUMMARY.match(line)
        if summary:
            name, value = summary.group(1), _float(summary.group(2))
            if name == "I":
                analysis.integrated_lufs = value
            elif name == "LRA":
                analysis.loudness_range_lu = value
            else:
                analysis.true_peak_dbtp = value
            continue
        if not _OUR_FILTER.match(line):
            if _ERROR_WORDS.search(line):
                analysis.decode_errors += 1
                if len(analysis.decode_error_examples) < 3:
                    analysis.decode_error_examples.append(line.strip()[:200])
            continue
        if line.startswith("[silencedetect@"):
            for kind in ("start", "end"):
                match = _PATTERNS[f"silence_{kind}"].search(line)
                if match:
                    silence_events.append((kind, float(match.group(1))))
        elif line.startswith("[freezedetect@"):
            for kind in ("start", "end"):
                match = _PATTERNS[f"freeze_{kind}"].search(line)
                if match:
                    freeze_events.append((kind, float(match.group(1))))
        elif line.startswith("[blackdetect@"):
            match = _PATTERNS["black"].search(line)
            if match:
                analysis.blacks.append([round(float(match.group(1)), 2), round(float(match.group(2)), 2)])
        elif line.startswith("[idet@"):
            match = _PATTERNS["idet"].search(line)
            if match:  # printed again at the end: the last one counts
                tff, bff, prog, und = map(int, match.groups())
                analysis.interlace = {"tff": tff, "bff": bff, "progressive": prog, "undetermined": und}
        elif line.startswith("[metadata@blur"):
            match = _PATTERNS["blur"].search(line)
            value = _finite(_float(match.group(1))) if match else None
            if value is not None:  # black frames have no edges and no figure
                blur_values.append(value)
        elif line.startswith("[astats@floor"):
            match = _PATTERNS["noise_floor"].search(line)
            if match:
                analysis.noise_floor_dbfs = _float(match.group(1))
        elif line.startswith("[astats@clip"):
            _read_channel_line(line, channels)
    analysis.silences = _close_stretches(silence_events, analysis.duration)
    analysis.freezes = _close_stretches(freeze_events, analysis.duration)
    analysis.blur = round(statistics.median(blur_values), 3) if blur_values else None
    if channels and all("peak_count" in stats for stats in channels):
        analysis.clipped_per_channel = [_clipped_samples(stats) for stats in channels]


def analyse_media(path: str | Path, *, has_video: bool, has_audio: bool, duration: float | None,
                  settings: QcSettings, on_progress: Callable[[float], None] | None = None,
                  runner: ProcessRunner | None = None) -> QcAnalysis:
    """Decode ``path`` once and measure everything; never raises for a bad file."""
    analysis = QcAnalysis(path=str(path), duration=duration, has_audio=has_audio, has_video=has_video,
                          settings=settings.as_dict())
    if not (has_video or has_audio):
        analysis.error = "no audio or video stream to analyse"
        return analysis
    run = run_ffmpeg(build_arguments(path, has_video, has_audio, settings), runner=runner, keep_line=_keep_line,
                     on_progress=on_progress)
    parse_log(run.lines, analysis)
    if run.returncode != 0 and analysis.integrated_lufs is None and not analysis.interlace:
        analysis.error = (analysis.decode_error_examples or [f"ffmpeg exited with code {run.returncode}"])[-1]
    # Digital silence measures -inf (loudness, noise floor): store the floor of
    # the scale instead so the figures survive JSON and still compare correctly.
    if analysis.integrated_lufs is not None and math.isinf(analysis.integrated_lufs):
        analysis.integrated_lufs = -70.0  # EBU R128's absolute gate: nothing audible
    if analysis.noise_floor_dbfs is not None and math.isinf(analysis.noise_floor_dbfs):
        analysis.noise_floor_dbfs = -144.0  # below any 24-bit recording: pure digital silence
    if analysis.true_peak_dbtp is not None and math.isinf(analysis.true_peak_dbtp):
        analysis.true_peak_dbtp = -144.0
    analysis.loudness_range_lu = _finite(analysis.loudness_range_lu)
    return analysis
