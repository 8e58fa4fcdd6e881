"""The plan of a transcode: one self-contained job per video.

A ``TranscodeJob`` holds everything needed to make one video's outputs: the
source, the whole preset, the loudness target, the output folder and each
output's path, the facts read from the source when planning, and how many
threads its ffmpeg may use. It is plain data: ``to_line`` gives one JSON
line, ``from_line`` reads it back, so the same job runs here, on a Dask
worker, or in any batch system (``--emit-plan`` / ``--run-job``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..cache import file_identity
from ..errors import UserError
from ..media.probe import MediaFacts
from .preset import Preset
from .sources import SourceVideo

JOB_FORMAT = 1  # bump when a job line changes shape; --run-job refuses other formats
MAIN, RENDITION, CAPTIONS, POSTER = "main", "rendition", "captions", "poster"
VIDEO_ROLES = (MAIN, RENDITION)


class JobLineError(UserError):
    """A --run-job line that is not a job of this moocforge."""


@dataclass(frozen=True)
class OutputSpec:
    """One file a job makes: its role, its name within the role (720p, srt) and its path under --out."""

    role: str  # main | rendition | captions | poster
    name: str
    path: str  # '/'-separated, relative to the output folder


@dataclass(frozen=True)
class Loudness:
    """EBU R128 two-pass normalisation: integrated loudness (LUFS), true-peak limit (dBTP), loudness range (LU)."""

    target: float
    true_peak: float = -1.5
    range: float = 11.0


@dataclass
class TranscodeJob:
    label: str
    source: str  # absolute path
    out_dir: str  # absolute path
    outputs: list[OutputSpec]
    preset: Preset
    captions: list[str] = field(default_factory=list)  # caption sources, absolute
    loudness: Loudness | None = None
    threads: int | None = None  # ffmpeg -threads; None lets ffmpeg decide
    facts: MediaFacts | None = None  # read when planning
    source_identity: dict[str, Any] | None = None  # the source as it was when planned
    problem: str | None = None  # a source that cannot be used (missing, outside the course)
    force: bool = False  # make every output again, even those up to date

    # ------------------------------------------------------------ paths and figures

    def target(self, output: OutputSpec) -> Path:
        return Path(self.out_dir, *output.path.split("/"))

    def outputs_of(self, *roles: str) -> list[OutputSpec]:
        return [output for output in self.outputs if output.role in roles]

    @property
    def duration(self) -> float | None:
        return self.facts.duration if self.facts is not None else None

    @property
    def passes(self) -> int:
        """Decoding passes over the source: a loudness measurement adds one."""
        return 2 if self.loudness is not None else 1

    # ------------------------------------------------------------ one line of JSON

    def to_data(self) -> dict[str, Any]:
        return {
            "format": JOB_FORMAT, "label": self.label, "source": self.source, "out_dir": self.out_dir,
            "outputs": [asdict(o) for o in self.outputs], "preset": self.preset.to_data(),
            "captions": self.captions, "loudness": asdict(self.loudness) if self.loudness else None,
            "threads": self.threads, "facts": self.facts.to_dict() if self.facts else None,
            "source_identity": self.source_identity, "problem": self.problem, "force": self.force,
        }

    def to_line(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "TranscodeJob":
        if not isinstance(data, dict) or data.get("format") != JOB_FORMAT:
            raise JobLineError("transcode.job_line.format", found=str(data.get("format") if isinstance(data, dict)
                                                                      else type(data).__name__),
                               expected=JOB_FORMAT, hint="transcode.job_line.hint")
        try:
            return cls(label=data["label"], source=data["source"], out_dir=data["out_dir"],
                       outputs=[OutputSpec(**o) for o in data["outputs"]], preset=Preset.from_data(data["preset"]),
                       captions=list(data.get("captions") or []),
                       loudness=Loudness(**data["loudness"]) if data.get("loudness") else None,
                       threads=data.get("threads"),
                       facts=MediaFacts.from_dict(data["facts"]) if data.get("facts") else None,
                       source_identity=data.get("source_identity"), problem=data.get("problem"),
                       force=bool(data.get("force")))
        except (KeyError, TypeError, ValidationError) as exc:
            raise JobLineError("transcode.job_line.invalid", detail=f"{type(exc).__name__}: {exc}"[:200],
                               hint="transcode.job_line.hint") from None

    @classmethod
    def from_line(cls, line: str) -> "TranscodeJob":
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise JobLineError("transcode.job_line.not_json", detail=str(exc), hint="transcode.job_line.hint") from None
        return cls.from_data(data)


# ---------------------------------------------------------------- planning

def outputs_for(video: SourceVideo, preset: Preset) -> list[OutputSpec]:
    """The files a preset makes of one video, named by the output layout (docs/transcode.md)."""
    stem = video.output_stem
    outputs = [OutputSpec(MAIN, "", f"{stem}.mp4")]
    outputs += [OutputSpec(RENDITION, r.name, f"{stem}_{r.name}.mp4") for r in preset.renditions]
    if video.captions:
        outputs += [OutputSpec(CAPTIONS, fmt, f"{stem}.{fmt}") for fmt in preset.captions]
    if preset.poster is not None:
        outputs.append(OutputSpec(POSTER, "jpg", f"{stem}.jpg"))
    return outputs


def threads_per_job(parallel_jobs: int) -> int:
    """ffmpeg threads for each of N parallel jobs, so that N × threads ≈ the machine's cores."""
    return max(1, (os.cpu_count() or 1) // max(1, parallel_jobs))


def plan_jobs(videos: list[SourceVideo], preset: Preset, out_dir: Path, facts: dict[Path, MediaFacts], *,
              loudness: Loudness | None = None, threads: int | None = None, force: bool = False) -> list[TranscodeJob]:
    """One job per video, in the order the videos were found."""
    out = str(out_dir.resolve())
    return [TranscodeJob(label=video.label, source=str(video.path), out_dir=out, outputs=outputs_for(video, preset),
                         preset=preset, captions=[str(p) for p in video.captions], loudness=loudness,
                         threads=threads, facts=facts.get(video.path),
                         source_identity=file_identity(video.path) if video.problem is None else None,
                         problem=video.problem, force=force)
            for video in videos]
