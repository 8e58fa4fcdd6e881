"""Atomic writes: whole file or none, no temporary left behind."""

from __future__ import annotations

import pytest

from moocforge.fileio import names_a_file, write_atomically

def test_write_replaces_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out" / "report.json"
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]

def test_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = tmp_path / "report.json"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_atomically(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]

@pytest.mark.parametrize("spec, is_file", [("atu-2025", False), ("kaznu", False), ("my.yaml", True),
                                           ("studio.yml", True), ("cfg/atu", True), ("cfg\\atu", True)])
def test_names_a_file(spec, is_file):
    assert names_a_file(spec) is is_file
