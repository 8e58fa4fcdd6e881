"""Acceptance 9: self-contained job lines for any batch system, and a Dask cluster with the same outcomes."""

from __future__ import annotations

import json

import pytest

from moocforge.transcode.plan import JobLineError, TranscodeJob


@pytest.fixture
def sources(tmp_path, media):
    folder = tmp_path / "masters"
    for name in ("lecture one.mp4", "lecture two.mp4"):
        media.copy("p25", folder / name)
    return folder


@pytest.mark.slow
def test_each_line_of_the_plan_runs_alone_and_the_batch_then_finds_everything_done(tmp_path, sources, tc):
    out, plan = tmp_path / "out", tmp_path / "plan.jsonl"
    emitted = tc.cli("transcode", sources, "--preset", "proxy", "--out", out, "--emit-plan", plan)
    assert emitted.returncode == 0 and "2 jobs written" in emitted.stderr
    lines = plan.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and not out.exists()  # planning encodes nothing
    jobs = [TranscodeJob.from_line(line) for line in lines]
    assert [job.label for job in jobs] == [str(sources / "lecture one.mp4"), str(sources / "lecture two.mp4")]
    assert all(job.preset.name == "proxy" and job.out_dir == str(out.resolve()) for job in jobs)  # self-contained
    for line in lines:  # what one task of a Slurm array or a Kubernetes indexed Job runs
        ran = tc.cli("transcode", "--run-job", line, cwd=tmp_path / "masters")
        assert ran.returncode == 0, ran.stdout + ran.stderr
        assert json.loads(ran.stdout)["status"] == "done"
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["lecture one.mp4", "lecture two.mp4"]
    again = tc.cli("transcode", "--run-job", lines[0])
    assert json.loads(again.stdout)["status"] == "skipped"
    # The whole batch, run once more, writes the complete report and encodes nothing.
    final = tc.cli("transcode", sources, "--preset", "proxy", "--out", out)
    assert final.returncode == 0 and tc.report(out)["summary"]["skipped"] == 2


def test_a_job_line_of_another_format_or_no_json_is_a_usage_error(tc):
    with pytest.raises(JobLineError):
        TranscodeJob.from_line('{"format": 99}')
    ran = tc.cli("transcode", "--run-job", "not json")
    assert ran.returncode == 2 and "one line of JSON" in ran.stderr and "Traceback" not in ran.stderr


@pytest.mark.slow
def test_a_dask_cluster_runs_the_jobs_with_the_same_outcomes_resume_and_report(tmp_path, sources, media, tc):
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'moocforge[dask]'")
    (sources / "broken.mov").write_text("not a video", encoding="utf-8")
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        first = tc.cli("transcode", sources, "--preset", "proxy", "--out", out, "--cluster", address)
        assert first.returncode == 1, first.stdout + first.stderr  # the broken file fails, alone
        report = tc.report(out)
        assert {job["label"].rsplit("/", 1)[-1]: job["status"] for job in report["jobs"]} == \
            {"broken.mov": "failed", "lecture one.mp4": "done", "lecture two.mp4": "done"}
        assert "cannot be read as media" in report["jobs"][0]["reason"]
        (sources / "broken.mov").unlink()
        second = tc.cli("transcode", sources, "--preset", "proxy", "--out", out, "--cluster", address)
        assert second.returncode == 0 and tc.report(out)["summary"]["skipped"] == 2  # resumed, nothing encoded


def test_an_unreachable_or_malformed_cluster_is_a_clear_error(tmp_path, sources, tc):
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'moocforge[dask]'")
    wrong = tc.cli("transcode", sources, "--preset", "proxy", "--out", tmp_path / "o", "--cluster", "10.0.0.5")
    assert wrong.returncode == 2 and "dask://HOST:PORT" in wrong.stderr
