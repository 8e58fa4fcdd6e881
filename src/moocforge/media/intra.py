"""Is a video stream intra-frame only (ATU §9.1.2)?

Camera masters must be compressed frame by frame ("кадрішілік"), never with
long groups of pictures. The answer comes, in order of trust:

1. the format: ProRes, DNxHD/HR (MediaInfo: VC-3), Motion JPEG, JPEG 2000, DV,
   CineForm and uncompressed video are intra-only by design;
2. the profile: AVC/HEVC "… Intra" profiles (AVC-Intra, XAVC Intra);
3. the stated GOP: "N=1" is intra-only, any larger N is not (FFV1 is intra
   only when it states N=1);
4. when the container says none of this, the frame types of a bounded sample
   of decoded frames: any P or B frame settles "no".
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..run.process import ProcessRunner
from .ffmpeg import ffmpeg_input, run_ffmpeg

# MediaInfo's format names, lower-cased.
INTRA_FORMATS = frozenset({
    "prores", "vc-3", "dnxhd", "dnxhr", "jpeg", "m-jpeg", "mjpeg", "jpeg 2000", "dv", "dvcpro", "dvcpro hd",
    "cineform", "huffyuv", "utvideo", "yuv", "rgb",
})
_GOP_N = re.compile(r"\bN\s*=\s*(\d+)")
_FRAME_TYPE = re.compile(r"\btype:([A-Z?])\b")

BASIS_FORMAT = "format"
BASIS_PROFILE = "profile"
BASIS_GOP = "gop"
BASIS_FRAMES = "frame types"


def intra_from_container(video_format: str | None, profile: str | None,
                         gop: str | None) -> tuple[bool | None, str | None]:
    """What the container and stream headers say; (None, None) when they do not."""
    name = (video_format or "").strip().lower()
    if name in INTRA_FORMATS:
        return True, BASIS_FORMAT
    if profile and "intra" in profile.lower():
        return True, BASIS_PROFILE
    match = _GOP_N.search(gop or "")
    if match:
        return int(match.group(1)) == 1, BASIS_GOP
    return None, None


def sample_frame_types(path: str | Path, frames: int, runner: ProcessRunner | None = None) -> dict[str, int]:
    """Decode the first ``frames`` video frames and count their picture types.

    Bounded on purpose: a long-GOP stream shows a P or B frame within its first
    few frames, so a few dozen decide the question without reading gigabytes.
    """
    run = run_ffmpeg(["-loglevel", "info", "-an", "-sn", "-dn", "-i", ffmpeg_input(path), "-map", "0:v:0",
                      "-frames:v", str(frames), "-vf", "showinfo", "-f", "null", "-"],
                     runner=runner, keep_line=lambda line: "showinfo" in line and " n:" in line)
    counts: Counter[str] = Counter()
    for line in run.lines:
        match = _FRAME_TYPE.search(line)
        if match:
            counts[match.group(1)] += 1
    return dict(counts)


def intra_from_frame_types(counts: dict[str, int] | None) -> bool | None:
    """All sampled frames are I frames: intra-only. No frames decoded: unknown."""
    if not counts:
        return None
    return set(counts) == {"I"}
