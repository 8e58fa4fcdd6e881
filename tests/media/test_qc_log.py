"""Reading ffmpeg's log of the analysis pass, and the pass's arguments."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from moocforge.i18n import LANGUAGES, catalogue, missing_translations
from moocforge.media import units
from moocforge.media.qc import QcAnalysis, QcSettings, build_arguments, parse_log
from moocforge.profiles import load_profile

LOG = """\
[h264 @ 0x1] error while decoding MB 3 4
[silencedetect@qc @ 0x2] silence_start: 252.3
[silencedetect@qc @ 0x2] silence_end: 271.4 | silence_duration: 19.1
[silencedetect@qc @ 0x2] silence_start: 1190
[blackdetect@qc @ 0x3] black_start:10 black_end:12.5 black_duration:2.5
[freezedetect@qc @ 0x4] lavfi.freezedetect.freeze_start: 10
[freezedetect@qc @ 0x4] lavfi.freezedetect.freeze_end: 12.5
[freezedetect@qc @ 0x4] lavfi.freezedetect.freeze_start: 600
[freezedetect@qc @ 0x4] lavfi.freezedetect.freeze_end: 700
[metadata@blur @ 0x5] lavfi.blur=5.0
[metadata@blur @ 0x5] lavfi.blur=-nan
[metadata@blur @ 0x5] lavfi.blur=7.0
[metadata@blur @ 0x5] lavfi.blur=6.0
[astats@floor @ 0x6] Noise floor dB: -58.25
[astats@clip @ 0x7] Channel: 1
[astats@clip @ 0x7] Min level: -32768.000000
[astats@clip @ 0x7] Max level: 32767.000000
[astats@clip @ 0x7] Peak count: 412
[astats@clip @ 0x7] Abs Peak count: 200
[astats@clip @ 0x7] Channel: 2
[astats@clip @ 0x7] Min level: -20000.000000
[astats@clip @ 0x7] Max level: 21000.000000
[astats@clip @ 0x7] Peak count: 2
[astats@clip @ 0x7] Abs Peak count: 1
[idet@qc @ 0x8] Multi frame detection: TFF:     0 BFF:     0 Progressive:     0 Undetermined:     0
[idet@qc @ 0x8] Multi frame detection: TFF:     3 BFF:     1 Progressive:    96 Undetermined:     0
[ebur128@qc @ 0x9] Summary:
    I:         -19.4 LUFS
    LRA:         7.1 LU
    Peak:       -0.4 dBFS
"""


def test_the_log_becomes_figures():
    analysis = QcAnalysis(path="x.mp4", duration=1200.0)
    parse_log(LOG.splitlines(), analysis)
    assert (analysis.integrated_lufs, analysis.loudness_range_lu, analysis.true_peak_dbtp) == (-19.4, 7.1, -0.4)
    assert analysis.silences == [[252.3, 271.4], [1190.0, 1200.0]]  # still silent at the end: closed there
    assert analysis.blacks == [[10.0, 12.5]] and analysis.freezes == [[10.0, 12.5], [600.0, 700.0]]
    assert analysis.blur == 6.0  # the median; a black frame's "nan" is no figure
    assert analysis.noise_floor_dbfs == -58.25
    assert analysis.clipped_per_channel == [412, 0] and analysis.worst_clipping == (1, 412)  # not averaged to 206
    assert analysis.interlace == {"tff": 3, "bff": 1, "progressive": 96, "undetermined": 0}
    assert analysis.interlaced_ratio == 0.04
    assert analysis.decode_errors == 1 and "error while decoding" in analysis.decode_error_examples[0]


def _clip_log(*channels: dict[str, float]) -> list[str]:
    lines = []
    for number, figures in enumerate(channels, start=1):
        lines.append(f"[astats@clip @ 0x7] Channel: {number}")
        lines += [f"[astats@clip @ 0x7] {name}: {value}" for name, value in figures.items()]
    return lines


def test_peaks_below_full_scale_are_not_clipping():
    analysis = QcAnalysis(path="x")
    parse_log(_clip_log({"Min level": -20000.0, "Max level": 21000.0, "Peak count": 2}), analysis)
    assert analysis.clipped_per_channel == [0]


def test_one_rail_counts_only_the_samples_at_that_rail():
    """Clipped at the top only: the channel's minimum is ordinary sound, not clipping."""
    analysis = QcAnalysis(path="x")
    parse_log(_clip_log({"Min level": -16384.0, "Max level": 32767.0, "Peak count": 80640, "Abs Peak count": 37680},
                        {"Min level": -32768.0, "Max level": 22938.0, "Peak count": 78560, "Abs Peak count": 37680}),
              analysis)
    assert analysis.clipped_per_channel == [37680, 37680]


def test_an_ffmpeg_without_abs_peak_count_still_counts_per_channel():
    analysis = QcAnalysis(path="x")
    parse_log(_clip_log({"Min level": -32768.0, "Max level": 32767.0, "Peak count": 75360},
                        {"Min level": -6554.0, "Max level": 6554.0, "Peak count": 480}), analysis)
    assert analysis.clipped_per_channel == [75360, 0] and analysis.worst_clipping == (1, 75360)


def test_clipping_is_measured_per_channel_in_the_graph():
    graph = build_arguments("x.wav", has_video=False, has_audio=True,
                            settings=QcSettings.from_profile(load_profile()))
    clip = next(part for part in graph[graph.index("-filter_complex") + 1].split(",") if part.startswith("astats@clip"))
    assert "measure_overall=none" in clip and "measure_perchannel=Min_level+Max_level+Peak_count" in clip


def test_too_few_decided_frames_give_no_interlace_verdict():
    analysis = QcAnalysis(path="x", interlace={"tff": 3, "bff": 0, "progressive": 2, "undetermined": 40})
    assert analysis.interlaced_ratio is None


def test_arguments_are_a_list_with_a_safe_input_and_only_present_streams(tmp_path):
    odd = tmp_path / "-i lecture; rm x.mp4"
    args = build_arguments(odd, has_video=False, has_audio=True, settings=dataclasses.replace(QcSettings.from_profile(load_profile()), silence_min_seconds=7))
    assert args[args.index("-i") + 1] == "file:" + str(odd.resolve())
    graph = args[args.index("-filter_complex") + 1]
    assert "0:v" not in graph and "silencedetect@qc=n=-50.0dB:d=7" in graph
    assert args[-3:] == ["-f", "null", "-"] and ["-map", "[qc_ao]"] == args[-5:-3]


def test_settings_come_from_the_profile():
    from moocforge.profiles import load_profile

    settings = QcSettings.from_profile(load_profile())
    assert settings.silence_min_seconds == 10 and settings.black_min_seconds == 2 and settings.freeze_min_seconds == 60


def test_figures_are_written_for_people():
    assert units.clock(252) == "04:12" and units.clock(3723) == "1:02:03" and units.stretch(252, 271) == "04:12–04:31"
    assert units.mbit(52_300_000) == "52.3" and units.khz(44100) == "44.1"
    assert units.minutes(930) == "15.5" and units.minutes(960) == "16" and units.plain(23.976024) == "23.976"


@pytest.mark.parametrize("num_bytes, lang, text", [
    (812_400_000, "en", "812.4 MB"),  # decimal, like Mbit/s: not 774.8 "MB" of 2^20 bytes
    (60_000_000, "en", "60.0 MB"),  # 8 Mbit/s for 60 s
    (999_960, "en", "1.0 MB"),
    (4_700_000_000, "ru", "4.7 ГБ"),
    (175_100, "kk", "175.1 кБ"),
    (512, "en", "512 B"),
])
def test_sizes_are_decimal_like_bit_rates_and_translated(num_bytes, lang, text):
    assert units.size(num_bytes, lang) == text


def test_media_words_are_translated():
    keys = [key for key in catalogue() if key.startswith("media.")]
    assert keys and missing_translations(keys, LANGUAGES) == []


def test_cache_folder_is_ignored_by_git():
    gitignore = Path(__file__).resolve().parents[2] / ".gitignore"
    if not gitignore.is_file():
        pytest.skip("not a git checkout")
    assert ".moocforge-cache/" in gitignore.read_text(encoding="utf-8")
