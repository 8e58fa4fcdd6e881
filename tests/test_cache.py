"""The one generic cache every expensive reader shares: ``cached(kind, identity, version, settings, compute)``."""

from __future__ import annotations

import os

from moocforge.cache import ResultCache, file_identity


def _counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_cached_computes_once_per_file_version_and_settings(tmp_path):
    source = tmp_path / "lecture.pdf"
    source.write_bytes(b"%PDF-1.4 one")
    cache = ResultCache(tmp_path / "cache")
    compute, calls = _counting({"pages": 3})
    for _ in range(2):
        assert cache.cached("pdf", file_identity(source), "reader 1", {"dpi": 150}, compute) == {"pages": 3}
    assert len(calls) == 1
    cache.cached("pdf", file_identity(source), "reader 2", {"dpi": 150}, compute)  # a new tool version
    cache.cached("pdf", file_identity(source), "reader 2", {"dpi": 300}, compute)  # other settings
    assert len(calls) == 3
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # the file changed
    cache.cached("pdf", file_identity(source), "reader 2", {"dpi": 300}, compute)
    assert len(calls) == 4


def test_cached_round_trips_through_encode_and_decode_and_keeps_only_what_it_should(tmp_path):
    source = tmp_path / "a.bin"
    source.write_bytes(b"x")
    identity = file_identity(source)
    cache = ResultCache(tmp_path / "cache")
    compute, calls = _counting((1, 2))
    decoded = cache.cached("k", identity, "v", None, compute, encode=list, decode=tuple)
    assert decoded == (1, 2) and cache.cached("k", identity, "v", None, compute, encode=list, decode=tuple) == (1, 2)
    assert len(calls) == 1
    failed, failed_calls = _counting({"error": "not decodable"})
    for _ in range(2):
        cache.cached("qc", identity, "v", None, failed, keep=lambda value: "error" not in value)
    assert len(failed_calls) == 2  # a failure is never stored

    def old_shape(data):
        raise TypeError("an entry written by an older moocforge")

    again, again_calls = _counting(5)
    cache.cached("old", identity, "v", None, again)
    assert cache.cached("old", identity, "v", None, again, decode=old_shape) == 5
    assert len(again_calls) == 2  # an entry that no longer decodes is a miss


def test_no_identity_or_no_folder_means_no_caching(tmp_path):
    compute, calls = _counting(1)
    ResultCache(tmp_path / "cache").cached("k", None, "v", None, compute)
    ResultCache(None).cached("k", {"path": "x", "size": 1, "mtime_ns": 1}, "v", None, compute)
    assert len(calls) == 2 and not (tmp_path / "cache").exists()
