"""Real media files for tests, made with the bundled ffmpeg (used by tests/media and tests/rules).

``MediaFactory.get("vfr")`` makes the file the first time a test asks for it
and reuses it afterwards, so a test run builds only what the selected tests
need. The ``media`` fixture gives every test folder of one process the same
factory (each folder's conftest imports the fixtures below), so a file made
for tests/media is not made again for tests/rules.
Clips are tiny (a second or two, 320×180 where the test allows); only the
files that must pass the ATU policies are 1920×1080, and those last well
under a second.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

SMALL = "320x180"
FULL_HD = "1920x1080"


def _video(size: str = SMALL, rate: str = "25", seconds: float = 2, source: str = "testsrc") -> list[str]:
    # testsrc (not testsrc2): its moving patterns read as progressive to idet.
    return ["-f", "lavfi", "-i", f"{source}=s={size}:r={rate}:d={seconds}"]


def _tone(seconds: float = 2, rate: int = 48000, volume: float = 0.2) -> list[str]:
    # Speech-like: 0.3 s of tone, 0.1 s of near-silence at about −66 dBFS, so
    # the noise floor reads low as it does for a good recording with pauses.
    expr = f"{volume}*sin(2*PI*440*t)*lt(mod(t\\,0.4)\\,0.3)+0.0005*(2*random(0)-1)"
    return ["-f", "lavfi", "-i", f"aevalsrc={expr}|{expr}:s={rate}:d={seconds}"]


H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
AAC = ["-c:a", "aac", "-b:a", "128k"]
# Constant 10 Mbit/s with filler: meets the upload policy's 8 Mbit/s on any content.
H264_10M = H264 + ["-b:v", "10M", "-minrate", "10M", "-maxrate", "10M", "-bufsize", "2M", "-x264-params", "nal-hrd=cbr"]

# name -> (file name, ffmpeg arguments before the output). Each is a real file.
RECIPES: dict[str, tuple[str, list[str]]] = {
    # --- pass the policies
    "upload_good": ("upload_good.mp4", _video(FULL_HD, seconds=0.6) + _tone(0.6) + H264_10M + AAC + ["-ac", "2"]),
    "master_good": ("master_good.mov", _video(FULL_HD, seconds=0.4) + _tone(0.4)
                    + ["-c:v", "dnxhd", "-b:v", "120M", "-pix_fmt", "yuv422p", "-c:a", "pcm_s24le", "-ac", "2"]),
    # --- bad media (acceptance point 7)
    "audio_only": ("audio_only.m4a", _tone() + AAC),
    "video_only": ("video_only.mp4", _video() + H264),
    "vfr": ("vfr.mp4", _video(rate="30", seconds=3)
            + ["-vf", "setpts='if(lt(N,30),PTS,PTS*2)'", "-fps_mode", "vfr"] + H264),
    "interlaced": ("interlaced.mpg", _video(rate="50") + _tone()
                   + ["-vf", "tinterlace=mode=interleave_top,setfield=tff", "-c:v", "mpeg2video", "-q:v", "3",
                      "-flags", "+ildct+ilme", "-alternate_scan", "1", "-c:a", "mp2"]),
    "khz44": ("khz44.mp4", _video() + _tone(rate=44100) + H264 + AAC),
    "bit16": ("bit16.mov", _video() + _tone() + ["-c:v", "mjpeg", "-c:a", "pcm_s16le"]),
    "mono": ("mono.mp4", _video() + _tone() + H264 + AAC + ["-ac", "1"]),
    "p720": ("p720.mp4", _video("1280x720", seconds=0.4) + _tone(0.4) + H264_10M + AAC),
    "p25": ("p25.mp4", _video(rate="25") + _tone() + H264 + AAC),
    "p23976": ("p23976.mp4", _video(rate="24000/1001") + _tone() + H264 + AAC),
    "p15": ("p15.mp4", _video(rate="15") + _tone() + H264 + AAC),
    # --- intra-frame detection
    "long_gop": ("long_gop.mp4", _video() + _tone() + H264 + ["-g", "25", "-c:a", "pcm_s24le"]),
    "avc_intra": ("avc_intra.mp4", _video() + ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv422p10le",
                                               "-profile:v", "high422", "-x264-params", "keyint=1"]),
    "h264_gop1": ("h264_gop1.mp4", _video() + H264 + ["-x264-params", "keyint=1"]),
    "ffv1_plain": ("ffv1_plain.mkv", _video() + ["-c:v", "ffv1"]),
    "mjpeg": ("mjpeg.avi", _video() + ["-c:v", "mjpeg"]),
    "prores": ("prores.mov", _video() + ["-c:v", "prores_aw", "-profile:v", "2", "-pix_fmt", "yuv422p10le"]),
    "dv": ("dv.dv", _video("720x576", seconds=0.4) + ["-pix_fmt", "yuv420p", "-c:v", "dvvideo"]),
    # MXF states no frame rate mode (MD102 "unknown": the field named in words, with an MXF example)
    "mxf_master": ("mxf_master.mxf", _video(FULL_HD, seconds=0.4) + _tone(0.4)
                   + ["-c:v", "dnxhd", "-b:v", "120M", "-pix_fmt", "yuv422p", "-c:a", "pcm_s24le"]),
    # --- deep analysis
    "qc_clean": ("qc_clean.mp4", _video(seconds=3) + _tone(3) + H264 + AAC),
    "qc_blurred": ("qc_blurred.mp4", _video(seconds=2) + ["-vf", "gblur=sigma=6"] + H264),
    "qc_interlaced": ("qc_interlaced.mpg", _video(rate="50")
                      + ["-vf", "tinterlace=mode=interleave_top,setfield=tff", "-c:v", "mpeg2video", "-q:v", "3",
                         "-flags", "+ildct+ilme", "-alternate_scan", "1"]),
    "qc_noisy": ("qc_noisy.wav", ["-f", "lavfi", "-i",
                                  "aevalsrc=0.2*sin(2*PI*440*t)*lt(mod(t\\,0.4)\\,0.3)+0.03*(2*random(0)-1):s=48000:d=3",
                                  "-c:a", "pcm_s16le"]),
    "qc_quiet": ("qc_quiet.wav", _tone(3, volume=0.004) + ["-c:a", "pcm_s16le"]),
    # Left channel a full-scale clipped tone, right channel clean speech: per channel, not averaged.
    "qc_clip_left": ("qc_clip_left.wav", ["-f", "lavfi", "-i",
                                          "aevalsrc=clip(3*sin(2*PI*440*t)\\,-1\\,1)"
                                          "|0.2*sin(2*PI*440*t)*lt(mod(t\\,0.4)\\,0.3):s=48000:d=1",
                                          "-c:a", "pcm_s16le"]),
    "qc_mute": ("qc_mute.wav", ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "3", "-c:a", "pcm_s16le"]),
    # 70 s: a loud half and a quiet half, for the loudness range (measured on files ≥ 60 s).
    "qc_uneven": ("qc_uneven.m4a", ["-f", "lavfi", "-i",
                                    "aevalsrc=if(lt(t\\,35)\\,0.3\\,0.04)*sin(2*PI*440*t)*lt(mod(t\\,0.4)\\,0.3):s=48000:d=70",
                                    "-c:a", "aac", "-ac", "1"]),
    # --- durations (tiny pictures at 1 fps make long files cheap)
    "sixteen_minutes": ("sixteen_minutes.mp4", ["-f", "lavfi", "-i", "color=c=gray:s=64x36:r=1:d=960",
                                                "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "960"]
                        + H264 + ["-c:a", "aac", "-b:a", "16k"]),
    "four_minutes": ("four_minutes.mp4", ["-f", "lavfi", "-i", "color=c=gray:s=64x36:r=1:d=240"] + H264),
    # --- transcoding (tests/transcode): a 1080i25 ProRes camera master with stereo 24-bit sound
    "master_1080i": ("master_1080i.mov", _video(FULL_HD, rate="50", seconds=0.6) + _tone(0.6)
                     + ["-vf", "tinterlace=mode=interleave_top,setfield=tff", "-c:v", "prores_ks", "-profile:v", "2",
                        "-flags", "+ildct+ilme", "-c:a", "pcm_s24le", "-ac", "2"]),
    "ninety_seconds": ("ninety_seconds.mp4", ["-f", "lavfi", "-i", "color=c=gray:s=64x36:r=1:d=90"] + H264),
}


def _faults_recipe() -> tuple[str, list[str]]:
    """6 s: picture 0–2 s test card, 2–4 s black, 4–6 s one frozen frame; sound
    0–2 s clipped full-scale tone, 2–4 s digital silence, 4–6 s speech-like tone."""
    clipped = "clip(3*sin(2*PI*440*t)\\,-1\\,1)"
    speech = "0.2*sin(2*PI*440*t)*lt(mod(t\\,0.4)\\,0.3)+0.0005*(2*random(0)-1)"
    sound = f"if(lt(t\\,2)\\,{clipped}\\,if(lt(t\\,4)\\,0\\,{speech}))"
    graph = ("[0:v]split=2[card][still];[card]trim=0:2,setpts=PTS-STARTPTS[a];"
             "[1:v]trim=0:2,setpts=PTS-STARTPTS[b];"
             "[still]trim=start_frame=0:end_frame=1,loop=loop=49:size=1,setpts=N/25/TB[c];"
             "[a][b][c]concat=n=3:v=1:a=0,format=yuv420p[v]")
    return ("qc_faults.mp4", _video(seconds=2) + ["-f", "lavfi", "-i", f"color=c=black:s={SMALL}:r=25:d=2",
                                                   "-f", "lavfi", "-i", f"aevalsrc={sound}|{sound}:s=48000:d=6",
                                                   "-filter_complex", graph, "-map", "[v]", "-map", "2:a"]
            + H264 + ["-c:a", "pcm_s16le"])


RECIPES["qc_faults"] = _faults_recipe()


class MediaFactory:
    """Builds each recipe once, on first use; also makes the broken files."""

    def __init__(self, folder: Path, ffmpeg: str):
        self.folder = folder
        self.ffmpeg = ffmpeg
        self._made: dict[str, Path] = {}

    def get(self, name: str) -> Path:
        if name in self._made:
            return self._made[name]
        maker = getattr(self, f"_make_{name}", None)
        path = maker() if maker else self._encode(*RECIPES[name])
        self._made[name] = path
        return path

    def _encode(self, filename: str, args: list[str]) -> Path:
        target = self.folder / filename
        subprocess.run([self.ffmpeg, "-v", "error", "-nostdin", "-y", *args, str(target)], check=True,
                       capture_output=True)
        return target

    def _make_zero(self) -> Path:
        target = self.folder / "zero.mp4"
        target.write_bytes(b"")
        return target

    def _make_text(self) -> Path:
        target = self.folder / "notes.mp4"
        target.write_text("Бұл бейне емес, мәтін.\n", encoding="utf-8")
        return target

    def _make_truncated(self) -> Path:
        """An MP4 cut in half after its index (an interrupted copy of a faststart file)."""
        whole = self._encode("whole.mp4", _video(seconds=2) + _tone() + H264 + AAC + ["-movflags", "+faststart"])
        target = self.folder / "truncated.mp4"
        data = whole.read_bytes()
        target.write_bytes(data[: len(data) // 2])
        return target

    def _make_truncated_tail(self) -> Path:
        """An MP4 whose index (at the end) never got written."""
        whole = self.get("p25")
        target = self.folder / "truncated_tail.mp4"
        target.write_bytes(whole.read_bytes()[:20000])
        return target

    def copy(self, name: str, destination: Path) -> Path:
        """A copy of a made file at ``destination`` (a course's own file)."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(self.get(name).read_bytes())
        return destination


def write_media_course(root: Path, media: MediaFactory, *, videos: dict | None = None, promo: str | None = "p25",
                       closing: str | None = None) -> Path:
    """A course (tests/course_factory.py) whose lesson videos and promo are real files.

    ``videos`` maps (module, lesson) numbers to a list of {"file": recipe, "master": recipe}.
    Lessons not named keep their video links; ``promo`` None keeps the factory's stand-in;
    ``closing`` names the recipe of a closing video (form 08), promo/closing.*.
    """
    from course_factory import good_descriptor, write_course

    data = good_descriptor()
    copies: dict[str, str] = {}
    for (m, lesson), items in (videos or {}).items():
        entries = []
        for k, item in enumerate(items):
            entry = {"title": f"Дәріс {m}.{lesson}.{k + 1}"}
            for role, recipe in item.items():
                suffix = Path(RECIPES[recipe][0]).suffix if recipe in RECIPES else ".mp4"
                folder = f"module-{m:02d}/lesson-{lesson:02d}" + ("/masters" if role == "master" else "")
                rel = f"{folder}/lecture-{k + 1}{suffix}"
                entry[role] = rel
                copies[rel] = recipe
            entries.append(entry)
        data["modules"][m - 1]["lessons"][lesson - 1]["videos"] = entries
    if promo is not None:
        data["promo_video"] = "promo/promo" + (Path(RECIPES[promo][0]).suffix if promo in RECIPES else ".mp4")
        copies[data["promo_video"]] = promo
    if closing is not None:
        data["closing_video"] = "promo/closing" + (Path(RECIPES[closing][0]).suffix if closing in RECIPES else ".mp4")
        copies[data["closing_video"]] = closing
    write_course(root, data)
    for rel, recipe in copies.items():
        media.copy(recipe, root / rel)
    return root


_SHARED: list[MediaFactory] = []


@pytest.fixture(scope="session")
def media(tmp_path_factory, ffmpeg) -> MediaFactory:
    """The process's one factory (pytest-xdist runs one process per worker)."""
    if not _SHARED:
        _SHARED.append(MediaFactory(tmp_path_factory.mktemp("media"), ffmpeg))
    return _SHARED[0]


@pytest.fixture(autouse=True)
def private_user_cache(tmp_path, monkeypatch):
    """Loose files are cached in the user's cache folder (`moocforge media`, `quiz lint`): keep tests out of ~/.cache."""
    monkeypatch.setenv("MOOCFORGE_CACHE_DIR", str(tmp_path / "user-cache"))


def realtime_ffmpeg(folder: Path, ffmpeg: str) -> Path:
    """An ffmpeg that reads its input at the media's own speed (``-re``): a 16-minute file
    takes 16 minutes to process, so nothing can finish before a test's signal arrives."""
    wrapper = folder / "ffmpeg-realtime"
    wrapper.write_text(f'#!/bin/sh\nexec "{ffmpeg}" -re "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


def ffmpegs_naming(folder: Path) -> list[int]:
    """Process ids of running ffmpegs whose command line names a file in ``folder`` (Linux /proc)."""
    import os

    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if str(folder) in command and "ffmpeg" in command:
            found.append(int(entry.name))
    return found


# moocforge as a terminal starts it: Ctrl-C delivered. A child inherits an ignored or
# blocked SIGINT from its parent (shells do this for background jobs, xdist workers ignore
# it, and a test runner may be in a C system() call in another thread at the moment of the
# fork), and Python then leaves it ignored: the signal a test sends would never arrive.
_LAUNCH_AS_FROM_A_TERMINAL = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
    "runpy.run_module('moocforge', run_name='__main__', alter_sys=True)")


def signal_once_two_ffmpegs_run(args: list, env: dict, folder: Path, signal_name: str) -> tuple[int, str, str]:
    """Run ``moocforge ARGS``, wait (up to a minute) until two ffmpegs name ``folder``, send the
    signal and return (exit code, stdout, stderr) once moocforge has stopped.

    Whatever goes wrong, neither moocforge nor its ffmpegs are left running.
    """
    import os
    import signal
    import sys
    import time

    proc = subprocess.Popen([sys.executable, "-c", _LAUNCH_AS_FROM_A_TERMINAL, *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while len(ffmpegs_naming(folder)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert len(ffmpegs_naming(folder)) == 2, "two ffmpegs did not start"
        proc.send_signal(getattr(signal, signal_name))
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
            for pid in ffmpegs_naming(folder):
                os.kill(pid, signal.SIGKILL)
    return proc.returncode, stdout, stderr


def ffmpegs_left(folder: Path, seconds: float = 10) -> list[int]:
    """The ffmpegs still naming ``folder`` after waiting up to ``seconds`` for them to go."""
    import time

    deadline = time.monotonic() + seconds
    while ffmpegs_naming(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    return ffmpegs_naming(folder)
