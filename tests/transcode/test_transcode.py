"""Acceptance 1, 4, 5, 6, 8: real encodes — the course layout, verification, resume, failures, posters, loudness."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from moocforge.media.probe import probe_media

SRT = "1\n00:00:00,050 --> 00:00:00,300\nСәлеметсіздер ме!\n\n2\n00:00:00,320 --> 00:00:00,390\nДәріс\n"


def _hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".moocforge-cache" not in p.parts}


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and ".moocforge-cache" not in p.parts)


@pytest.fixture
def course(tmp_path, media_course):
    root = media_course(tmp_path / "Курс 1", videos={(1, 1): [{"file": "p25", "master": "master_1080i"}],
                                                     (2, 1): [{"file": "upload_good"}]}, promo="upload_good")
    (root / "module-01/lesson-01/masters/lecture-1.srt").write_text(SRT, encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_course_follows_the_layout_verifies_every_output_and_never_touches_a_master(tmp_path, course, tc):
    before = _hashes(course)
    out = tmp_path / "upload"
    done = tc.cli("transcode", course, "--preset", "openedx", "--out", out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _files(out) == [
        "module-01/lesson-01/masters/lecture-1.jpg", "module-01/lesson-01/masters/lecture-1.mp4",
        "module-01/lesson-01/masters/lecture-1.srt", "module-01/lesson-01/masters/lecture-1_360p.mp4",
        "module-01/lesson-01/masters/lecture-1_720p.mp4",
        "module-02/lesson-01/lecture-1.jpg", "module-02/lesson-01/lecture-1.mp4",
        "module-02/lesson-01/lecture-1_360p.mp4", "module-02/lesson-01/lecture-1_720p.mp4",
        "promo/promo.jpg", "promo/promo.mp4", "promo/promo_360p.mp4", "promo/promo_720p.mp4",
        "transcode-report.json"]
    assert _hashes(course) == before  # masters, uploads and captions only read
    report = tc.report(out)
    assert report["summary"] | {"elapsed_seconds": 0} == {"videos": 3, "done": 3, "skipped": 0, "failed": 0,
                                                          "planned": 0, "elapsed_seconds": 0}
    main = probe_media(out / "module-01/lesson-01/masters/lecture-1.mp4")
    assert (main.video.format, main.video.width, main.video.height, main.video.scan_type) == \
        ("AVC", 1920, 1080, "Progressive")
    assert main.video.bit_rate >= 8_000_000 and (main.audio.sampling_rate, main.audio.channels) == (48000, 2)
    assert probe_media(out / "promo/promo_720p.mp4").video.height == 720
    job = report["jobs"][0]
    checks = {(v["policy"], v["field"]): v["result"] for o in job["outputs"] if o["role"] == "main"
              for v in o["verification"]}
    assert checks[("atu-upload", "video.bit_rate")] == "pass" and checks[("preset openedx", "video.width")] == "pass"
    assert "Сәлеметсіздер ме!" in (out / "module-01/lesson-01/masters/lecture-1.srt").read_text(encoding="utf-8")
    poster = (out / "promo/promo.jpg").read_bytes()
    assert poster[:2] == b"\xff\xd8" and poster[-2:] == b"\xff\xd9"

    # A second run of a finished batch encodes nothing.
    again = tc.cli("transcode", course, "--preset", "openedx", "--out", out)
    assert again.returncode == 0 and tc.report(out)["summary"]["skipped"] == 3
    assert set(tc.statuses(tc.report(out)).values()) == {"up_to_date"}

    # An interrupted batch resumes: a missing rendition and a replaced main file are made again, nothing else.
    (out / "promo/promo_360p.mp4").unlink()
    (out / "module-02/lesson-01/lecture-1.mp4").write_bytes(b"half a file")
    resumed = tc.cli("transcode", course, "--preset", "openedx", "--out", out)
    assert resumed.returncode == 0, resumed.stdout
    statuses = tc.statuses(tc.report(out))
    assert {path for path, status in statuses.items() if status == "written"} == \
        {"promo/promo_360p.mp4", "module-02/lesson-01/lecture-1.mp4", "module-02/lesson-01/lecture-1.jpg"}
    assert _hashes(course) == before


@pytest.mark.slow
def test_one_broken_file_fails_alone_and_the_exit_code_says_so(tmp_path, media, tc):
    folder = tmp_path / "masters"
    folder.mkdir()
    media.copy("p25", folder / "good.mp4")
    (folder / "broken.mov").write_text("not a video", encoding="utf-8")
    out = tmp_path / "out"
    done = tc.cli("transcode", folder, "--preset", "proxy", "--out", out, "--report", tmp_path / "r.json", "-j", "2")
    assert done.returncode == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report == tc.report(out)
    by_label = {job["label"]: job for job in report["jobs"]}
    assert by_label[str(folder / "good.mp4")]["status"] == "done"
    broken = by_label[str(folder / "broken.mov")]
    assert broken["status"] == "failed" and "cannot be read as media" in broken["reason"]
    assert _files(out) == ["good.mp4", "transcode-report.json"]
    assert "failed" in done.stdout and "cannot be read as media" in done.stdout  # the summary table says why


@pytest.mark.slow
def test_a_non_conforming_output_fails_with_the_reason_and_gets_no_final_name(tmp_path, media, tc):
    preset = tmp_path / "master-grade.yaml"
    # A 2 Mbit/s file checked against the camera-master policy (≥ 50 Mbit/s, intra-frame) cannot pass.
    preset.write_text("video: {width: 640, height: 360, bitrate: 2M, speed: ultrafast}\npolicy: atu-source\n",
                      encoding="utf-8")
    source = media.copy("p25", tmp_path / "in" / "lecture.mp4")
    out = tmp_path / "out"
    done = tc.cli("transcode", source, "--preset", preset, "--out", out)
    assert done.returncode == 1
    job = tc.report(out)["jobs"][0]
    assert job["status"] == "failed" and "atu-source expects >= 50000000" in job["reason"]
    assert _files(out) == ["transcode-report.json"]  # neither the final name nor the temporary one


@pytest.mark.slow
def test_loudness_is_normalised_in_two_passes_and_reported_before_and_after(tmp_path, media, tc):
    source = media.copy("p25", tmp_path / "in" / "loud.mp4")
    out = tmp_path / "out"
    done = tc.cli("transcode", source, "--preset", "proxy", "--out", out, "--loudness", "-23")
    assert done.returncode == 0, done.stdout + done.stderr
    loudness = tc.report(out)["jobs"][0]["loudness"]
    assert loudness["normalised"] and loudness["target_lufs"] == -23
    assert loudness["before"]["integrated_lufs"] > -18  # the test tone is about -16 LUFS
    assert loudness["after"]["integrated_lufs"] == pytest.approx(-23, abs=1.0)
    assert loudness["after"]["true_peak_dbtp"] <= -1.5
    rerun = tc.cli("transcode", source, "--preset", "proxy", "--out", out, "--loudness", "-23")
    assert rerun.returncode == 0 and tc.report(out)["jobs"][0]["loudness"] == loudness  # kept for the morning report
    changed = tc.cli("transcode", source, "--preset", "proxy", "--out", out, "--loudness", "-16")
    assert changed.returncode == 0 and tc.report(out)["summary"]["done"] == 1  # a new target makes it again


@pytest.mark.slow
def test_an_interlaced_camera_master_becomes_progressive_at_its_frame_rate(tmp_path, media, tc):
    source = media.copy("master_1080i", tmp_path / "in" / "interview.mov")
    facts = probe_media(source)
    assert facts.video.scan_type != "Progressive"
    out = tmp_path / "out"
    done = tc.cli("transcode", source, "--preset", "atu-upload", "--out", out)
    assert done.returncode == 0, done.stdout + done.stderr
    made = probe_media(out / "interview.mp4")
    assert made.video.scan_type == "Progressive" and made.video.frame_rate == pytest.approx(facts.video.frame_rate)


def test_a_dry_run_prints_every_output_and_the_exact_commands_and_writes_nothing(tmp_path, course, tc):
    out = tmp_path / "upload"
    planned = tc.cli("transcode", course, "--preset", "coursera", "--out", out, "--dry-run", "--loudness", "-16")
    assert planned.returncode == 0, planned.stderr
    assert not out.exists()
    text = planned.stdout
    assert "→ module-01/lesson-01/masters/lecture-1.mp4" in text and "→ module-01/lesson-01/masters/lecture-1.vtt" in text
    assert text.count("$ ") == 3 * 3  # per video: loudness measurement, encode, poster
    assert "loudnorm=I=-16" in text and "-c:v libx264" in text and "masters/lecture-1.mov" in text


def test_openedx_names_loose_files_in_ascii_letters_digits_and_underscores_and_keeps_a_course_layout(tmp_path, media,
                                                                                                      course, tc):
    media.copy("p25", tmp_path / "in" / "Дәріс 1-2 (кіріспе).mp4")
    loose = tc.cli("transcode", tmp_path / "in", "--preset", "openedx", "--out", tmp_path / "out", "--dry-run")
    assert "→ Daris_1_2_kirispe.mp4" in loose.stdout and "→ Daris_1_2_kirispe_720p.mp4" in loose.stdout
    kept = tc.cli("transcode", course, "--preset", "openedx", "--out", tmp_path / "upload", "--dry-run")
    assert "→ module-01/lesson-01/masters/lecture-1_360p.mp4" in kept.stdout  # the layout packaging reads


def test_sources_that_would_share_an_output_or_be_overwritten_are_refused(tmp_path, media, tc):
    folder = tmp_path / "in"
    media.copy("p25", folder / "a" / "lecture.mp4")
    media.copy("p25", folder / "b" / "lecture.mov")
    clash = tc.cli("transcode", folder, "--out", tmp_path / "out", "--dry-run")
    assert clash.returncode == 2 and "would both be written as lecture" in clash.stderr
    itself = tc.cli("transcode", folder / "a" / "lecture.mp4", "--out", folder / "a", "--dry-run")
    assert itself.returncode == 2 and "never overwritten" in itself.stderr and "Traceback" not in itself.stderr


@pytest.mark.slow
def test_captions_beside_a_master_are_validated_and_written_in_every_format_the_preset_needs(tmp_path, media, tc):
    preset = tmp_path / "both.yaml"
    preset.write_text("video: {width: 640, height: 360, bitrate: 1M, speed: ultrafast}\ncaptions: [srt, vtt]\n",
                      encoding="utf-8")
    masters = tmp_path / "masters"
    media.copy("p25", masters / "good.mp4")
    (masters / "good.vtt").write_text("WEBVTT\n\n00:00.100 --> 00:01.000\nСәлем\n", encoding="utf-8")
    media.copy("p25", masters / "bad.mp4")
    (masters / "bad.srt").write_text("1\n00:00:00,100 --> 00:00:01,500\na\n\n2\n00:00:01,000 --> 00:00:09,000\nb\n",
                                     encoding="utf-8")
    out = tmp_path / "out"
    done = tc.cli("transcode", masters, "--preset", preset, "--out", out)
    assert done.returncode == 1
    assert (out / "good.srt").read_text(encoding="utf-8") == "1\n00:00:00,100 --> 00:00:01,000\nСәлем\n"
    assert (out / "good.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    bad = {job["label"].rsplit("/", 1)[-1]: job for job in tc.report(out)["jobs"]}["bad.mp4"]
    assert bad["status"] == "failed" and "the captions bad.srt have 2 errors" in bad["reason"]
    keys = [p["key"] for p in bad["captions"][0]["problems"]]
    assert keys == ["captions.problem.overlap", "captions.problem.after_video"]  # the video lasts 2 s
    assert (out / "bad.mp4").is_file() and not (out / "bad.srt").exists()  # the verified video is kept


def test_progress_per_file_comes_from_ffmpeg_and_the_batch_counts_files(tmp_path, media):
    from moocforge.run.batch import BatchRunner, JobFinished, JobProgress
    from moocforge.transcode.batch import local_jobs
    from moocforge.transcode.job import TranscodeRequest, plan_batch

    source = media.copy("p25", tmp_path / "in" / "lecture.mp4")
    plan = plan_batch(TranscodeRequest(paths=[source], preset="proxy", out_dir=tmp_path / "out",
                                       loudness=None)).jobs
    events = []
    batch = BatchRunner(workers=1)
    batch.subscribe(events.append)
    [outcome] = batch.run(local_jobs(plan), "transcode")
    assert outcome.status == "done"
    seen = [e.seconds for e in events if isinstance(e, JobProgress)]
    assert seen and seen == sorted(seen) and seen[-1] == pytest.approx(2.0, abs=0.2)  # the clip lasts 2 s
    assert plan[0].duration == pytest.approx(2.0, abs=0.05) and sum(isinstance(e, JobFinished) for e in events) == 1
