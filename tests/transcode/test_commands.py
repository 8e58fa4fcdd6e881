"""Acceptance 2 and 3: ffmpeg argument lists, deinterlacing, frame rates, threads, loudness passes."""

from __future__ import annotations

import os
from pathlib import Path

from moocforge.media.probe import AudioFacts, MediaFacts, VideoFacts
from moocforge.transcode.commands import encode_arguments, measure_arguments, poster_arguments
from moocforge.transcode.plan import Loudness, plan_jobs, threads_per_job
from moocforge.transcode.preset import load_preset
from moocforge.transcode.sources import SourceVideo


def _job(preset="atu-upload", scan="Progressive", rate=25.0, loudness=None, threads=2, name="-y lecture.mov"):
    facts = MediaFacts(path=name, duration=10.0, video=VideoFacts(scan_type=scan, frame_rate=rate, width=1920,
                                                                 height=1080),
                       audio=AudioFacts(channels=1, sampling_rate=44100))
    video = SourceVideo(Path("/studio") / name, name, Path(name).stem)
    return plan_jobs([video], load_preset(preset), Path("/out"), {video.path: facts}, loudness=loudness,
                     threads=threads)[0]


def _args(job, measured=None):
    targets = [(o, Path(f"/out/.{o.path}.part")) for o in job.outputs if o.role in ("main", "rendition")]
    return encode_arguments(job, targets, measured)


def _graph(args):
    return args[args.index("-filter_complex") + 1]


def _after(args, option):
    return [args[i + 1] for i, a in enumerate(args) if a == option]


def test_atu_upload_is_h264_high_bt709_closed_gop_faststart_aac_48k_stereo():
    args = _args(_job())
    assert _after(args, "-c:v") == ["libx264"] and _after(args, "-profile:v") == ["high"]
    assert "format=yuv420p" in _graph(args) and "out_color_matrix=bt709" in _graph(args)
    assert _after(args, "-colorspace") == ["bt709"] and _after(args, "-color_primaries") == ["bt709"]
    assert _after(args, "-flags") == ["+cgop"] and _after(args, "-g") == ["50"]  # 2 s at 25 fps
    assert _after(args, "-movflags") == ["+faststart"] and _after(args, "-f") == ["mp4"]
    assert _after(args, "-b:v") == ["10M"] and _after(args, "-minrate") == ["10M"]  # ≥ 8 Mbit/s on any picture
    assert _after(args, "-c:a") == ["aac"] and _after(args, "-profile:a") == ["aac_low"]
    assert _after(args, "-ar") == ["48000"] and _after(args, "-ac") == ["2"]
    assert "aformat=channel_layouts=stereo:sample_rates=48000" in _graph(args)  # mono mixed to stereo, resampled


def test_inputs_are_absolute_file_urls_so_odd_names_stay_names():
    args = _args(_job(name="-y lecture.mov"))
    assert _after(args, "-i") == ["file:/studio/-y lecture.mov"]
    assert args[-2].startswith("file:/out/") and args[-1] == "-y"


def test_interlaced_sources_are_deinterlaced_keeping_the_frame_rate():
    interlaced = _graph(_args(_job(scan="Interlaced")))
    assert "bwdif=deint=all:mode=send_frame" in interlaced and "fps=" not in interlaced
    assert "bwdif" not in _graph(_args(_job(scan="Progressive")))
    # MBAFF or unstated: only the frames flagged interlaced are treated
    assert "bwdif=deint=interlaced" in _graph(_args(_job(scan=None)))


def test_the_frame_rate_is_kept_unless_the_preset_says_otherwise(tmp_path):
    assert _after(_args(_job(rate=23.976)), "-g") == ["48"]
    assert "fps=" not in _graph(_args(_job(rate=29.97)))
    preset = tmp_path / "p.yaml"
    preset.write_text("video: {width: 1280, height: 720, bitrate: 4M, frame_rate: 25}\n", encoding="utf-8")
    args = _args(_job(preset=str(preset), rate=50.0))
    assert "fps=25" in _graph(args) and _after(args, "-g") == ["50"]


def test_one_decode_feeds_every_rendition():
    args = _args(_job("openedx"))
    assert args.count("-i") == 1 and "split=3" in _graph(args) and "asplit=3" in _graph(args)
    assert [a for a in args if a.startswith("file:/out/")] == \
        ["file:/out/.-y lecture.mp4.part", "file:/out/.-y lecture_720p.mp4.part", "file:/out/.-y lecture_360p.mp4.part"]


def test_threads_are_shared_between_parallel_jobs():
    cores = os.cpu_count() or 1
    assert threads_per_job(1) == cores and threads_per_job(cores * 4) == 1
    assert _after(_args(_job("openedx", threads=3)), "-threads") == ["3", "3", "3"]


def test_loudness_is_measured_then_applied_with_a_true_peak_limit():
    job = _job(loudness=Loudness(-16, true_peak=-1.5))
    measuring = _graph(measure_arguments(job))
    assert "loudnorm=I=-16" in measuring and "TP=-1.5" in measuring and "print_format=json" in measuring
    from moocforge.transcode.commands import LoudnessMeasurement

    applying = _graph(_args(job, LoudnessMeasurement(-23.1, -4.2, 6.0, -33.5, 0.3)))
    assert "measured_I=-23.1" in applying and "linear=true" in applying and "TP=-1.5" in applying
    assert "loudnorm" not in _graph(_args(job, None))  # silence is left alone


def test_the_poster_is_one_jpeg_frame_of_the_output():
    args = poster_arguments(Path("/out/a.mp4"), Path("/out/.a.jpg.part"), 1280, 12.5)
    assert _after(args, "-ss") == ["12.500"] and _after(args, "-vframes") == ["1"] and "scale=h=-2:w=1280" in _graph(args)
