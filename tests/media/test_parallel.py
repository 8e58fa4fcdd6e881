"""Acceptance 6: parallel work, progress from ffmpeg's own output, and a clean Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from moocforge.inspect import media_proc
from moocforge.inspect.media_runner import MediaJob, _Display, default_workers, run_jobs
from moocforge.inspect.qc import QcSettings, analyse_media


def test_results_keep_the_order_of_the_jobs():
    jobs = [MediaJob(label=str(i), run=lambda _cb, i=i: (time.sleep(0.01 * (5 - i)), i)[1]) for i in range(5)]
    assert run_jobs(jobs, workers=4) == [0, 1, 2, 3, 4]
    assert run_jobs(jobs, workers=1, progress=True) == [0, 1, 2, 3, 4]


def test_workers_default_to_the_cores():
    cores = os.cpu_count() or 2
    assert default_workers(None) == cores and default_workers(3) == 3
    assert default_workers(None, heavy=True) == max(1, cores // 2)


def test_per_file_progress_comes_from_ffmpeg(media):
    seen: list[float] = []
    path = media.get("qc_clean")
    analyse_media(path, has_video=True, has_audio=True, duration=3.0, settings=QcSettings(), on_progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(3.0, abs=0.2)


def test_display_shows_a_bar_per_decoding_file():
    display = _Display("analysis", total=2)
    callback = display.file_started(MediaJob(label="a.mp4", run=lambda cb: None, seconds=10.0))
    assert len(display.progress.tasks) == 2
    callback(4.0)
    assert display.progress.tasks[1].completed == 4.0
    display.file_finished(callback)
    display.advance()
    assert len(display.progress.tasks) == 1 and display.progress.tasks[0].completed == 1
    assert display.file_started(MediaJob(label="b.mp4", run=lambda cb: None)) is None  # no duration, no bar


def test_one_decode_pass_per_file_measures_everything(media, monkeypatch):
    from moocforge.inspect import qc

    calls: list[list[str]] = []
    real = qc.run_ffmpeg
    monkeypatch.setattr(qc, "run_ffmpeg", lambda args, **kw: (calls.append(args), real(args, **kw))[1])
    analyse_media(media.get("qc_faults"), has_video=True, has_audio=True, duration=6.0, settings=QcSettings())
    assert len(calls) == 1
    graph = calls[0][calls[0].index("-filter_complex") + 1]
    for name in ("ebur128", "astats", "silencedetect", "blackdetect", "freezedetect", "idet", "blurdetect"):
        assert name in graph


def _children_using(folder: Path) -> list[int]:
    """Processes whose command line names a file in ``folder`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if str(folder) in command and "ffmpeg" in command:
            found.append(int(entry.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find ffmpeg children")
def test_ctrl_c_stops_every_worker_without_a_traceback(tmp_path, media):
    folder = tmp_path / "long files"
    folder.mkdir()
    files = [media.copy("sixteen_minutes", folder / f"lecture {i}.mp4") for i in range(4)]
    cache = tmp_path / "cache"
    env = {**os.environ, "MOOCFORGE_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "moocforge", "media", "qc", "--jobs", "2", *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 30
    while not _children_using(folder) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert _children_using(folder), "no analysis started"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr + stdout
    time.sleep(0.2)
    assert _children_using(folder) == []
    entries = [p for p in cache.rglob("*") if p.is_file() and p.suffix == ".json"]
    assert not [p for p in entries if p.name.startswith(".tmp-")]
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))  # every entry whole
    assert not (cache / "qc").exists() or not list((cache / "qc").rglob("*.json"))  # no half-done analysis kept


def test_stopped_batch_refuses_new_children_until_reset(media):
    media_proc.stop_all()
    try:
        with pytest.raises(media_proc.Interrupted):
            media_proc.run_ffmpeg(["-version"])
    finally:
        media_proc.reset()
    assert media_proc.run_ffmpeg(["-version"]).returncode == 0
