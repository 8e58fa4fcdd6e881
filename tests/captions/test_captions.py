"""Acceptance 7: SubRip and WebVTT validated (timings, overlaps, duration, encoding) and converted."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from moocforge.captions.convert import render
from moocforge.captions.read import CaptionError, parse_captions, read_captions
from moocforge.captions.validate import errors_in, validate

GOOD_SRT = ("1\n00:00:01,000 --> 00:00:03,500\nСәлеметсіздер ме!\n\n"
            "2\n00:00:04,000 --> 00:00:06,000\n<i>Бүгін</i> деректерді\nталдаймыз\n")


def _problems(text: str, name: str = "a.srt", duration: float | None = None, encoding: str = "utf-8"):
    return [(p.key.rsplit(".", 1)[1], p.line) for p in validate(parse_captions(text.encode(encoding), name), duration)]


def test_a_good_file_has_no_problem_and_reads_in_kazakh():
    captions = parse_captions(GOOD_SRT.encode("utf-8"), "a.srt")
    assert [(c.start, c.end, c.line) for c in captions.cues] == [(1.0, 3.5, 2), (4.0, 6.0, 6)]
    assert validate(captions, duration=10.0) == []


@pytest.mark.parametrize("text, expected", [
    ("1\n00:00:01,000 --> 00:00:03,000\na\n\n2\n00:00:02,500 --> 00:00:04,000\nb\n", [("overlap", 6)]),
    ("1\n00:00:05,000 --> 00:00:06,000\na\n\n2\n00:00:01,000 --> 00:00:02,000\nb\n", [("out_of_order", 6)]),
    ("1\n00:00:05,000 --> 00:00:05,000\na\n", [("ends_before_start", 2)]),
    ("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:03,000 -> 00:00:04,000\nb\n", [("malformed_timing", 6)]),
    ("1\n00:00:01,000 --> 00:00:02,000\na\n\n00:00:03,000 --> 00:00:04,000\nb\n", [("cues_lost", None)]),
    ("1\n00:00:01,000 --> 00:00:02,000\n\n", [("cues_lost", None), ("no_cues", None)]),
    ("1\n00:00:01,000 --> 00:00:12,000\na\n", [("after_video", 2)]),
])
def test_timing_problems_are_named_with_their_line(text, expected):
    assert _problems(text, duration=10.0) == expected


def test_windows_encodings_are_read_and_written_back_as_utf8():
    kazakh = parse_captions(GOOD_SRT.encode("utf-16"), "a.srt")  # Notepad's "Unicode", with a BOM
    assert kazakh.cues[0].text == "Сәлеметсіздер ме!" and "Бүгін" in render(kazakh, "vtt").decode("utf-8")
    russian = parse_captions("1\n00:00:01,000 --> 00:00:02,000\nДобрый день, коллеги\n".encode("cp1251"), "a.srt")
    assert russian.decoded.encoding == "cp1251" and validate(russian) == []
    assert render(russian, "srt").decode("utf-8").endswith("Добрый день, коллеги\n")
    damaged = b"\xef\xbb\xbf1\n00:00:01,000 --> 00:00:02,000\n\xff\xfe bad\n"
    assert [p.key for p in errors_in(validate(parse_captions(damaged, "a.srt")))] == ["captions.problem.damaged_text"]


def test_webvtt_notes_styles_and_settings_are_not_cue_text():
    vtt = ("WEBVTT\nKind: captions\n\nNOTE written by the studio\n\nSTYLE\n::cue { color: yellow }\n\n"
           "intro\n00:01.000 --> 00:03.000 align:start\nСәлем\n")
    captions = parse_captions(vtt.encode("utf-8"), "a.vtt")
    assert [(c.start, c.text) for c in captions.cues] == [(1.0, "Сәлем")] and validate(captions) == []
    srt = render(captions, "srt").decode("utf-8")
    assert srt == "1\n00:00:01,000 --> 00:00:03,000\nСәлем\n"


def test_srt_and_vtt_convert_both_ways_keeping_the_cues():
    captions = parse_captions(GOOD_SRT.encode("utf-8"), "a.srt")
    vtt = render(captions, "vtt").decode("utf-8")
    assert vtt.startswith("WEBVTT") and "00:00:04.000 --> 00:00:06.000" in vtt and "<i>Бүгін</i>" in vtt
    back = parse_captions(vtt.encode("utf-8"), "a.vtt")
    assert [(c.start, c.end) for c in back.cues] == [(c.start, c.end) for c in captions.cues]
    assert render(back, "srt").decode("utf-8") == GOOD_SRT


def test_a_file_that_is_no_caption_file_is_a_clear_error(tmp_path):
    with pytest.raises(CaptionError) as caught:
        parse_captions(b"just some text\n", "notes.srt")
    assert "cannot be read as SRT" in caught.value.text("en") and caught.value.file == "notes.srt"
    with pytest.raises(CaptionError):
        read_captions(tmp_path / "absent.srt")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "moocforge", "captions", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"})


def test_captions_convert_and_check_on_the_command_line(tmp_path, media):
    source = tmp_path / "Дәріс 1.srt"
    source.write_bytes(GOOD_SRT.encode("utf-16"))
    target = tmp_path / "Дәріс 1.vtt"
    done = _cli("convert", source, target)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("WEBVTT")
    assert _cli("convert", source, source).returncode == 2  # never over its own input
    assert _cli("convert", source, tmp_path / "x.txt").returncode == 2
    video = media.get("p25")  # 2 seconds: the cues run past its end
    checked = _cli("check", source, "--video", video, "--lang", "en")
    assert checked.returncode == 1 and "after the video" in checked.stdout and f"{source}:2" in checked.stdout
    assert _cli("check", target, "--duration", "10").returncode == 0
    overlapping = tmp_path / "bad.srt"
    overlapping.write_text("1\n00:00:01,000 --> 00:00:03,000\na\n\n2\n00:00:02,000 --> 00:00:04,000\nb\n",
                           encoding="utf-8")
    refused = _cli("convert", overlapping, tmp_path / "bad.vtt", "--lang", "ru")
    assert refused.returncode == 1 and "одновременно" in refused.stderr and not (tmp_path / "bad.vtt").exists()
