"""Records that make a re-run skip finished work.

When an output has been verified and renamed, a record is stored in the
output folder's cache (``DIR/.moocforge-cache/transcode``): keyed by the
source as it was (path, size, modification time), the output and every
setting that shapes it, and holding the output's own size and modification
time. An output is up to date when such a record exists and the file is
still the one recorded, so:

- an interrupted batch resumes where it stopped, and a finished one encodes
  nothing when run again;
- a master exported again, a changed preset or loudness target, or an
  output someone replaced, is made again;
- the record travels with the outputs: nodes of a cluster writing into one
  shared output folder see each other's work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..cache import CACHE_FOLDER_NAME, ResultCache, file_identity
from .plan import CAPTIONS, MAIN, POSTER, OutputSpec, TranscodeJob

RECORD_KIND = "transcode"
# Bump when the commands change what an output is: every output is then made again.
RECORD_VERSION = "transcode 1"


def record_cache(out_dir: str | Path, *, write: bool = True) -> ResultCache:
    return ResultCache(Path(out_dir) / CACHE_FOLDER_NAME, write=write)


def _settings(job: TranscodeJob, output: OutputSpec) -> dict[str, Any]:
    preset = job.preset.to_data()
    for cosmetic in ("title", "description"):
        preset.pop(cosmetic, None)
    settings: dict[str, Any] = {"output": output.path, "role": output.role, "name": output.name, "preset": preset,
                                "loudness": job.loudness.__dict__ if job.loudness else None}
    if output.role == CAPTIONS:
        settings["captions"] = [file_identity(Path(p)) for p in job.captions]
    if output.role == POSTER:
        # A poster is taken from the main output: a new main output needs a new poster.
        main = job.outputs_of(MAIN)[0]
        settings["from"] = file_identity(job.target(main))
    return settings


def _output_state(path: Path) -> dict[str, Any] | None:
    identity = file_identity(path)
    return {"size": identity["size"], "mtime_ns": identity["mtime_ns"]} if identity else None


def recorded(cache: ResultCache, job: TranscodeJob, output: OutputSpec) -> dict[str, Any] | None:
    """The record of this very file, made from this source with these settings and verified; else None."""
    if job.force:
        return None
    source = file_identity(Path(job.source))
    state = _output_state(job.target(output))
    if source is None or state is None:
        return None
    record = cache.lookup(RECORD_KIND, source, RECORD_VERSION, _settings(job, output))
    if not isinstance(record, dict) or {k: record.get(k) for k in state} != state:
        return None
    return record


def remember(cache: ResultCache, job: TranscodeJob, output: OutputSpec, details: dict[str, Any] | None = None) -> None:
    """Record a verified output under its final name, with what the report said of it (shown again on a re-run)."""
    state = _output_state(job.target(output))
    if state is not None:
        cache.store(RECORD_KIND, file_identity(Path(job.source)), RECORD_VERSION, _settings(job, output),
                    {**(details or {}), **state})
