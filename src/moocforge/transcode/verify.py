"""Every output is probed and tested before it gets its final name.

Two policies judge a video output, both evaluated by ``media.policy``:

- what the preset asked for, as a policy built here: H.264 in MP4, the size,
  progressive scan, the frame rate, 4:2:0 8-bit, AAC at the preset's rate
  and channels, and a duration that matches the source's (an encode that
  stopped early is caught here, whatever ffmpeg's exit code said);
- for the main output, the media policy the preset names (``atu-upload``:
  ATU §9.1–9.2 as data).

A test that fails at error severity fails the output; warnings (23.976 fps
where §9.1.7 says 24) are kept in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Severity
from ..media.policy import UNKNOWN, FieldVerdict, Policy, PolicyTest, evaluate, field_label_key, field_verdicts, \
    load_policy
from ..media.probe import MediaFacts, probe_media
from .commands import output_frame_rate
from .plan import MAIN, OutputSpec, TranscodeJob

# A re-encode may differ from its source by a frame or two of padding; more is a cut.
DURATION_TOLERANCE_SECONDS = 0.5
DURATION_TOLERANCE_SHARE = 0.01


def _test(name: str, field_name: str, operator: str, value: Any) -> PolicyTest:
    return PolicyTest(id=name, field=field_name, operator=operator, value=value, severity=Severity.ERROR)


def expected_policy(job: TranscodeJob, output: OutputSpec) -> Policy:
    """What the preset asked of this output, as a policy."""
    preset, facts = job.preset, job.facts
    size = next((r for r in preset.renditions if r.name == output.name), preset.video) \
        if output.role != MAIN else preset.video
    exact = "=" if preset.video.fit == "pad" else "<="
    tests = [
        _test("container", "general.container", "=", "MPEG-4"),
        _test("video-track", "video.present", "=", True),
        _test("codec", "video.format", "=", "AVC"),
        _test("width", "video.width", exact, size.width),
        _test("height", "video.height", exact, size.height),
        _test("progressive", "video.scan_type", "=", "Progressive"),
        _test("chroma", "video.chroma_subsampling", "=", "4:2:0"),
        _test("colour-depth", "video.bit_depth", "=", 8),
    ]
    if preset.video.frame_rate or (facts and facts.video and facts.video.frame_rate):
        tests.append(_test("frame-rate", "video.frame_rate", "=", round(output_frame_rate(preset, facts), 3)))
    if facts is not None and facts.audio is not None:
        tests += [_test("audio-track", "audio.present", "=", True),
                  _test("audio-codec", "audio.format", "=", "AAC"),
                  _test("sampling-rate", "audio.sampling_rate", "=", preset.audio.sample_rate),
                  _test("channels", "audio.channels", "=", preset.audio.channels)]
    duration = job.duration
    if duration:
        slack = max(DURATION_TOLERANCE_SECONDS, duration * DURATION_TOLERANCE_SHARE)
        tests += [_test("duration-min", "general.duration", ">=", round(duration - slack, 3)),
                  _test("duration-max", "general.duration", "<=", round(duration + slack, 3))]
    return Policy(name=f"preset {preset.name}", title=preset.title or preset.name, tests=tuple(tests),
                  on_unknown=Severity.ERROR, source="preset")


@dataclass
class Verification:
    """An output's verdicts under every policy that judges it."""

    path: str
    verdicts: list[tuple[str, FieldVerdict]] = field(default_factory=list)  # (policy name, verdict)
    facts: MediaFacts | None = None

    @property
    def failures(self) -> list[tuple[str, FieldVerdict]]:
        return [(name, v) for name, v in self.verdicts if v.is_problem and v.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[tuple[str, FieldVerdict]]:
        return [(name, v) for name, v in self.verdicts if v.is_problem and v.severity != Severity.ERROR]

    @property
    def ok(self) -> bool:
        return self.facts is not None and self.facts.readable and not self.failures

    def problems(self) -> list[dict[str, Any]]:
        """Each failed or doubtful field as a message (catalogue key and parameters)."""
        if self.facts is None or not self.facts.readable:
            status = self.facts.status if self.facts else "unreadable"
            return [{"key": "transcode.verify.unreadable", "params": {"status": status}, "severity": "error"}]
        return [problem_message(name, verdict) for name, verdict in self.failures + self.warnings]

    def to_data(self) -> list[dict[str, Any]]:
        return [{"policy": name, "field": v.field, "result": v.result, "measured": v.measured,
                 "operator": v.decisive.test.operator, "expected": v.decisive.test.value,
                 "severity": v.severity.value if v.severity else None} for name, v in self.verdicts]


def problem_message(policy: str, verdict: FieldVerdict) -> dict[str, Any]:
    test = verdict.decisive.test
    key = "transcode.verify.unknown" if verdict.result == UNKNOWN else "transcode.verify.failed"
    measured = round(verdict.measured, 3) if isinstance(verdict.measured, float) else verdict.measured
    return {"key": key, "severity": verdict.severity.value if verdict.severity else "error",
            "params": {"field": {"i18n": field_label_key(verdict.field)}, "measured": str(measured),
                       "operator": test.operator, "expected": str(test.value), "policy": policy}}


def verify_output(job: TranscodeJob, output: OutputSpec, path: Path) -> Verification:
    """Probe ``path`` (the output, under whatever name it has now) and test it."""
    facts = probe_media(path)
    result = Verification(path=output.path, facts=facts)
    if not facts.readable:
        return result
    policies = [expected_policy(job, output)]
    if output.role == MAIN and job.preset.policy:
        policies.append(load_policy(job.preset.policy))
    for policy in policies:
        result.verdicts += [(policy.name, v) for v in field_verdicts(evaluate(policy, facts))]
    return result


def is_jpeg(path: Path) -> bool:
    """A poster is whole when it starts with JPEG's start-of-image marker and ends with its end marker."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return len(data) > 4 and data[:2] == b"\xff\xd8" and data.rstrip(b"\x00")[-2:] == b"\xff\xd9"
