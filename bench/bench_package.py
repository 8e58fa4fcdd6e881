"""Time and peak memory of packaging a course with gigabytes of embedded video, against `tar czf`.

`moocforge package --target openedx --embed-videos` streams every file
through gzip in 1 MiB chunks, so its memory must not grow with the videos.
The course is the sample course with each lecture video replaced by a large
file (``MOOCFORGE_BENCH_PACKAGE_GB``, default 3 GB in all) of a repeated
64 MiB random block: as incompressible as real H.264 to gzip (its window is
32 KiB), yet cheap to write.

Rows:
- time to package (the archive alone, after the pre-flight check) against
  `tar czf` of the same files (both gzip level 6): ratio = ours / tar;
- peak resident memory added by packaging (the process's maximum RSS after
  minus before), against `tar czf`'s own maximum RSS (tar + gzip);
- flatness: the memory added for the full size against a third of it
  (target ≈ 1: memory does not follow the video size);
- Python heap peak while packaging (tracemalloc), for the record.
Each packaging runs in a child process so that its maximum RSS is its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "sample_course"
BLOCK = 64 << 20
GB = 1 << 30

_CHILD = r"""
import json, resource, sys, time, tracemalloc
from moocforge.package.preflight import preflight
from moocforge.package.openedx import OpenEdxOptions, package_openedx
course, out = sys.argv[1], sys.argv[2]
result = preflight(course, "openedx", force=True)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
started = time.perf_counter()
package_openedx(result, OpenEdxOptions(org="B", number="N", run="R", embed_videos=True), out, size_limit_mb=0)
elapsed = time.perf_counter() - started
heap = tracemalloc.get_traced_memory()[1]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "added_kb": after - before, "max_kb": after, "heap": heap}))
"""


def _course(folder: Path, total_bytes: int) -> Path:
    course = Path(shutil.copytree(SAMPLE, folder / "course"))
    videos = sorted(course.glob("module-*/lesson-*/*.mp4"))
    block = os.urandom(BLOCK)
    each = total_bytes // len(videos)
    for video in videos:
        with open(video, "wb") as handle:
            written = 0
            while written < each:
                handle.write(block[: min(BLOCK, each - written)])
                written += min(BLOCK, each - written)
    return course


def _package(course: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(course), str(out)], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"packaging failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# tar runs under its own small parent, so the maximum RSS read is tar's and gzip's alone.
_TAR = r"""
import resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(["tar", "czf", sys.argv[1], "-C", sys.argv[2], sys.argv[3]], check=True)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _tar(course: Path, out: Path) -> tuple[float, int]:
    done = subprocess.run([sys.executable, "-c", _TAR, str(out), str(course.parent), course.name],
                          capture_output=True, text=True, check=True)
    seconds, kb = done.stdout.split()
    return float(seconds), int(kb)


def run() -> list[dict]:
    if not (SAMPLE / "course.yaml").is_file() or shutil.which("tar") is None:
        return [{"name": "package openedx --embed-videos", "value": None, "anchor": "sample_course or tar missing"}]
    total = int(float(os.environ.get("MOOCFORGE_BENCH_PACKAGE_GB", "3")) * GB)
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        small = _package(_course(root / "small", total // 3), root / "small.tar.gz")
        shutil.rmtree(root / "small")
        course = _course(root / "full", total)
        ours = _package(course, root / "ours.tar.gz")
        (root / "ours.tar.gz").unlink()
        tar_seconds, tar_kb = _tar(course, root / "tar.tar.gz")
        size = f"{total / GB:.1f} GB"
        rows += [
            {"name": f"package openedx --embed-videos ({size}): time", "value": ours["seconds"], "unit": "s",
             "anchor": "tar czf of the same files", "anchor_value": tar_seconds,
             "ratio": ours["seconds"] / tar_seconds, "target": "≤ 1.3×"},
            {"name": f"package openedx --embed-videos ({size}): maximum RSS (Python, check and all)",
             "value": ours["max_kb"] / 1024, "unit": "MB", "anchor": "tar czf maximum RSS (tar + gzip)",
             "anchor_value": tar_kb / 1024, "ratio": ours["max_kb"] / max(tar_kb, 1),
             "target": "flat in the video size"},
            {"name": f"package openedx ({size}): memory added by writing the archive", "value": ours["added_kb"] / 1024,
             "unit": "MB", "anchor": f"the same at {total / 3 / GB:.1f} GB", "anchor_value": small["added_kb"] / 1024,
             "ratio": (ours["added_kb"] + 1) / (small["added_kb"] + 1), "target": "≈ 1 (flat, near 0)"},
            {"name": f"package openedx ({size}): maximum RSS vs a third of the size", "value": ours["max_kb"] / 1024,
             "unit": "MB", "anchor": f"packaging {total / 3 / GB:.1f} GB", "anchor_value": small["max_kb"] / 1024,
             "ratio": ours["max_kb"] / max(small["max_kb"], 1), "target": "≈ 1 (flat)"},
            {"name": f"package openedx ({size}): Python heap peak (tracemalloc)", "value": ours["heap"] / 2**20,
             "unit": "MB", "anchor": f"the same at {total / 3 / GB:.1f} GB", "anchor_value": small["heap"] / 2**20,
             "ratio": ours["heap"] / max(small["heap"], 1), "target": "≈ 1 (flat)"},
        ]
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
