"""`moocforge media probe/check/qc` as a user meets them: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest


def run(*args, cwd=None):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "moocforge", "media", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env)


def assert_no_traceback(proc):
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("command", ["probe", "check", "qc"])
def test_each_command_has_help_with_an_example(command):
    proc = run(command, "--help")
    assert proc.returncode == 0 and "Example" in proc.stdout and f"moocforge media {command}" in proc.stdout


def test_probe_json_has_the_facts(media):
    proc = run("probe", media.get("upload_good"), media.get("audio_only"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    assert document["kind"] == "probe" and document["version"] == 1
    first, second = document["files"]
    assert first["video"]["width"] == 1920 and first["audio"]["sampling_rate"] == 48000
    assert first["video"]["intra_only"] is False and first["video"]["intra_basis"] == "frame types"
    assert second["video"] is None and second["audio"]["format"] == "AAC"


def test_probe_terminal_and_folders(media, tmp_path):
    folder = tmp_path / "lectures"
    media.copy("master_good", folder / "a.mov")
    media.copy("zero", folder / "sub" / "b.mp4")
    (folder / "notes.txt").write_text("not media by name, skipped in a folder", encoding="utf-8")
    proc = run("probe", folder)
    assert proc.returncode == 0, proc.stderr
    assert "VC-3" in proc.stdout and "1920×1080" in proc.stdout and "intra-only: yes (format)" in proc.stdout
    assert "the file is empty" in proc.stdout and "notes.txt" not in proc.stdout


def test_file_names_starting_with_a_dash_are_files(media, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(media.get("qc_clean"), work / "-y.mp4")
    proc = run("qc", "--format", "json", "--", "-y.mp4", cwd=work)
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    assert document["evidence"]["qc"]["-y.mp4"]["integrated_lufs"] is not None
    assert sorted(p.name for p in work.iterdir()) == ["-y.mp4"]  # ffmpeg wrote nothing beside it


def test_check_passes_and_fails_with_exit_codes(media):
    good = run("check", "--policy", "atu-upload", media.get("upload_good"))
    assert good.returncode == 0, good.stdout + good.stderr
    assert "0 of 12 tests of atu-upload failed" in good.stdout
    bad = run("check", "--policy", "atu-upload", media.get("khz44"), "--format", "json")
    assert bad.returncode == 1
    (checks,) = json.loads(bad.stdout)["evidence"]["policy"].values()
    tests = {t["id"]: t for t in checks[0]["tests"]}
    assert tests["sampling-rate"]["result"] == "fail" and tests["sampling-rate"]["measured"] == 44100
    assert tests["sampling-rate"]["clause"] == "ATU §9.2.1"


def test_check_master_reads_frames_when_needed(media):
    proc = run("check", "--policy", "atu-source", media.get("long_gop"), "--format", "json")
    (checks,) = json.loads(proc.stdout)["evidence"]["policy"].values()
    tests = {t["id"]: t for t in checks[0]["tests"]}
    assert tests["intra-frame"]["result"] == "fail" and tests["intra-frame"]["measured"] is False


def test_check_in_kazakh(media):
    proc = run("check", "--policy", "atu-upload", media.get("mono"), "--lang", "kk")
    assert proc.returncode == 1 and "өтпеді" in proc.stdout


def test_check_unreadable_file_fails(media):
    proc = run("check", "--policy", "atu-upload", media.get("text"))
    assert proc.returncode == 1 and "not a media file" in proc.stdout


def test_qc_reports_figures_and_timed_findings(media, short_thresholds):
    proc = run("qc", media.get("qc_faults"), "--profile", short_thresholds, "--format", "json", "--lang", "en")
    assert proc.returncode == 0, proc.stderr  # warnings only
    document = json.loads(proc.stdout)
    (entry,) = document["evidence"]["qc"].values()
    assert entry["clipped_samples"] > 0 and entry["blacks"] == [[2.0, 4.0]]
    silence = next(f for f in document["findings"] if f["rule"] == "MD113")
    assert (silence["location"]["start"], silence["location"]["end"]) == (2.0, 4.0)
    assert silence["message"] == "silence 00:02–00:04 (2 s)"
    text = run("qc", media.get("qc_faults"), "--profile", short_thresholds, "--lang", "ru")
    assert "тишина 00:02–00:04" in text.stdout and "LUFS" in text.stdout


def test_qc_of_broken_files_exits_1_without_traceback(media):
    proc = run("qc", media.get("zero"), media.get("text"), media.get("truncated_tail"))
    assert proc.returncode == 1
    assert "empty" in proc.stdout and "not a media file" in proc.stdout and "truncated" in proc.stdout
    assert_no_traceback(proc)


@pytest.mark.parametrize("args, needle", [
    (("probe", "{tmp}/missing.mp4"), "no such file"),
    (("probe", "{tmp}/empty"), "no media files"),
    (("check", "--policy", "atu-1999", "{tmp}/x.mp4"), "unknown policy"),
    (("check", "--policy", "{tmp}/none.yaml", "{tmp}/x.mp4"), "does not exist"),
    (("qc", "--profile", "atu-1999", "{tmp}/x.mp4"), "unknown profile"),
])
def test_usage_errors_exit_2_with_one_message(tmp_path, args, needle):
    (tmp_path / "x.mp4").write_bytes(b"")
    (tmp_path / "empty").mkdir()
    proc = run(*[a.format(tmp=tmp_path) for a in args])
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert needle in proc.stderr
    assert_no_traceback(proc)


def test_loose_files_are_cached_in_the_user_cache(media, tmp_path):
    cache = tmp_path / "user-cache"  # set by conftest through MOOCFORGE_CACHE_DIR
    run("probe", media.get("p25"))
    assert list((cache / "probe").rglob("*.json"))
