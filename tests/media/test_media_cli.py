"""`moocforge media probe/check/qc` as a user meets them: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest


def run(*args, cwd=None, columns="160"):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": columns, "LANG": "C.UTF-8"}
    if not columns:
        env.pop("COLUMNS")  # as in a pipe of a CI job
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
    assert "2 channels" in proc.stdout and "24 bit" in proc.stdout
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
    assert "0 of 11 requirements of atu-upload not met" in good.stdout  # 12 tests of 11 fields
    bad = run("check", "--policy", "atu-upload", media.get("khz44"), "--format", "json")
    assert bad.returncode == 1
    (checks,) = json.loads(bad.stdout)["evidence"]["policy"].values()
    tests = {t["id"]: t for t in checks[0]["tests"]}
    assert tests["sampling-rate"]["result"] == "fail" and tests["sampling-rate"]["measured"] == 44100
    assert tests["sampling-rate"]["clause"] == "ATU §9.2.1"


@pytest.mark.parametrize("name, severity, decided_by", [("p15", "error", "frame-rate"),
                                                         ("p23976", "warning", "frame-rate-24")])
def test_frame_rate_is_one_row_one_finding_and_one_json_verdict(media, name, severity, decided_by):
    """atu-upload tests the frame rate twice (≥ 23.976 error, ≥ 24 warning): people read of it once."""
    text = run("check", "--policy", "atu-upload", media.get(name), "--lang", "en").stdout
    rows = [line for line in text.splitlines() if re.match(r"\s*frame rate\s+│", line)]
    assert len(rows) == 1 and f"fail ({severity})" in rows[0] and "≥ 23.976 fps (error), ≥ 24 fps (warning)" in rows[0]
    assert text.count("frames per second") == 1
    document = json.loads(run("check", "--policy", "atu-upload", media.get(name), "--format", "json").stdout)
    assert [f["severity"] for f in document["findings"] if f["message_key"] == "MD102.frame_rate"] == [severity]
    (checks,) = document["evidence"]["policy"].values()
    assert [v for v in checks[0]["fields"] if v["field"] == "video.frame_rate"] == [{
        "field": "video.frame_rate", "result": "fail", "measured": checks[0]["tests"][5]["measured"],
        "severity": severity, "decided_by": decided_by, "tests": ["frame-rate", "frame-rate-24"]}]
    assert len(checks[0]["tests"]) == 12 and len(checks[0]["fields"]) == 11  # every test is still evidence


def test_an_unstated_mxf_field_is_named_in_words_with_an_mxf_example(media):
    document = json.loads(run("check", "--policy", "atu-source", media.get("mxf_master"), "--format", "json",
                              "--lang", "en").stdout)
    (unknown,) = [f for f in document["findings"] if f["message_key"] == "MD102.unknown"]
    assert unknown["message"].startswith("not stated in the file: frame rate mode (constant or variable), so test "
                                         "constant-frame-rate of atu-source cannot be checked. MXF")
    assert "video.frame_rate_mode" not in unknown["message"] and "bit depth" not in unknown["message"]
    russian = run("check", "--policy", "atu-source", media.get("mxf_master"), "--lang", "ru").stdout
    assert "в файле не указано: режим частоты кадров (постоянная или переменная)" in russian


def test_probe_speaks_the_readers_language(media):
    path = media.get("upload_good")
    text = run("probe", path, "--lang", "ru", columns="").stdout
    size = path.stat().st_size
    assert (f"{size / 1e6:.1f} МБ" if size >= 1e6 else f"{size / 1e3:.1f} кБ") in text  # decimal, like Мбит/с
    assert len(text.splitlines()) == 4  # into a pipe: one line per fact line, never wrapped
    for words in ("контейнер:", "видео:", "звук:", "всего", "25 кадр/с", "8 бит", "Мбит/с", "48 кГц",
                  "разрядность не указана", "2 канала", "кбит/с", "только внутрикадровое сжатие: нет (по типам кадров)"):
        assert words in text, words
    for english in ("container", "video:", "audio:", "overall", "fps", "bit depth", " ch ", "intra-only", "MB"):
        assert english not in text, english


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
    assert min(entry["clipped_per_channel"]) > 0 and entry["blacks"] == [[2.0, 4.0]]
    assert entry["clipped_samples"] == max(entry["clipped_per_channel"])  # the worst channel, as before: no average
    silence = next(f for f in document["findings"] if f["rule"] == "MD113")
    assert (silence["location"]["start"], silence["location"]["end"]) == (2.0, 4.0)
    assert silence["message"] == "silence 00:02–00:04 (2 s)"
    text = run("qc", media.get("qc_faults"), "--profile", short_thresholds, "--lang", "ru")
    assert "тишина 00:02–00:04" in text.stdout and "LUFS" in text.stdout


def test_qc_figures_are_in_the_readers_language_with_its_plurals(media, short_thresholds):
    text = run("qc", media.get("qc_faults"), "--profile", short_thresholds, "--lang", "ru").stdout
    assert re.search(r"срезанных отсчётов по каналам \d+ / \d+", text)  # stereo: one count per channel
    for words in ("интегральная громкость", "диапазон громкости", "истинный пик", "уровень шумов", "1 пауза",
                  "1 чёрный отрезок", "чересстрочных кадров", "размытость"):
        assert words in text, words
    assert re.search(r"\b[2-4] застывших отрезка\b", text)  # the black stretch is frozen too: Russian "few"
    for english in ("integrated", "LRA", "true peak", "clipped", "noise floor", "silences", "black ", "frozen",
                    "interlaced", "blur "):
        assert english not in text, english


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


def test_policy_mistakes_exit_2_in_the_readers_language_with_place_and_fix(tmp_path):
    policy = tmp_path / "studio.yaml"
    policy.write_text("name: studio\ntests:\n  - {field: audio.channel, operator: '>=', value: 2}\n", encoding="utf-8")
    (tmp_path / "x.mp4").write_bytes(b"")
    proc = run("check", "--policy", policy, tmp_path / "x.mp4", "--lang", "ru")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"{policy}:3: проверка 1 медиаполитики проверяет «audio.channel»" in proc.stderr
    assert "как исправить: возможно, имелось в виду «audio.channels»" in proc.stderr
    assert_no_traceback(proc)


def test_loose_files_are_cached_in_the_user_cache(media, tmp_path):
    cache = tmp_path / "user-cache"  # set by conftest through MOOCFORGE_CACHE_DIR
    run("probe", media.get("p25"))
    assert list((cache / "probe").rglob("*.json"))
