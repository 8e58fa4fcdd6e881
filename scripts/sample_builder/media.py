"""Short synthetic media for the sample course, made with ffmpeg.

The demo videos are deliberately tiny — a few seconds of ffmpeg's testsrc
pattern and a sine tone at 320×180 — so the repository stays small. They are
real, well-formed files: H.264/AAC MP4 upload files (48 kHz stereo, 25 fps),
one intra-frame MJPEG/PCM camera master, and SRT subtitles. `moocforge check`
therefore reports, truthfully, that they are far shorter than the 15 minutes a
lecture needs and below the upload spec (ATU §8.4, §9.1).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

SIZE = "320x180"
RATE = 25
LECTURE_SECONDS = 3
PROMO_SECONDS = 6
MASTER_SECONDS = 0.4
# Byte-for-byte reproducible output from a given ffmpeg build: no encoder
# version strings, no creation times, one thread.
BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1",
            "-threads", "1"]


def _sources(seconds: float, tone_hz: int) -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc=size={SIZE}:rate={RATE}:duration={seconds}",
            "-f", "lavfi", "-i", f"sine=frequency={tone_hz}:sample_rate=48000:duration={seconds}"]


def _run(ffmpeg: str, args: list[str], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Encode to a temporary name (keeping the extension ffmpeg uses to pick the
    # container) and rename when complete.
    tmp = target.with_name(f".tmp-{target.name}")
    command = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args, *BITEXACT, str(tmp)]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise RuntimeError(f"ffmpeg failed for {target.name}: {proc.stderr.strip()[-400:]}")
    tmp.replace(target)


def upload_video(ffmpeg: str, target: Path, *, seconds: float, tone_hz: int) -> None:
    """H.264 + AAC, 48 kHz stereo, progressive 25 fps: the upload profile's shape, not its size."""
    _run(ffmpeg, [*_sources(seconds, tone_hz), "-c:v", "libx264", "-preset", "medium", "-crf", "32",
                  "-pix_fmt", "yuv420p", "-g", str(RATE * 2), "-c:a", "aac", "-b:a", "32k", "-ac", "2",
                  "-movflags", "+faststart", "-shortest"], target)


def camera_master(ffmpeg: str, target: Path, *, seconds: float, tone_hz: int) -> None:
    """Intra-frame MJPEG with 24-bit PCM stereo in QuickTime: a (very small) camera master."""
    _run(ffmpeg, [*_sources(seconds, tone_hz), "-c:v", "mjpeg", "-q:v", "20", "-pix_fmt", "yuvj422p",
                  "-c:a", "pcm_s24le", "-ac", "2", "-shortest"], target)


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{millis:03d}"


def subtitles(lines: list[str], seconds: float) -> bytes:
    """An SRT file that spreads ``lines`` evenly over the video."""
    step = seconds / max(len(lines), 1)
    cues = [f"{i}\n{_timestamp((i - 1) * step)} --> {_timestamp(i * step)}\n{line}\n"
            for i, line in enumerate(lines, start=1)]
    return "\n".join(cues).encode("utf-8")
