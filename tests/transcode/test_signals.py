"""Acceptance 5: Ctrl-C or SIGTERM leaves no partial file under a final name and no ffmpeg running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from media_factory import ffmpegs_naming, realtime_ffmpeg

# moocforge as a terminal starts it: Ctrl-C delivered. A child inherits an ignored or
# blocked SIGINT from its parent (shells do this for background jobs, and a test runner
# may be running a C system() call in another thread at the moment of the fork), and
# Python then leaves it ignored: the signal this test sends would never arrive.
LAUNCH = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
          "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
          "runpy.run_module('moocforge', run_name='__main__', alter_sys=True)")


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
    proc = subprocess.Popen([sys.executable, "-c", LAUNCH, "transcode", masters, "--preset", "proxy",
                             "--out", out, "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    deadline = time.monotonic() + 60
    while len(ffmpegs_naming(out)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert len(ffmpegs_naming(out)) == 2, "two encodes did not start"
    proc.send_signal(getattr(signal, signal_name))
    try:
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:  # never leave it (or its encodes) behind, whatever went wrong
            proc.kill()
            proc.communicate()
            for pid in ffmpegs_naming(out):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode == exit_code, stdout + stderr
    assert word in stderr and "Traceback" not in stderr + stdout
    deadline = time.monotonic() + 10
    while ffmpegs_naming(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ffmpegs_naming(out) == []
    left = [p.name for p in out.rglob("*") if p.is_file() and ".moocforge-cache" not in p.parts]
    assert left == []  # no output under a final name, and no temporary file either
    assert {path: path.read_bytes() for path in files} == before
