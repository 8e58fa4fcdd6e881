"""MD: media rules — ATU §9.1–9.2 policies, §8.4–8.5 durations, deep quality analysis.

The rules read ``ctx.evidence.media`` (MediaInfo facts, keyed by course-relative
path) and ``ctx.evidence.qc`` (one-pass ffmpeg analysis, with ``--deep``). The
technical spec itself is data: the policies in ``moocforge/policies/`` chosen
per file role by the profile (``media.policies.*``); every number is a profile
threshold.
"""

from __future__ import annotations

from ..inspect import media_units as units
from ..inspect.media_policy import FAIL, PolicyError, evaluate, load_policy, problems
from ..inspect.probe import STATUS_OK
from .registry import RuleContext, Severity, rule

# Which profile entry (media.policies.<key>) names the policy for each file role.
_POLICY_FOR_ROLE = {"master": "master", "video": "upload", "promo": "promo"}


def _place(ctx: RuleContext, path: str) -> dict:
    """Module and lesson of the first reference to ``path`` (for sorting and reports)."""
    for ref in ctx.course.refs:
        if ref.path == path:
            return {"module": ref.module, "lesson": ref.lesson}
    return {}


# ---------------------------------------------------------------- MD101

@rule("MD101", name="media-readable", area="media", severity=Severity.ERROR, clause="ATU §9.1–9.2",
      messages=("empty", "not_media", "truncated", "no_streams", "unreadable", "decode_errors", "not_analysed"),
      needs=("media", "qc"))
def media_readable(ctx: RuleContext):
    for path, facts in ctx.evidence.media.items():
        if facts.status != STATUS_OK:
            yield ctx.finding(facts.status, file=path, **_place(ctx, path),
                              params={"error": facts.error or ""}, measured=facts.status, expected="media file")
    for path, analysis in ctx.evidence.qc.items():
        if analysis.error:
            yield ctx.finding("not_analysed", severity=Severity.WARNING, file=path, **_place(ctx, path),
                              params={"error": analysis.error})
        elif analysis.decode_errors:
            example = analysis.decode_error_examples[0] if analysis.decode_error_examples else ""
            yield ctx.finding("decode_errors", severity=Severity.WARNING, file=path, **_place(ctx, path),
                              params={"count": analysis.decode_errors, "example": example},
                              measured=analysis.decode_errors, expected=0)


# ---------------------------------------------------------------- MD102

# Fields with a message of their own: (message, operators it is written for, formatter).
_FIELD_MESSAGES = {
    "video.present": ("no_video", ("=",), units.plain),
    "audio.present": ("no_audio", ("=",), units.plain),
    "video.intra_only": ("not_intra", ("=",), units.plain),
    "video.bit_rate": ("bit_rate", (">=", ">"), units.mbit),
    "video.width": ("resolution", (">=", ">"), units.plain),
    "video.height": ("resolution", (">=", ">"), units.plain),
    "video.scan_type": ("interlaced", ("=",), units.plain),
    "video.frame_rate": ("frame_rate", (">=", ">"), units.plain),
    "video.frame_rate_mode": ("vfr", ("=",), units.plain),
    "video.bit_depth": ("bit_depth", (">=", ">"), units.plain),
    "audio.sampling_rate": ("sampling_rate", (">=", ">"), units.khz),
    "audio.bit_depth": ("audio_bit_depth", (">=", ">"), units.plain),
    "audio.channels": ("channels", (">=", ">"), units.plain),
}


def _minimum(policy, field_name: str) -> str:
    """The policy's lower bound on a field, for messages naming both width and height."""
    values = [t.value for t in policy.tests if t.field == field_name and t.operator in (">=", ">")]
    return units.plain(max(values)) if values else "?"


def _policy_message(outcome, facts, policy) -> tuple[str, dict]:
    test = outcome.test
    params = {"policy": policy.name, "test": test.id, "field": test.field,
              "measured": units.show(test.field, outcome.measured), "operator": test.operator,
              "expected": units.show(test.field, test.value)}
    if outcome.result != FAIL:
        return "unknown", params
    special = _FIELD_MESSAGES.get(test.field)
    if special is None or test.operator not in special[1]:
        return "fails", params
    message, _, formatter = special
    params.update(measured=formatter(outcome.measured), expected=formatter(test.value))
    video = facts.video
    if message == "resolution":
        params.update(width=units.plain(video.width), height=units.plain(video.height),
                      min_width=_minimum(policy, "video.width"), min_height=_minimum(policy, "video.height"))
        params.update(measured=f"{params['width']}×{params['height']}",
                      expected=f"{params['min_width']}×{params['min_height']}")
    if message == "not_intra":
        params.update(format=(video.format or "?") + (f" {video.profile}" if video.profile else ""),
                      basis=video.intra_basis or "")
    return message, params


def _policy_targets(ctx: RuleContext) -> dict[tuple[str, str], set[str]]:
    """(path, policy name) -> roles: each file is checked once against each policy it falls under."""
    targets: dict[tuple[str, str], set[str]] = {}
    for ref in ctx.course.refs:
        key = _POLICY_FOR_ROLE.get(ref.role)
        if key is None or ref.path not in ctx.evidence.media:
            continue
        policy = str(ctx.threshold(f"media.policies.{key}"))
        targets.setdefault((ref.path, policy), set()).add(ref.role)
    return targets


@rule("MD102", name="media-policy", area="media", severity=Severity.ERROR, clause="ATU §9.1–9.2",
      messages=("no_video", "no_audio", "not_intra", "bit_rate", "resolution", "interlaced", "frame_rate", "vfr",
                "bit_depth", "sampling_rate", "audio_bit_depth", "channels", "fails", "unknown", "policy_error"),
      thresholds=("media.policies.master", "media.policies.upload", "media.policies.promo"), needs=("media",))
def media_policy(ctx: RuleContext):
    for (path, policy_name), _roles in _policy_targets(ctx).items():
        try:
            policy = load_policy(policy_name)
        except PolicyError as exc:
            yield ctx.finding("policy_error", params={"policy": policy_name, "error": str(exc)})
            continue
        facts = ctx.evidence.media[path]
        seen_messages: set[str] = set()
        for outcome in problems(evaluate(policy, facts)):
            message, params = _policy_message(outcome, facts, policy)
            if message == "resolution" and message in seen_messages:
                continue  # width and height failing together are one problem
            seen_messages.add(message)
            test = outcome.test
            expected = (f"≥ {params['expected']}" if message == "resolution"
                        else f"{units.operator(test.operator)} {units.show(test.field, test.value)}")
            finding = ctx.finding(message, severity=Severity(outcome.severity), file=path, **_place(ctx, path),
                                  params=params, measured=params["measured"], expected=expected)
            finding.clause = outcome.test.clause or finding.clause
            yield finding


# ---------------------------------------------------------------- MD103–MD105 durations

def _duration(ctx: RuleContext, path: str | None) -> float | None:
    if not path:
        return None
    facts = ctx.evidence.media.get(path.replace("\\", "/"))
    return facts.duration if facts is not None and facts.readable else None


def _video_duration(ctx: RuleContext, video) -> tuple[str | None, float | None]:
    """What learners watch: the upload file, else the master."""
    for path in (video.file, video.master):
        seconds = _duration(ctx, path)
        if seconds is not None:
            return path.replace("\\", "/"), seconds
    return None, None


@rule("MD103", name="lesson-video-length", area="media", severity=Severity.ERROR, clause="ATU §8.4–8.5",
      messages=("too_short",), thresholds=("media.durations.lesson_video_min_minutes",), needs=("media",))
def lesson_video_length(ctx: RuleContext):
    least = ctx.threshold("media.durations.lesson_video_min_minutes")
    for module in ctx.model.modules:
        for lesson in module.lessons:
            for video in lesson.videos:
                path, seconds = _video_duration(ctx, video)
                if seconds is not None and seconds < least * 60:
                    yield ctx.finding("too_short", file=path, module=module.id, lesson=lesson.id,
                                      params={"lesson": lesson.id, "minutes": units.minutes(seconds), "min": least},
                                      measured=units.clock(seconds), expected=f"≥ {least} min")


@rule("MD104", name="weekly-video-total", area="media", severity=Severity.ERROR, clause="ATU §8.4",
      messages=("out_of_range",),
      thresholds=("media.durations.weekly_video_min_minutes", "media.durations.weekly_video_max_minutes"),
      needs=("media",))
def weekly_video_total(ctx: RuleContext):
    lo = ctx.threshold("media.durations.weekly_video_min_minutes")
    hi = ctx.threshold("media.durations.weekly_video_max_minutes")
    for i, module in enumerate(ctx.model.modules):
        measured, unmeasured = 0.0, 0
        for lesson in module.lessons:
            for video in lesson.videos:
                seconds = _video_duration(ctx, video)[1]
                if seconds is None:
                    unmeasured += 1
                else:
                    measured += seconds
        if measured == 0 and unmeasured:
            continue  # only links or missing files: nothing to add up
        # With videos not measured (links, unreadable files) the week may be
        # longer than counted: too long is certain, too short is not.
        too_short = measured < lo * 60 and not unmeasured
        if too_short or measured > hi * 60:
            yield ctx.finding("out_of_range", field_path=("modules", i, "lessons"), module=module.id,
                              params={"module": module.id, "minutes": units.minutes(measured), "min": lo, "max": hi},
                              measured=units.clock(measured), expected=f"{lo}–{hi} min")


@rule("MD105", name="promo-length", area="media", severity=Severity.ERROR, clause="ATU form 01 item 14",
      messages=("too_long",), thresholds=("media.durations.promo_max_minutes",), needs=("media",))
def promo_length(ctx: RuleContext):
    most = ctx.threshold("media.durations.promo_max_minutes")
    promo = ctx.model.promo_video
    seconds = _duration(ctx, promo)
    if seconds is not None and seconds > most * 60:
        yield ctx.finding("too_long", file=promo.replace("\\", "/"),
                          params={"minutes": units.minutes(seconds), "max": most},
                          measured=units.clock(seconds), expected=f"≤ {most} min")


# ---------------------------------------------------------------- MD110–MD117 deep analysis

def _analyses(ctx: RuleContext, needs_audio: bool = False, needs_video: bool = False):
    for path, analysis in ctx.evidence.qc.items():
        if analysis.error or (needs_audio and not analysis.has_audio) or (needs_video and not analysis.has_video):
            continue
        yield path, analysis


def _is_silent(ctx: RuleContext, analysis) -> bool:
    floor = ctx.threshold("media.qc.loudness.silent_below_lufs")
    return analysis.integrated_lufs is not None and analysis.integrated_lufs <= floor


@rule("MD110", name="loudness", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 1",
      messages=("no_sound", "too_quiet", "too_loud", "range", "true_peak"),
      thresholds=("media.qc.loudness.integrated_min_lufs", "media.qc.loudness.integrated_max_lufs",
                  "media.qc.loudness.silent_below_lufs", "media.qc.loudness.range_max_lu",
                  "media.qc.loudness.range_min_seconds", "media.qc.loudness.true_peak_max_dbtp"),
      needs=("qc",))
def loudness(ctx: RuleContext):
    lo = ctx.threshold("media.qc.loudness.integrated_min_lufs")
    hi = ctx.threshold("media.qc.loudness.integrated_max_lufs")
    range_max = ctx.threshold("media.qc.loudness.range_max_lu")
    range_min_seconds = ctx.threshold("media.qc.loudness.range_min_seconds")
    peak_max = ctx.threshold("media.qc.loudness.true_peak_max_dbtp")
    for path, a in _analyses(ctx, needs_audio=True):
        where = {"file": path, **_place(ctx, path)}
        lufs = a.integrated_lufs
        if _is_silent(ctx, a):
            yield ctx.finding("no_sound", severity=Severity.ERROR, **where, params={"lufs": units.plain(lufs)},
                              clause_key="media.qc.loudness.silent_below_lufs", measured=f"{lufs} LUFS")
            continue
        if lufs is not None and not lo <= lufs <= hi:
            message = "too_quiet" if lufs < lo else "too_loud"
            yield ctx.finding(message, **where, params={"lufs": units.plain(lufs), "min": lo, "max": hi},
                              clause_key="media.qc.loudness.integrated_min_lufs",
                              measured=f"{lufs} LUFS", expected=f"{lo}…{hi} LUFS")
        lra = a.loudness_range_lu
        if lra is not None and (a.duration or 0) >= range_min_seconds and lra > range_max:
            yield ctx.finding("range", **where, params={"lra": units.plain(lra), "max": range_max},
                              clause_key="media.qc.loudness.range_max_lu",
                              measured=f"{lra} LU", expected=f"≤ {range_max} LU")
        peak = a.true_peak_dbtp
        if peak is not None and peak > peak_max:
            yield ctx.finding("true_peak", **where, params={"peak": units.plain(peak), "max": peak_max},
                              clause_key="media.qc.loudness.true_peak_max_dbtp",
                              measured=f"{peak} dBTP", expected=f"≤ {peak_max} dBTP")


@rule("MD111", name="clipping", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 1",
      messages=("clipped",), thresholds=("media.qc.clipping.max_samples",), needs=("qc",))
def clipping(ctx: RuleContext):
    most = ctx.threshold("media.qc.clipping.max_samples")
    for path, a in _analyses(ctx, needs_audio=True):
        if a.clipped_samples is not None and a.clipped_samples > most:
            yield ctx.finding("clipped", file=path, **_place(ctx, path),
                              params={"count": a.clipped_samples, "max": most},
                              measured=a.clipped_samples, expected=f"≤ {most}")


@rule("MD112", name="noise-floor", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 1",
      messages=("noisy",), thresholds=("media.qc.noise_floor.max_dbfs",), needs=("qc",))
def noise_floor(ctx: RuleContext):
    most = ctx.threshold("media.qc.noise_floor.max_dbfs")
    for path, a in _analyses(ctx, needs_audio=True):
        if a.noise_floor_dbfs is not None and a.noise_floor_dbfs > most and not _is_silent(ctx, a):
            yield ctx.finding("noisy", file=path, **_place(ctx, path),
                              params={"floor": units.plain(round(a.noise_floor_dbfs, 1)), "max": most},
                              measured=f"{a.noise_floor_dbfs:.1f} dBFS", expected=f"≤ {most} dBFS")


def _stretch_findings(ctx: RuleContext, path: str, message: str, stretches, least: float, exclude=()):
    for start, end in stretches:
        if end - start < least or any(s <= start and end <= e for s, e in exclude):
            continue
        yield ctx.finding(message, file=path, **_place(ctx, path), location=units.stretch(start, end),
                          params={"start": units.clock(start), "end": units.clock(end),
                                  "seconds": units.plain(round(end - start, 1))},
                          measured=f"{end - start:.1f} s", expected=f"< {least} s")


@rule("MD113", name="silence", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 1",
      messages=("silence",), thresholds=("media.qc.silence.min_seconds", "media.qc.silence.noise_db"),
      needs=("qc",))
def silence(ctx: RuleContext):
    least = ctx.threshold("media.qc.silence.min_seconds")
    for path, a in _analyses(ctx, needs_audio=True):
        if not _is_silent(ctx, a):  # a file without any sound is MD110's single finding
            yield from _stretch_findings(ctx, path, "silence", a.silences, least)


@rule("MD114", name="black-frames", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("black",), thresholds=("media.qc.black.min_seconds", "media.qc.black.pixel_threshold"),
      needs=("qc",))
def black_frames(ctx: RuleContext):
    least = ctx.threshold("media.qc.black.min_seconds")
    for path, a in _analyses(ctx, needs_video=True):
        yield from _stretch_findings(ctx, path, "black", a.blacks, least)


@rule("MD115", name="frozen-frames", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("frozen",), thresholds=("media.qc.freeze.min_seconds", "media.qc.freeze.noise_db"), needs=("qc",))
def frozen_frames(ctx: RuleContext):
    least = ctx.threshold("media.qc.freeze.min_seconds")
    for path, a in _analyses(ctx, needs_video=True):
        # A black stretch is also "frozen"; MD114 already reports it.
        yield from _stretch_findings(ctx, path, "frozen", a.freezes, least, exclude=a.blacks)


@rule("MD116", name="interlacing", area="media", severity=Severity.WARNING, clause="ATU §9.1.6",
      messages=("combing",), thresholds=("media.qc.interlace.max_ratio",), needs=("qc",))
def interlacing(ctx: RuleContext):
    most = ctx.threshold("media.qc.interlace.max_ratio")
    for path, a in _analyses(ctx, needs_video=True):
        ratio = a.interlaced_ratio
        if ratio is not None and ratio > most:
            yield ctx.finding("combing", file=path, **_place(ctx, path),
                              params={"percent": round(ratio * 100), "max": round(most * 100)},
                              measured=f"{ratio:.0%}", expected=f"≤ {most:.0%}")


@rule("MD117", name="sharpness", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("soft",), thresholds=("media.qc.blur.max",), needs=("qc",))
def sharpness(ctx: RuleContext):
    most = ctx.threshold("media.qc.blur.max")
    for path, a in _analyses(ctx, needs_video=True):
        if a.blur is not None and a.blur > most:
            yield ctx.finding("soft", file=path, **_place(ctx, path), params={"blur": units.plain(a.blur), "max": most},
                              measured=a.blur, expected=f"≤ {most}")
