"""Acceptance 6: parallel work, progress from ffmpeg's own output, and a clean Ctrl-C."""

from __future__ import annotations

import json
import os
import sys
import time

import pytest

from media_factory import ffmpegs_left, realtime_ffmpeg, signal_once_two_ffmpegs_run
from moocforge.media.ffmpeg import run_ffmpeg
from moocforge.media.qc import QcSettings, analyse_media
from moocforge.profiles import load_profile
from moocforge.run.batch import (DONE, FAILED, PLANNED, SKIPPED, BatchRunner, BatchStarted, Job, JobFinished,
                                 JobProgress, JobSkipped, JobStarted, Outcome, default_workers)
from moocforge.run.process import Interrupted, ProcessRunner
from moocforge.run.progress import ProgressDisplay, shown

SETTINGS = QcSettings.from_profile(load_profile())


def test_results_keep_the_order_of_the_jobs():
    jobs = [Job(label=str(i), run=lambda _ctx, i=i: (time.sleep(0.01 * (5 - i)), i)[1]) for i in range(5)]
    assert [o.result for o in BatchRunner(workers=4).run(jobs)] == [0, 1, 2, 3, 4]
    batch = BatchRunner(workers=1)
    with shown(batch, True, "test"):
        assert [o.result for o in batch.run(jobs)] == [0, 1, 2, 3, 4]


def test_each_job_has_an_outcome_and_one_failure_does_not_stop_the_batch():
    def fail(_ctx):
        raise ValueError("broken file")

    def skip(_ctx):
        raise JobSkipped("already done")

    events = []
    batch = BatchRunner(workers=2)
    batch.subscribe(events.append)
    outcomes = batch.run([Job("a", fail), Job("b", lambda ctx: 2), Job("c", skip)], "t")
    assert [(o.status, o.result, o.reason) for o in outcomes] == \
        [(FAILED, None, "broken file"), (DONE, 2, None), (SKIPPED, None, "already done")]
    assert all(o.elapsed >= 0 for o in outcomes)
    assert sum(isinstance(e, JobStarted) for e in events) == 3 and sum(isinstance(e, JobFinished) for e in events) == 3


def test_a_dry_run_plans_and_runs_nothing():
    ran = []
    outcomes = BatchRunner(dry_run=True).run([Job("a", lambda ctx: ran.append(1), plan="ffmpeg -i a")])
    assert [(o.status, o.job.plan) for o in outcomes] == [(PLANNED, "ffmpeg -i a")] and ran == []


def test_workers_default_to_the_cores():
    cores = os.cpu_count() or 2
    assert default_workers(None) == cores and default_workers(3) == 3
    assert default_workers(None, heavy=True) == max(1, cores // 2)


def test_per_file_progress_comes_from_ffmpeg(media):
    seen: list[float] = []
    path = media.get("qc_clean")
    analyse_media(path, has_video=True, has_audio=True, duration=3.0, settings=SETTINGS, on_progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(3.0, abs=0.2)


def test_display_shows_a_bar_per_decoding_file():
    display = ProgressDisplay()
    display(BatchStarted("analysis", 2))
    job = Job(label="a.mp4", run=lambda ctx: None, seconds=10.0)
    display(JobStarted(0, job))
    assert len(display.progress.tasks) == 2
    display(JobProgress(0, job, 4.0))
    assert display.progress.tasks[1].completed == 4.0
    display(JobFinished(0, Outcome(job, DONE)))
    assert len(display.progress.tasks) == 1 and display.progress.tasks[0].completed == 1
    display(JobStarted(1, Job(label="b.mp4", run=lambda ctx: None)))
    assert len(display.progress.tasks) == 1  # no duration, no bar


def test_one_decode_pass_per_file_measures_everything(media, monkeypatch):
    from moocforge.media import qc

    calls: list[list[str]] = []
    real = qc.run_ffmpeg
    monkeypatch.setattr(qc, "run_ffmpeg", lambda args, **kw: (calls.append(args), real(args, **kw))[1])
    analyse_media(media.get("qc_faults"), has_video=True, has_audio=True, duration=6.0, settings=SETTINGS)
    assert len(calls) == 1
    graph = calls[0][calls[0].index("-filter_complex") + 1]
    for name in ("ebur128", "astats", "silencedetect", "blackdetect", "freezedetect", "idet", "blurdetect"):
        assert name in graph


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find ffmpeg children")
@pytest.mark.parametrize("signal_name, exit_code, word", [("SIGINT", 130, "interrupted"),
                                                          ("SIGTERM", 143, "terminated")])
def test_a_signal_stops_every_worker_without_a_traceback(tmp_path, media, ffmpeg, signal_name, exit_code, word):
    folder = tmp_path / "long files"
    folder.mkdir()
    files = [media.copy("sixteen_minutes", folder / f"lecture {i}.mp4") for i in range(4)]
    cache = tmp_path / "cache"
    env = {**os.environ, "MOOCFORGE_CACHE_DIR": str(cache), "NO_COLOR": "1",
           "MOOCFORGE_FFMPEG": str(realtime_ffmpeg(tmp_path, ffmpeg))}
    code, stdout, stderr = signal_once_two_ffmpegs_run(["media", "qc", "--jobs", "2", *files], env, folder,
                                                       signal_name)
    assert code == exit_code, stdout + stderr
    assert word in stderr and "Traceback" not in stderr + stdout
    assert ffmpegs_left(folder) == []
    entries = [p for p in cache.rglob("*") if p.is_file() and p.suffix == ".json"]
    assert not [p for p in cache.rglob("*") if p.name.startswith(".tmp-")]
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))  # every entry whole
    assert not (cache / "qc").exists() or not list((cache / "qc").rglob("*.json"))  # no half-done analysis kept


def test_stopped_runner_refuses_new_children_until_reset_and_leaves_other_runners_alone(media):
    stopped, other = ProcessRunner(), ProcessRunner()
    stopped.stop_all()
    with pytest.raises(Interrupted):
        run_ffmpeg(["-version"], runner=stopped)
    assert run_ffmpeg(["-version"], runner=other).returncode == 0  # no module-global stop state
    stopped.reset()
    assert run_ffmpeg(["-version"], runner=stopped).returncode == 0
