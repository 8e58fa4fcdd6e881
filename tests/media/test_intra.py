"""Acceptance 3: intra-frame detection by format, profile, GOP, and sampled frame types."""

from __future__ import annotations

import pytest

from moocforge.media.intra import (intra_from_container, intra_from_frame_types, sample_frame_types)
from moocforge.inspect.media import MediaInspector
from moocforge.cache import ResultCache
from moocforge.media.probe import probe_media


@pytest.mark.parametrize("name, expected_format", [
    ("master_good", "VC-3"),  # DNxHD
    ("prores", "ProRes"),
    ("mjpeg", "JPEG"),
    ("dv", "DV"),
])
def test_intra_codecs_are_known_by_format(media, name, expected_format):
    video = probe_media(media.get(name)).video
    assert video.format == expected_format
    assert (video.intra_only, video.intra_basis) == (True, "format")


def test_intra_profile_is_recognised(media):
    video = probe_media(media.get("avc_intra")).video
    assert "Intra" in video.profile
    assert (video.intra_only, video.intra_basis) == (True, "profile")


def test_stated_gop_decides(media):
    one = probe_media(media.get("h264_gop1")).video
    assert (one.gop, one.intra_only, one.intra_basis) == ("N=1", True, "gop")
    twelve = probe_media(media.get("interlaced")).video  # MPEG-2 states N=12
    assert (twelve.intra_only, twelve.intra_basis) == (False, "gop")


@pytest.mark.parametrize("fmt, profile, gop, expected", [
    ("JPEG 2000", None, None, (True, "format")),
    ("CineForm", None, None, (True, "format")),
    ("HEVC", "Main 4:2:2 10 Intra@L5", None, (True, "profile")),
    ("FFV1", None, "N=1", (True, "gop")),
    ("FFV1", None, None, (None, None)),
    ("AVC", "High@L4", "M=3, N=50", (False, "gop")),
    ("AVC", "High@L4", None, (None, None)),
])
def test_container_rules(fmt, profile, gop, expected):
    assert intra_from_container(fmt, profile, gop) == expected


def test_frame_types_settle_what_the_container_leaves_open(media, tmp_path):
    inspector = MediaInspector(cache=ResultCache(tmp_path / "cache"), sample_frames=12)
    long_gop, ffv1 = media.get("long_gop"), media.get("ffv1_plain")
    facts = inspector.facts_for([long_gop, ffv1], frames_for={long_gop, ffv1})
    assert probe_media(long_gop).video.intra_only is None  # MediaInfo alone cannot tell
    assert (facts[long_gop].video.intra_only, facts[long_gop].video.intra_basis) == (False, "frame types")
    assert set(facts[long_gop].frame_types) - {"I"}
    assert (facts[ffv1].video.intra_only, facts[ffv1].video.intra_basis) == (True, "frame types")


def test_frame_sample_is_bounded(media):
    counts = sample_frame_types(media.get("long_gop"), 10)
    assert 1 <= sum(counts.values()) <= 11 and counts.get("I") == 1


def test_no_frames_no_verdict():
    assert intra_from_frame_types({}) is None and intra_from_frame_types(None) is None
    assert intra_from_frame_types({"I": 30}) is True and intra_from_frame_types({"I": 1, "P": 29}) is False
