"""Archives moocforge writes: safe names only, deterministic bytes, streamed from files (issue 13, points 2 and 7)."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest

from moocforge.package.archive import FIXED_TIME, PackageTree, UnsafeEntry, write_tar_gz, write_zip
from moocforge.names import safe_name
from moocforge.package.assets import AssetNames


@pytest.mark.parametrize("name", ["/etc/passwd", "../x", "a/../../x", "a//b", "C:/x", "a\\b", "", "./a"])
def test_unsafe_names_are_refused(name):
    with pytest.raises(UnsafeEntry):
        PackageTree().add_bytes(name, b"")


def test_only_regular_files_are_added(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnsafeEntry):
        PackageTree().add_file("pipe", tmp_path / "pipe")


def _tree(tmp_path) -> PackageTree:
    tree = PackageTree()
    (tmp_path / "big.mp4").write_bytes(b"\x00" * 100_000)
    tree.add_file("b/big.mp4", tmp_path / "big.mp4")
    tree.add_text("a/z.xml", "<z/>")
    tree.add_text("a/b.xml", "<b/>")
    return tree


def test_tar_gz_is_sorted_with_folders_first_and_fixed_metadata(tmp_path):
    buffer = io.BytesIO()
    write_tar_gz(_tree(tmp_path), buffer, root="course")
    with tarfile.open(fileobj=io.BytesIO(buffer.getvalue())) as tar:
        members = tar.getmembers()
        assert [m.name for m in members] == ["course", "course/a", "course/a/b.xml", "course/a/z.xml", "course/b",
                                             "course/b/big.mp4"]
        assert {(m.mtime, m.uid, m.gid) for m in members} == {(FIXED_TIME, 0, 0)}
        assert tar.extractfile("course/b/big.mp4").read() == b"\x00" * 100_000
    assert buffer.getvalue()[4:8] == b"\x00\x00\x00\x00"  # gzip header without a time stamp


def test_the_same_tree_gives_the_same_bytes_whenever_written(tmp_path):
    import os

    first, second = io.BytesIO(), io.BytesIO()
    write_tar_gz(_tree(tmp_path), first)
    os.utime(tmp_path / "big.mp4", (1e9, 1e9))
    write_tar_gz(_tree(tmp_path), second)
    assert first.getvalue() == second.getvalue()
    zip_a, zip_b = io.BytesIO(), io.BytesIO()
    write_zip(_tree(tmp_path), zip_a)
    write_zip(_tree(tmp_path), zip_b)
    assert zip_a.getvalue() == zip_b.getvalue()


def test_zip_stores_media_and_deflates_text(tmp_path):
    buffer = io.BytesIO()
    write_zip(_tree(tmp_path), buffer)
    with zipfile.ZipFile(buffer) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
    assert kinds["b/big.mp4"] == zipfile.ZIP_STORED and kinds["a/z.xml"] == zipfile.ZIP_DEFLATED


def test_safe_names_transliterate_kazakh_and_stay_unique():
    assert safe_name("Дәріс 1, кіріспе (жаңа).PDF") == "Daris_1_kirispe_zhanga.pdf"
    names = AssetNames()
    assert names.name_for("m/Қазақ тілі.pdf") == "m_Qazaq_tili.pdf"
    assert names.name_for("m/Qazaq tili.pdf") == "m_Qazaq_tili_2.pdf"
    assert names.name_for("m/Қазақ тілі.pdf") == "m_Qazaq_tili.pdf"  # the same source keeps its name
