"""Where the external programs are: system ffmpeg first, the bundled one otherwise.

``pip install`` alone must give a working tool, so imageio-ffmpeg's bundled
binary is the fallback. A system ffmpeg on PATH is preferred because studios
often have a newer build with more codecs. Everything moocforge measures is
read with MediaInfo or with ffmpeg itself (no ffprobe: imageio-ffmpeg ships none).
"""

from __future__ import annotations

import os
import shutil
from functools import lru_cache


class ToolMissing(Exception):
    """An external program cannot be found; the message says how to get it."""


@lru_cache(maxsize=1)
def ffmpeg_path() -> str:
    override = os.environ.get("MOOCFORGE_FFMPEG")
    if override:
        return override
    system = shutil.which("ffmpeg")
    if system:
        return system
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as exc:  # the bundled binary can be missing on exotic platforms
        raise ToolMissing("ffmpeg not found: install it, or `pip install imageio-ffmpeg` "
                          f"(bundled binary unavailable: {exc})") from None
