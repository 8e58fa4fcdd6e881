"""Acceptance 5: results cached by path, size, mtime and tool version; atomic writes; no other writes."""

from __future__ import annotations

import hashlib
import os
import sys

import pytest

from moocforge import fileio
from moocforge.check import run_check
from moocforge.inspect import InspectOptions, media as media_module
from moocforge.cache import CACHE_FOLDER_NAME, ResultCache, default_user_cache_dir, file_identity
from moocforge.media.probe import PROBES

VIDEOS = {(1, 1): [{"file": "upload_good", "master": "long_gop"}], (1, 2): [{"file": "p25", "master": "prores"}]}
MEDIA_FILES = 5  # four lesson files and the promo


def _counts() -> tuple[int, int, int]:
    return PROBES.value, media_module.FRAME_SAMPLES.value, media_module.ANALYSES.value


def _delta(before: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(now - then for now, then in zip(_counts(), before))


def _check(root, **options):
    return run_check(root, options=InspectOptions(**options), select=["MD"])


def test_second_check_of_an_unchanged_course_reads_no_media(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    before = _counts()
    first = _check(root, deep=True)
    probes, frames, analyses = _delta(before)
    assert probes == MEDIA_FILES and frames == 1 and analyses == 3  # frames: the long-GOP master only

    before = _counts()
    second = _check(root, deep=True)
    assert _delta(before) == (0, 0, 0)
    assert [(f.rule_id, f.file, f.message) for f in second.findings] == \
        [(f.rule_id, f.file, f.message) for f in first.findings]
    assert second.evidence.media["module-01/lesson-01/masters/lecture-1.mp4"].video.intra_only is False
    assert (root / CACHE_FOLDER_NAME / "CACHEDIR.TAG").is_file()


def test_no_cache_reads_every_file_again(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    _check(root)
    before = _counts()
    _check(root, use_cache=False)
    assert _delta(before)[:2] == (MEDIA_FILES, 1)


def test_a_changed_file_alone_is_read_again(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    _check(root)
    changed = root / "module-01/lesson-02/lecture-1.mp4"
    stat = changed.stat()
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    before = _counts()
    _check(root)
    assert _delta(before)[0] == 1


def test_cache_dir_option_keeps_the_course_folder_clean(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    elsewhere = tmp_path / "cache"
    _check(root, cache_dir=elsewhere)
    assert not (root / CACHE_FOLDER_NAME).exists()
    assert list((elsewhere / "probe").rglob("*.json"))


def _digest(root):
    return {p.relative_to(root): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file() and CACHE_FOLDER_NAME not in p.parts}


def test_check_writes_nothing_but_the_cache(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    before = _digest(root)
    _check(root, deep=True)
    assert _digest(root) == before
    new_top_level = {p.name for p in root.iterdir()} - {rel.parts[0] for rel in before}
    assert new_top_level == {CACHE_FOLDER_NAME}


def test_corrupt_entry_is_a_miss_not_a_crash(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    _check(root)
    for entry in (root / CACHE_FOLDER_NAME / "probe").rglob("*.json"):
        entry.write_text('{"key": "', encoding="utf-8")  # as if cut off mid-write by older software
    before = _counts()
    _check(root)
    assert _delta(before)[0] == MEDIA_FILES


def test_interrupted_write_leaves_no_entry(tmp_path, monkeypatch, media):
    cache = ResultCache(tmp_path / "cache")
    identity = file_identity(media.get("p25"))
    key = ResultCache.key("probe", identity, "v1")

    real_fdopen = fileio.os.fdopen

    class HalfWritten:
        """Writes part of the entry to disk, then Ctrl-C arrives."""

        def __init__(self, fd, mode):
            self.handle = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:10])
            self.handle.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "fdopen", HalfWritten)
    with pytest.raises(KeyboardInterrupt):
        cache.put("probe", key, {"x": 1})
    monkeypatch.undo()
    leftovers = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name not in ("CACHEDIR.TAG", ".gitignore")]
    assert leftovers == []
    assert cache.get("probe", key) is None
    cache.put("probe", key, {"x": 1})
    assert cache.get("probe", key) == {"x": 1}


def test_key_changes_with_tool_version_and_settings(media):
    identity = file_identity(media.get("p25"))
    keys = {ResultCache.key("qc", identity, "ffmpeg 7"), ResultCache.key("qc", identity, "ffmpeg 8"),
            ResultCache.key("qc", identity, "ffmpeg 7", {"silence_min_seconds": 5}),
            ResultCache.key("probe", identity, "ffmpeg 7")}
    assert len(keys) == 4


def test_changed_qc_threshold_analyses_again(tmp_path, media_course):
    root = media_course(tmp_path / "c", promo=None, videos={(1, 1): [{"file": "qc_clean"}]})
    _check(root, deep=True)
    profile = tmp_path / "p.yaml"
    profile.write_text("extends: atu-2025\nmedia:\n  qc:\n    silence: {min_seconds: {value: 3, clause: x}}\n",
                       encoding="utf-8")
    before = _counts()
    run_check(root, profile=str(profile), options=InspectOptions(deep=True), select=["MD"])
    assert _delta(before)[2] == 1


def test_user_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("MOOCFORGE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_user_cache_dir() == tmp_path / "xdg" / "moocforge"
    monkeypatch.setenv("MOOCFORGE_CACHE_DIR", str(tmp_path / "mine"))
    assert default_user_cache_dir() == tmp_path / "mine"
