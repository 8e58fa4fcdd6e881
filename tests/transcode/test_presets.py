"""Acceptance 1: presets are data files; a malformed user preset gets an error naming file, line and setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from moocforge.transcode.preset import PresetError, builtin_presets, load_preset, rate_in_bits


def test_the_five_platform_presets_are_built_in():
    assert builtin_presets() == ["atu-upload", "coursera", "openedx", "proxy", "youtube"]
    upload = load_preset("atu-upload")
    assert (upload.video.width, upload.video.height, upload.video.profile) == (1920, 1080, "high")
    assert upload.policy == "atu-upload" and rate_in_bits(upload.video.bitrate) >= 8_000_000  # ATU §9.1.4
    assert (upload.audio.sample_rate, upload.audio.channels) == (48000, 2)
    openedx = load_preset("openedx")
    assert [(r.name, r.height) for r in openedx.renditions] == [("720p", 720), ("360p", 360)]
    assert openedx.safe_names and openedx.captions == ("srt",)
    assert load_preset("coursera").captions == ("srt", "vtt")
    assert load_preset("youtube").video.gop_seconds == 0.5
    assert load_preset("proxy").video.fit == "inside"


def _preset(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "studio.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "video:\n  width: 1280\n  height: 720\n  bitrate: 4M\n"


def test_a_user_preset_file_is_read_with_defaults(tmp_path):
    preset = load_preset(_preset(tmp_path, GOOD))
    assert preset.name == "studio" and preset.video.rate_control == "vbr" and preset.audio.bitrate == "192k"


@pytest.mark.parametrize("text, line, field, words", [
    ("video:\n  width: 1280\n  height: 720\n  bitrate: 4M\n  bitrat: 5M\n", 5, "video.bitrat", "did you mean «bitrate»"),
    ("video:\n  width: 1280\n  height: 720\n  bitrate: fast\n", 4, "video.bitrate", "not a bit rate"),
    ("video:\n  width: 1281\n  height: 720\n  bitrate: 4M\n", 2, "video.width", "even width"),
    ("video:\n  width: 1280\n  height: 720\n  bitrate: 4M\n  fit: stretch\n", 5, "video.fit", "not one of: pad, inside"),
    ("video:\n  width: wide\n  height: 720\n  bitrate: 4M\n", 2, "video.width", "whole number"),
    ("video:\n  width: 1280\n  height: 720\n  rate_control: cbr\n", 1, "video.bitrate", "needs a bit rate"),
    (GOOD + "audio:\n  sample_rate: 44000\n", 6, "audio.sample_rate", "44100, 48000"),
    (GOOD + "renditions:\n  - name: 720p\n    width: 1280\n    height: 720\n", 6, "renditions[0].bitrate",
     "needs a bit rate"),
    (GOOD + "captions: [srt, ass]\n", 5, "captions[1]", "srt, vtt"),
    ("title: no video\n", None, "video", "required"),
    (GOOD + "audi:\n  channels: 2\n", 5, "audi", "unknown setting"),
    (GOOD + "  gop_seconds: -1\n", 5, "video.gop_seconds", "out of range: it must be > 0"),
    (GOOD + "renditions:\n  - name: 'bad name'\n    width: 640\n    height: 360\n    bitrate: 1M\n", 6,
     "renditions[0].name", "only Latin letters, digits and underscores"),
    ("video:\n  width: 1280\n   height: 720\n", 3, None, "not valid YAML"),
])
def test_a_malformed_preset_names_file_line_and_setting(tmp_path, text, line, field, words):
    path = _preset(tmp_path, text)
    with pytest.raises(PresetError) as caught:
        load_preset(path)
    error = caught.value
    assert error.file == str(path) and error.line == line and error.field == field
    assert words in error.text("en")
    assert error.text("kk") != error.text("en") and error.text("ru") != error.text("en")


def test_an_unknown_preset_name_lists_the_built_in_ones():
    with pytest.raises(PresetError) as caught:
        load_preset("opendx")
    assert "atu-upload, coursera, openedx, proxy, youtube" in caught.value.text("en")
    assert "did you mean «openedx»" in caught.value.text("en")


def test_a_missing_preset_file_is_named(tmp_path):
    with pytest.raises(PresetError) as caught:
        load_preset(tmp_path / "absent.yaml")
    assert caught.value.file == str(tmp_path / "absent.yaml")


def test_a_policy_file_named_in_a_preset_file_is_found_beside_it(tmp_path):
    (tmp_path / "studio-policy.yaml").write_text("tests: []\n", encoding="utf-8")
    preset = load_preset(_preset(tmp_path, GOOD + "policy: studio-policy.yaml\n"))
    assert preset.policy == str(tmp_path / "studio-policy.yaml")
