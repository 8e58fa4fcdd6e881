"""MD: media rules — ATU §9.1–9.2 policies, §8.4–8.5 durations, deep quality analysis.

The rules read ``media`` (MediaInfo facts, keyed by course-relative path),
``policy`` (each file tested against the policy of its role: the technical
spec is data, in ``moocforge/policies/``) and ``qc`` (one-pass ffmpeg
analysis, with ``--deep``). Every number is a profile threshold.
"""

from __future__ import annotations

from ..findings import Bound, Quantity, Severity, at_least, at_most, between, less_than, more_than
from ..media import units
from ..media.policy import FAIL, field_label_key, problems
from ..media.probe import STATUS_OK
from .structure import verdict_clock  # seconds kept where they decide the verdict
from .registry import RuleContext, rule


def _place(ctx: RuleContext, path: str) -> dict:
    """Module and lesson of the first reference to ``path`` (for sorting and reports)."""
    for ref in ctx.course.refs:
        if ref.path == path:
            return {"module": ref.module, "lesson": ref.lesson}
    return {}


# ---------------------------------------------------------------- MD101

@rule("MD101", name="media-readable", area="media", severity=Severity.ERROR, clause="ATU §9.1–9.2",
      messages=("empty", "not_media", "truncated", "no_streams", "unreadable", "decode_errors", "not_analysed"),
      needs=("media", "qc"), criteria=(1, 2))
def media_readable(ctx: RuleContext):
    for path, facts in ctx.evidence.media.items():
        if facts.status != STATUS_OK:
            yield ctx.finding(facts.status, file=path, **_place(ctx, path), params={"error": facts.error or ""},
                              measured=Quantity(facts.status))
    for path, analysis in ctx.evidence.qc.items():
        if analysis.error:
            yield ctx.finding("not_analysed", severity=Severity.WARNING, file=path, **_place(ctx, path),
                              params={"error": analysis.error})
        elif analysis.decode_errors:
            example = analysis.decode_error_examples[0] if analysis.decode_error_examples else ""
            yield ctx.finding("decode_errors", severity=Severity.WARNING, file=path, **_place(ctx, path),
                              params={"count": analysis.decode_errors, "example": example},
                              measured=Quantity(analysis.decode_errors, "errors"), expected=at_most(0, "errors"))


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


def _minimum(policy, field_name: str):
    """The policy's lower bound on a field, for messages naming both width and height."""
    values = [t.value for t in policy.tests if t.field == field_name and t.operator in (">=", ">")]
    return max(values) if values else None


def unknown_hint_key(field_name: str) -> str:
    """How to find or fix a field the file does not state, with an example for that field."""
    return f"media.unknown_hint.{field_name}"


def _policy_message(outcome, facts, policy) -> tuple[str, dict]:
    """The message of one field's problem and its parameters.

    Fields with a message of their own say the figures in it; the others
    ("fails", "unknown") name the field in words and leave the figures to
    the finding's measured and expected values, which every report writes
    with units in the reader's language.
    """
    test = outcome.test
    params = {"policy": policy.name, "test": test.id, "field": {"i18n": field_label_key(test.field)}}
    if outcome.result != FAIL:
        return "unknown", {**params, "hint": {"i18n": unknown_hint_key(test.field)}}
    special = _FIELD_MESSAGES.get(test.field)
    if special is None or test.operator not in special[1]:
        return "fails", params
    message, _, formatter = special
    params.update(measured=formatter(outcome.measured), expected=formatter(test.value))
    video = facts.video
    if message == "resolution":
        params.update(width=units.plain(video.width), height=units.plain(video.height),
                      min_width=units.plain(_minimum(policy, "video.width")),
                      min_height=units.plain(_minimum(policy, "video.height")))
    if message == "not_intra":
        params.update(format=(video.format or "?") + (f" {video.profile}" if video.profile else ""),
                      basis=video.intra_basis or "")
    return message, params


def _policy_values(message: str, outcome, facts, policy) -> tuple[Quantity, object]:
    """What a policy test measured and expected, typed with the field's unit."""
    test = outcome.test
    if message == "resolution":
        video = facts.video
        minimum = (_minimum(policy, "video.width"), _minimum(policy, "video.height"))
        return Quantity((video.width, video.height), "px"), at_least(minimum, "px")
    unit = units.FIELD_UNITS.get(test.field)
    return Quantity(outcome.measured, unit), _bound(test.operator, test.value, unit)


def _bound(operator: str, value, unit: str | None) -> Bound:
    return Bound(operator, list(value) if isinstance(value, (list, tuple)) else value, unit=unit)


@rule("MD102", name="media-policy", area="media", severity=Severity.ERROR, clause="ATU §9.1–9.2",
      messages=("no_video", "no_audio", "not_intra", "bit_rate", "resolution", "interlaced", "frame_rate", "vfr",
                "bit_depth", "sampling_rate", "audio_bit_depth", "channels", "fails", "unknown"),
      thresholds=("media.policies.master", "media.policies.upload", "media.policies.promo"),
      needs=("media", "policy"), criteria=(1, 2))
def media_policy(ctx: RuleContext):
    unusable: set[str] = set()
    for path, checks in ctx.evidence.policy.items():
        facts = ctx.evidence.media[path]
        for check in checks:
            if check.error is None:
                yield from _field_findings(ctx, path, facts, check)
            elif check.policy not in unusable:  # one finding per broken policy, not one per file
                unusable.add(check.policy)
                yield _policy_error(ctx, path, check.error)


def _field_findings(ctx: RuleContext, path: str, facts, check):
    """One finding per field that fails or is not stated (width and height together are one)."""
    resolution_said = False
    for outcome in problems(check.outcomes):
        message, params = _policy_message(outcome, facts, check.loaded)
        if message == "resolution":
            if resolution_said:
                continue
            resolution_said = True
        measured, expected = _policy_values(message, outcome, facts, check.loaded)
        yield ctx.finding(message, severity=outcome.severity, file=path, **_place(ctx, path),
                          params=params, measured=measured, expected=expected, clause=outcome.test.clause)


def _policy_error(ctx: RuleContext, path: str, error):
    """A policy the profile names cannot be used: said where the mistake is (the policy file), in its own words."""
    where = {"file": error.file, "line": error.line} if error.file else {"file": path, **_place(ctx, path)}
    return ctx.finding(error.key, **where, params=dict(error.params))


# ---------------------------------------------------------------- MD103–MD105 durations

def _duration(ctx: RuleContext, path: str | None) -> float | None:
    if not path:
        return None
    facts = ctx.evidence.media.get(path)
    return facts.duration if facts is not None and facts.readable else None


def _video_duration(ctx: RuleContext, video) -> tuple[str | None, float | None]:
    """What learners watch: the upload file, else the master."""
    for path in (video.file, video.master):
        seconds = _duration(ctx, path)
        if seconds is not None:
            return path, seconds
    return None, None


@rule("MD103", name="lesson-video-length", area="media", severity=Severity.ERROR, clause="ATU §8.4–8.5",
      messages=("too_short",), thresholds=("media.durations.lesson_video_min_minutes",), needs=("media",),
      criteria=(3,))
def lesson_video_length(ctx: RuleContext):
    least = ctx.threshold("media.durations.lesson_video_min_minutes")
    for module in ctx.model.modules:
        for lesson in module.lessons:
            for video in lesson.videos:
                path, seconds = _video_duration(ctx, video)
                if seconds is not None and seconds < least * 60:
                    yield ctx.finding("too_short", file=path, module=module.id, lesson=lesson.id,
                                      params={"lesson": lesson.id, "duration": verdict_clock(seconds, least * 60),
                                              "min": units.clock(least * 60)},
                                      measured=Quantity(seconds, "clock"), expected=at_least(least * 60, "clock"))


@rule("MD104", name="weekly-video-total", area="media", severity=Severity.ERROR, clause="ATU §8.4",
      messages=("out_of_range",),
      thresholds=("media.durations.weekly_video_min_minutes", "media.durations.weekly_video_max_minutes"),
      needs=("media",), criteria=(3,))
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
                              params={"module": module.id,
                                      "duration": verdict_clock(measured, (lo if too_short else hi) * 60),
                                      "min": units.clock(lo * 60), "max": units.clock(hi * 60)},
                              measured=Quantity(measured, "clock"), expected=between(lo * 60, hi * 60, "clock"))


@rule("MD105", name="promo-length", area="media", severity=Severity.ERROR, clause="ATU form 01 item 14",
      messages=("too_long",), thresholds=("media.durations.promo_max_minutes",), needs=("media",), criteria=(3,))
def promo_length(ctx: RuleContext):
    most = ctx.threshold("media.durations.promo_max_minutes")
    promo = ctx.model.promo_video
    seconds = _duration(ctx, promo)
    if seconds is not None and seconds > most * 60:
        yield ctx.finding("too_long", file=promo, params={"duration": verdict_clock(seconds, most * 60),
                                                          "max": units.clock(most * 60)},
                          measured=Quantity(seconds, "clock"), expected=at_most(most * 60, "clock"))


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
      needs=("qc",), criteria=(1,))
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
                              clause_key="media.qc.loudness.silent_below_lufs", measured=Quantity(lufs, "LUFS"),
                              expected=more_than(ctx.threshold("media.qc.loudness.silent_below_lufs"), "LUFS"))
            continue
        if lufs is not None and not lo <= lufs <= hi:
            message = "too_quiet" if lufs < lo else "too_loud"
            yield ctx.finding(message, **where, params={"lufs": units.plain(lufs), "min": lo, "max": hi},
                              clause_key="media.qc.loudness.integrated_min_lufs",
                              measured=Quantity(lufs, "LUFS"), expected=between(lo, hi, "LUFS"))
        lra = a.loudness_range_lu
        if lra is not None and (a.duration or 0) >= range_min_seconds and lra > range_max:
            yield ctx.finding("range", **where, params={"lra": units.plain(lra), "max": range_max},
                              clause_key="media.qc.loudness.range_max_lu",
                              measured=Quantity(lra, "LU"), expected=at_most(range_max, "LU"))
        peak = a.true_peak_dbtp
        if peak is not None and peak > peak_max:
            yield ctx.finding("true_peak", **where, params={"peak": units.plain(peak), "max": peak_max},
                              clause_key="media.qc.loudness.true_peak_max_dbtp",
                              measured=Quantity(peak, "dBTP"), expected=at_most(peak_max, "dBTP"))


@rule("MD111", name="clipping", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 1",
      messages=("clipped",), thresholds=("media.qc.clipping.max_samples",), needs=("qc",), criteria=(1,))
def clipping(ctx: RuleContext):
    most = ctx.threshold("media.qc.clipping.max_samples")
    for path, a in _analyses(ctx, needs_audio=True):
        worst = a.worst_clipping  # judged per channel: averaging would halve a one-sided fault
        if worst is not None and worst[1] > most:
            channel, count = worst
            yield ctx.finding("clipped", file=path, **_place(ctx, path),
                              params={"count": count, "channel": channel, "channels": len(a.clipped_per_channel),
                                      "max": most},
                              measured=Quantity(count, "samples"), expected=at_most(most, "samples"))


@rule("MD112", name="noise-floor", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 1",
      messages=("noisy",), thresholds=("media.qc.noise_floor.max_dbfs",), needs=("qc",), criteria=(1,))
def noise_floor(ctx: RuleContext):
    most = ctx.threshold("media.qc.noise_floor.max_dbfs")
    for path, a in _analyses(ctx, needs_audio=True):
        if a.noise_floor_dbfs is not None and a.noise_floor_dbfs > most and not _is_silent(ctx, a):
            yield ctx.finding("noisy", file=path, **_place(ctx, path),
                              params={"floor": units.plain(round(a.noise_floor_dbfs, 1)), "max": most},
                              measured=Quantity(round(a.noise_floor_dbfs, 1), "dBFS"), expected=at_most(most, "dBFS"))


def _stretch_findings(ctx: RuleContext, path: str, message: str, stretches, least: float, exclude=()):
    for start, end in stretches:
        if end - start < least or any(s <= start and end <= e for s, e in exclude):
            continue
        yield ctx.finding(message, file=path, **_place(ctx, path), start=start, end=end,
                          params={"start": units.clock(start), "end": units.clock(end),
                                  "seconds": units.plain(round(end - start, 1))},
                          measured=Quantity(round(end - start, 1), "s"), expected=less_than(least, "s"))


@rule("MD113", name="silence", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 1",
      messages=("silence",), thresholds=("media.qc.silence.min_seconds", "media.qc.silence.noise_db"),
      needs=("qc",), criteria=(1,))
def silence(ctx: RuleContext):
    least = ctx.threshold("media.qc.silence.min_seconds")
    for path, a in _analyses(ctx, needs_audio=True):
        if not _is_silent(ctx, a):  # a file without any sound is MD110's single finding
            yield from _stretch_findings(ctx, path, "silence", a.silences, least)


@rule("MD114", name="black-frames", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("black",), thresholds=("media.qc.black.min_seconds", "media.qc.black.pixel_threshold"),
      needs=("qc",), criteria=(2,))
def black_frames(ctx: RuleContext):
    least = ctx.threshold("media.qc.black.min_seconds")
    for path, a in _analyses(ctx, needs_video=True):
        yield from _stretch_findings(ctx, path, "black", a.blacks, least)


@rule("MD115", name="frozen-frames", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("frozen",), thresholds=("media.qc.freeze.min_seconds", "media.qc.freeze.noise_db"), needs=("qc",),
      criteria=(2,))
def frozen_frames(ctx: RuleContext):
    least = ctx.threshold("media.qc.freeze.min_seconds")
    for path, a in _analyses(ctx, needs_video=True):
        # A black stretch is also "frozen"; MD114 already reports it.
        yield from _stretch_findings(ctx, path, "frozen", a.freezes, least, exclude=a.blacks)


@rule("MD116", name="interlacing", area="media", severity=Severity.WARNING, clause="ATU §9.1.6",
      messages=("combing",), thresholds=("media.qc.interlace.max_ratio",), needs=("qc",), criteria=(2,))
def interlacing(ctx: RuleContext):
    most = ctx.threshold("media.qc.interlace.max_ratio")
    for path, a in _analyses(ctx, needs_video=True):
        ratio = a.interlaced_ratio
        if ratio is not None and ratio > most:
            yield ctx.finding("combing", file=path, **_place(ctx, path),
                              params={"percent": round(ratio * 100), "max": round(most * 100)},
                              measured=Quantity(ratio, "ratio"), expected=at_most(most, "ratio"))


@rule("MD117", name="sharpness", area="media", severity=Severity.WARNING, clause="ATU form 10 criterion 2",
      messages=("soft",), thresholds=("media.qc.blur.max",), needs=("qc",), criteria=(2,))
def sharpness(ctx: RuleContext):
    most = ctx.threshold("media.qc.blur.max")
    for path, a in _analyses(ctx, needs_video=True):
        if a.blur is not None and a.blur > most:
            yield ctx.finding("soft", file=path, **_place(ctx, path), params={"blur": units.plain(a.blur), "max": most},
                              measured=Quantity(a.blur), expected=at_most(most))
