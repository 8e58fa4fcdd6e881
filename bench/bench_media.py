"""Time media inspection against the least any inspector must do.

Anchors:
- probing a course's worth of 1080p upload files (16 lessons) with moocforge
  (parallel MediaInfo, facts extracted, cache written) against a bare loop of
  ``pymediainfo.MediaInfo.parse`` over the same files; then the warm re-run,
  answered from the cache, against the same anchor (target: near zero);
- deep analysis of one long 1080p lecture (every sound and picture measure)
  against a bare ffmpeg decode of it with no filters at all: since all the
  measurements share one decode pass, the ratio shows what they add.

Files are generated in a temporary folder with the bundled ffmpeg (a test
card with film-grain noise, so that the encoder spends its bit rate as on
real footage). ``ratio`` is value / anchor_value: below 1 is faster.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from timing import best_of

from moocforge.profiles import load_profile

PROFILE = load_profile()

LESSONS = 16  # 4 modules × 4 lessons: the upper end of ATU §8.1 and §8.3
PROBE_SECONDS = 10
DEEP_SECONDS = 60



def _make_lecture(ffmpeg: str, target: Path, seconds: int) -> None:
    """A 1080p25 upload file: H.264 at 8 Mbit/s, AAC 48 kHz stereo speech-like tone."""
    tone = "0.2*sin(2*PI*220*t)*lt(mod(t\\,0.4)\\,0.3)"
    subprocess.run([ffmpeg, "-v", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", f"testsrc2=s=1920x1080:r=25:d={seconds},noise=alls=8:allf=t",
                    "-f", "lavfi", "-i", f"aevalsrc={tone}|{tone}:s=48000:d={seconds}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "8M", "-maxrate", "8M", "-bufsize", "4M",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", str(target)], check=True)


def _probe_rows(ffmpeg: str, folder: Path) -> list[dict]:
    from pymediainfo import MediaInfo

    from moocforge.cache import ResultCache
    from moocforge.inspect.media import MediaInspector

    source = folder / "lesson.mp4"
    _make_lecture(ffmpeg, source, PROBE_SECONDS)
    files = []
    for i in range(LESSONS):
        copy = folder / "course" / f"module-{i // 4 + 1:02d}" / f"lesson-{i % 4 + 1:02d}.mp4"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
        files.append(copy)
    MediaInfo.parse(source)  # load the library once, as any run after the first would have it
    MediaInspector.for_profile(ResultCache(None), PROFILE).facts_for([source])

    def bare_loop() -> None:
        for path in files:
            MediaInfo.parse(path)

    runs = iter(range(100))

    def cold() -> None:  # an empty cache each time: every file read, every entry written
        MediaInspector.for_profile(ResultCache(folder / f"cache-{next(runs)}"), PROFILE).facts_for(files)

    warm_cache = ResultCache(folder / "cache-warm")
    MediaInspector.for_profile(warm_cache, PROFILE).facts_for(files)
    anchor = best_of(bare_loop)
    ours = best_of(cold)
    warm = best_of(lambda: MediaInspector.for_profile(warm_cache, PROFILE).facts_for(files), repeat=5)
    label = f"{LESSONS} × 1080p {PROBE_SECONDS} s uploads"
    return [
        {"name": f"probe {label} (cold)", "value": ours, "unit": "s", "anchor": "bare pymediainfo parse loop",
         "anchor_value": anchor, "ratio": ours / anchor, "target": "≤ 1.3×"},
        {"name": f"probe {label} (warm cache)", "value": warm, "unit": "s", "anchor": "bare pymediainfo parse loop",
         "anchor_value": anchor, "ratio": warm / anchor, "target": "near 0"},
    ]


def _deep_row(ffmpeg: str, folder: Path) -> dict:
    from moocforge.media.ffmpeg import ffmpeg_input
    from moocforge.media.probe import probe_media
    from moocforge.media.qc import QcSettings, analyse_media

    lecture = folder / "long-lecture.mp4"
    _make_lecture(ffmpeg, lecture, DEEP_SECONDS)
    facts = probe_media(lecture)
    settings = QcSettings.from_profile(PROFILE)

    def ours() -> None:
        analysis = analyse_media(lecture, has_video=True, has_audio=True, duration=facts.duration, settings=settings)
        assert analysis.error is None and analysis.integrated_lufs is not None

    def bare_decode() -> None:
        subprocess.run([ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-i", ffmpeg_input(lecture),
                        "-f", "null", "-"], check=True, capture_output=True)

    anchor = best_of(bare_decode)
    value = best_of(ours)
    return {"name": f"deep analysis, 1080p lecture {DEEP_SECONDS} s", "value": value, "unit": "s",
            "anchor": "bare ffmpeg decode, no filters", "anchor_value": anchor, "ratio": value / anchor,
            "target": "≤ 1.3×"}


def run() -> list[dict]:
    from moocforge.tools import ffmpeg_path

    ffmpeg = ffmpeg_path()
    with tempfile.TemporaryDirectory(prefix="moocforge-bench-media-") as tmp:
        folder = Path(tmp)
        return _probe_rows(ffmpeg, folder) + [_deep_row(ffmpeg, folder)]
