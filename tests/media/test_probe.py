"""Acceptance 1 and 7: MediaInfo facts of real files, good and broken, never a traceback."""

from __future__ import annotations

import pytest

from moocforge.media.probe import (STATUS_EMPTY, STATUS_NOT_MEDIA, STATUS_OK, STATUS_TRUNCATED,
                                     STATUS_UNREADABLE, MediaFacts, probe_media)


def test_probe_reads_every_fact_of_an_upload_file(media):
    facts = probe_media(media.get("upload_good"))
    assert facts.status == STATUS_OK and facts.readable
    assert facts.container == "MPEG-4" and facts.duration == pytest.approx(0.6, abs=0.05)
    assert facts.overall_bit_rate > 8_000_000
    v = facts.video
    assert (v.format, v.width, v.height, v.scan_type, v.frame_rate, v.frame_rate_mode) == \
        ("AVC", 1920, 1080, "Progressive", 25.0, "CFR")
    assert v.profile and v.bit_depth == 8 and v.chroma_subsampling == "4:2:0"
    assert v.bit_rate == pytest.approx(10_000_000, rel=0.1) and v.bit_rate_source == "stream"
    a = facts.audio
    assert (a.format, a.sampling_rate, a.channels) == ("AAC", 48000, 2)
    assert a.bit_depth is None  # lossy sound has none


def test_probe_reads_a_master_with_pcm_sound(media):
    facts = probe_media(media.get("master_good"))
    assert facts.video.format == "VC-3" and facts.video.bit_rate > 50_000_000
    assert facts.video.intra_only is True and facts.video.intra_basis == "format"
    assert (facts.audio.format, facts.audio.bit_depth, facts.audio.sampling_rate) == ("PCM", 24, 48000)


def test_prores_bit_depth_is_implied_by_the_format(media):
    video = probe_media(media.get("prores")).video
    assert video.format == "ProRes" and video.bit_depth == 10 and video.bit_depth_implied


@pytest.mark.parametrize("name, status", [
    ("zero", STATUS_EMPTY),
    ("text", STATUS_NOT_MEDIA),
    ("truncated", STATUS_TRUNCATED),
    ("truncated_tail", STATUS_TRUNCATED),
])
def test_broken_files_get_a_status_not_an_exception(media, name, status):
    facts = probe_media(media.get(name))
    assert facts.status == status
    assert facts.fields()["file.status"] == status


def test_truncated_file_with_its_index_still_shows_its_streams(media):
    facts = probe_media(media.get("truncated"))
    assert facts.truncated and facts.readable and facts.video is not None


def test_missing_file_is_unreadable(tmp_path):
    facts = probe_media(tmp_path / "gone.mp4")
    assert facts.status == STATUS_UNREADABLE and facts.error and not facts.readable


def test_audio_only_and_video_only(media):
    audio_only = probe_media(media.get("audio_only"))
    assert audio_only.video is None and audio_only.audio is not None
    assert audio_only.fields()["video.present"] is False and audio_only.fields()["video.width"] is None
    video_only = probe_media(media.get("video_only"))
    assert video_only.audio is None and video_only.fields()["audio.present"] is False


@pytest.mark.parametrize("name, field, value", [
    ("vfr", "video.frame_rate_mode", "VFR"),
    ("interlaced", "video.scan_type", "Interlaced"),
    ("khz44", "audio.sampling_rate", 44100),
    ("bit16", "audio.bit_depth", 16),
    ("mono", "audio.channels", 1),
    ("p720", "video.height", 720),
    ("p25", "video.frame_rate", 25.0),
])
def test_bad_sources_show_the_fact_that_makes_them_bad(media, name, field, value):
    assert probe_media(media.get(name)).fields()[field] == value


def test_frame_rate_is_exact_for_ntsc_rates(media):
    rate = probe_media(media.get("p23976")).video.frame_rate
    assert rate == pytest.approx(24000 / 1001, abs=1e-5) and rate < 24


def test_facts_survive_a_round_trip_through_json(media):
    import json

    facts = probe_media(media.get("master_good"))
    again = MediaFacts.from_dict(json.loads(json.dumps(facts.to_dict())))
    assert again == facts and again.fields() == facts.fields()
