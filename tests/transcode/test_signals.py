"""Acceptance 5: Ctrl-C or SIGTERM leaves no partial file under a final name and no ffmpeg running."""

from __future__ import annotations

import os
import sys

import pytest

from media_factory import ffmpegs_left, realtime_ffmpeg, signal_once_two_ffmpegs_run


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find ffmpeg children")
@pytest.mark.parametrize("signal_name, exit_code, word", [("SIGINT", 130, "interrupted"),
                                                          ("SIGTERM", 143, "terminated")])
def test_a_signal_stops_every_encode_and_leaves_no_partial_output(tmp_path, media, ffmpeg, signal_name, exit_code,
                                                                  word):
    masters = tmp_path / "masters"
    files = [media.copy("sixteen_minutes", masters / f"lecture {i}.mp4") for i in range(3)]
    before = {path: path.read_bytes() for path in files}
    out = tmp_path / "upload"
    env = {**os.environ, "NO_COLOR": "1", "MOOCFORGE_FFMPEG": str(realtime_ffmpeg(tmp_path, ffmpeg))}
    code, stdout, stderr = signal_once_two_ffmpegs_run(["transcode", masters, "--preset", "proxy", "--out", out,
                                                        "-j", "2"], env, out, signal_name)
    assert code == exit_code, stdout + stderr
    assert word in stderr and "Traceback" not in stderr + stdout
    assert ffmpegs_left(out) == []
    left = [p.name for p in out.rglob("*") if p.is_file() and ".moocforge-cache" not in p.parts]
    assert left == []  # no output under a final name, and no temporary file either
    assert {path: path.read_bytes() for path in files} == before
