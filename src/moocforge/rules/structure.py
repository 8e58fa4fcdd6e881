"""ST: course structure and content, ATU §8.1–§8.7, §11.2, §11.6, §12.10.1."""

from __future__ import annotations

from ..findings import Quantity, Severity, at_least, at_most, between, equal_to, more_than
from .registry import RuleContext, rule


def whole(value: float) -> float | int:
    """36.0 → 36: a number as people write it, and as a plural form is chosen for it."""
    return int(value) if float(value).is_integer() else value


def _module_path(i: int, *rest) -> tuple:
    return ("modules", i, *rest)


def _where(module) -> dict:
    return {"module": module.id}


@rule("ST101", name="module-count", area="structure", severity=Severity.ERROR, clause="ATU §8.1",
      messages=("out_of_range",), thresholds=("structure.modules.min", "structure.modules.max"), criteria=(3,))
def module_count(ctx: RuleContext):
    lo, hi = ctx.threshold("structure.modules.min"), ctx.threshold("structure.modules.max")
    n = len(ctx.model.modules)
    if not lo <= n <= hi:
        yield ctx.finding("out_of_range", field_path=("modules",), params={"count": n, "min": lo, "max": hi},
                          measured=Quantity(n, "modules"), expected=between(lo, hi, "modules"))


@rule("ST102", name="lessons-per-module", area="structure", severity=Severity.ERROR, clause="ATU §8.3",
      messages=("out_of_range",), thresholds=("structure.lessons_per_module.min", "structure.lessons_per_module.max"), criteria=(3,))
def lessons_per_module(ctx: RuleContext):
    lo, hi = ctx.threshold("structure.lessons_per_module.min"), ctx.threshold("structure.lessons_per_module.max")
    for i, module in enumerate(ctx.model.modules):
        n = len(module.lessons)
        if not lo <= n <= hi:
            yield ctx.finding("out_of_range", field_path=_module_path(i, "lessons"), **_where(module),
                              params={"module": module.id, "count": n, "min": lo, "max": hi},
                              measured=Quantity(n, "lessons"), expected=between(lo, hi, "lessons"))


@rule("ST103", name="outcomes-per-module", area="structure", severity=Severity.ERROR, clause="ATU §8.2",
      messages=("too_few",), thresholds=("structure.outcomes_per_module.min",), criteria=(3,))
def outcomes_per_module(ctx: RuleContext):
    lo = ctx.threshold("structure.outcomes_per_module.min")
    for i, module in enumerate(ctx.model.modules):
        n = len(module.outcomes)
        if n < lo:
            yield ctx.finding("too_few", field_path=_module_path(i, "outcomes"), **_where(module),
                              params={"module": module.id, "count": n, "min": lo},
                              measured=Quantity(n, "outcomes"), expected=at_least(lo, "outcomes"))


@rule("ST104", name="outcomes-per-lesson", area="structure", severity=Severity.ERROR, clause="ATU §8.3",
      messages=("out_of_range",), thresholds=("structure.outcomes_per_lesson.min", "structure.outcomes_per_lesson.max"), criteria=(3,))
def outcomes_per_lesson(ctx: RuleContext):
    lo, hi = ctx.threshold("structure.outcomes_per_lesson.min"), ctx.threshold("structure.outcomes_per_lesson.max")
    for i, module in enumerate(ctx.model.modules):
        for j, lesson in enumerate(module.lessons):
            n = len(lesson.outcomes)
            if not lo <= n <= hi:
                yield ctx.finding("out_of_range", field_path=_module_path(i, "lessons", j, "outcomes"),
                                  module=module.id, lesson=lesson.id,
                                  params={"lesson": lesson.id, "count": n, "min": lo, "max": hi},
                                  measured=Quantity(n, "outcomes"), expected=between(lo, hi, "outcomes"))


@rule("ST105", name="practical-task", area="structure", severity=Severity.ERROR, clause="ATU §8.2",
      messages=("missing",), criteria=(3,))
def practical_task(ctx: RuleContext):
    for i, module in enumerate(ctx.model.modules):
        if module.practical_task is None:
            yield ctx.finding("missing", field_path=_module_path(i), **_where(module), params={"module": module.id})


@rule("ST106", name="module-forum", area="structure", severity=Severity.ERROR, clause="ATU §8.2",
      messages=("missing",), criteria=(3,))
def module_forum(ctx: RuleContext):
    for i, module in enumerate(ctx.model.modules):
        if module.forum is None or not (module.forum.prompt or module.forum.title):
            yield ctx.finding("missing", field_path=_module_path(i), **_where(module), params={"module": module.id})


@rule("ST107", name="summative-assessment", area="structure", severity=Severity.ERROR, clause="ATU §8.4",
      messages=("missing",), criteria=(3,))
def summative_assessment(ctx: RuleContext):
    for i, module in enumerate(ctx.model.modules):
        if module.assessment is None:
            yield ctx.finding("missing", field_path=_module_path(i), **_where(module), params={"module": module.id})


@rule("ST108", name="final-assessment", area="structure", severity=Severity.ERROR, clause="ATU §8.7",
      messages=("missing",), criteria=(3,))
def final_assessment(ctx: RuleContext):
    if ctx.model.final_assessment is None:
        yield ctx.finding("missing", field_path=())


def question_count(ctx: RuleContext, assessment) -> int | None:
    """Questions in an assessment: the parsed bank if there is one, else the declared number."""
    if assessment is None:
        return None
    if assessment.file:
        bank = ctx.evidence.quiz.get(assessment.file)
        if bank is not None:
            return bank.question_count
    return assessment.questions


@rule("ST109", name="practice-questions", area="structure", severity=Severity.ERROR, clause="ATU §8.3",
      messages=("too_few",), thresholds=("structure.practice_questions_per_module.more_than",), needs=("quiz",), criteria=(6,))
def practice_questions(ctx: RuleContext):
    floor = ctx.threshold("structure.practice_questions_per_module.more_than")
    for i, module in enumerate(ctx.model.modules):
        # Practice questions are the lessons' Block 3 quizzes; the summative
        # module assessment is counted by ST107, not here.
        total = sum(question_count(ctx, lesson.quiz) or 0 for lesson in module.lessons)
        if total <= floor:
            yield ctx.finding("too_few", field_path=_module_path(i, "lessons"), **_where(module),
                              params={"module": module.id, "count": total, "min": floor},
                              measured=Quantity(total, "questions"), expected=more_than(floor, "questions"))


@rule("ST110", name="weekly-workload", area="structure", severity=Severity.ERROR, clause="ATU §8.3",
      messages=("out_of_range", "undeclared"),
      thresholds=("structure.workload_hours_per_module.min", "structure.workload_hours_per_module.max"), criteria=(3,))
def weekly_workload(ctx: RuleContext):
    lo = ctx.threshold("structure.workload_hours_per_module.min")
    hi = ctx.threshold("structure.workload_hours_per_module.max")
    for i, module in enumerate(ctx.model.modules):
        hours = module.workload_hours
        if hours is None:
            yield ctx.finding("undeclared", severity=Severity.WARNING, field_path=_module_path(i), **_where(module),
                              params={"module": module.id, "min": lo, "max": hi}, expected=between(lo, hi, "h"))
        elif not lo <= hours <= hi:
            yield ctx.finding("out_of_range", field_path=_module_path(i, "workload_hours"), **_where(module),
                              params={"module": module.id, "hours": hours, "min": lo, "max": hi},
                              measured=Quantity(hours, "h"), expected=between(lo, hi, "h"))


@rule("ST111", name="total-hours", area="structure", severity=Severity.ERROR, clause="ATU §8.6",
      messages=("too_many",),
      thresholds=("structure.total_academic_hours.max", "structure.total_academic_hours.max_general_education"), criteria=(3,))
def total_hours(ctx: RuleContext):
    model = ctx.model
    key = "structure.total_academic_hours." + ("max_general_education" if model.general_education else "max")
    limit = ctx.threshold(key)
    declared = [m.workload_hours for m in model.modules if m.workload_hours is not None]
    total = model.hours if model.hours is not None else (sum(declared) if declared else None)
    if total is not None and total > limit:
        yield ctx.finding("too_many", field_path=("hours",) if model.hours is not None else ("modules",),
                          params={"hours": whole(total), "max": limit},
                          measured=Quantity(total, "h"), expected=at_most(limit, "h"))


def announcement_text(ctx: RuleContext, module) -> str | None:
    """The weekly announcement, inline or from its file (a small text file)."""
    if module.announcement:
        return module.announcement.strip()
    if module.announcement_file:
        text = ctx.evidence.texts.get(module.announcement_file)
        return text.strip() if text is not None else None
    return None


@rule("ST112", name="weekly-announcement", area="structure", severity=Severity.ERROR, clause="ATU §11.2",
      messages=("missing", "length"), thresholds=("structure.announcement_chars.min", "structure.announcement_chars.max"),
      needs=("texts",), criteria=(3,))
def weekly_announcement(ctx: RuleContext):
    lo, hi = ctx.threshold("structure.announcement_chars.min"), ctx.threshold("structure.announcement_chars.max")
    for i, module in enumerate(ctx.model.modules):
        text = announcement_text(ctx, module)
        if not text:
            yield ctx.finding("missing", field_path=_module_path(i), **_where(module),
                              params={"module": module.id, "min": lo, "max": hi})
            continue
        n = len(text)
        if not lo <= n <= hi:
            file_kwargs = ({"file": module.announcement_file} if module.announcement_file and not module.announcement
                           else {"field_path": _module_path(i, "announcement")})
            yield ctx.finding("length", **file_kwargs, **_where(module),
                              params={"module": module.id, "count": n, "min": lo, "max": hi},
                              measured=Quantity(n, "chars"), expected=between(lo, hi, "chars"))


def _assessed_ids(model) -> set[str]:
    ids: set[str] = set()
    for _, assessment in model.assessments():
        ids.update(assessment.outcomes)
    return ids


@rule("ST113", name="outcome-coverage", area="structure", severity=Severity.ERROR, clause="ATU §11.6",
      messages=("module_outcome", "course_outcome"), criteria=(6,))
def outcome_coverage(ctx: RuleContext):
    model = ctx.model
    assessed = _assessed_ids(model)
    for i, module in enumerate(model.modules):
        for k, outcome in enumerate(module.outcomes):
            if outcome.id not in assessed:
                yield ctx.finding("module_outcome", field_path=_module_path(i, "outcomes", k), **_where(module),
                                  params={"id": outcome.id, "module": module.id})
    # A course outcome counts as assessed when an assessment cites it directly,
    # or cites a module outcome that says it supports it.
    supported = {cid for m in model.modules for o in m.outcomes if o.id in assessed for cid in o.supports}
    for k, outcome in enumerate(model.outcomes):
        if outcome.id not in assessed and outcome.id not in supported:
            yield ctx.finding("course_outcome", field_path=("outcomes", k), params={"id": outcome.id})


@rule("ST114", name="unknown-outcome", area="structure", severity=Severity.ERROR, clause="ATU §11.6",
      messages=("unknown",), criteria=(3,))
def unknown_outcome(ctx: RuleContext):
    model = ctx.model
    known = set(model.all_outcome_ids())
    course_ids = {o.id for o in model.outcomes}
    for i, module in enumerate(model.modules):
        for k, outcome in enumerate(module.outcomes):
            for cid in outcome.supports:
                if cid not in course_ids:
                    yield ctx.finding("unknown", field_path=_module_path(i, "outcomes", k, "supports"),
                                      **_where(module), params={"id": cid, "where": outcome.id})
        for j, lesson in enumerate(module.lessons):
            for oid in lesson.outcomes:
                if oid not in known:
                    yield ctx.finding("unknown", field_path=_module_path(i, "lessons", j, "outcomes"),
                                      module=module.id, lesson=lesson.id, params={"id": oid, "where": lesson.id})
    for label, assessment in model.assessments():
        for oid in assessment.outcomes:
            if oid not in known:
                yield ctx.finding("unknown", field_path=(), params={"id": oid, "where": label})


@rule("ST115", name="survey-length", area="structure", severity=Severity.ERROR, clause="ATU §12.10.1",
      messages=("too_many",), thresholds=("structure.survey_questions.max",), needs=("quiz",), criteria=(8,))
def survey_length(ctx: RuleContext):
    limit = ctx.threshold("structure.survey_questions.max")
    for when in ("pre", "post"):
        survey = getattr(ctx.model.surveys, when)
        n = question_count(ctx, survey)
        if n is not None and n > limit:
            yield ctx.finding("too_many", field_path=("surveys", when),
                              params={"survey": {"i18n": f"ST115.survey.{when}"}, "count": n, "max": limit},
                              measured=Quantity(n, "questions"), expected=at_most(limit, "questions"))


@rule("ST116", name="lesson-blocks", area="structure", severity=Severity.WARNING, clause="ATU §8.7, §8.5",
      messages=("no_video", "no_reading", "no_quiz"), criteria=(3,))
def lesson_blocks(ctx: RuleContext):
    for i, module in enumerate(ctx.model.modules):
        for j, lesson in enumerate(module.lessons):
            where = {"field_path": _module_path(i, "lessons", j), "module": module.id, "lesson": lesson.id}
            if not lesson.videos:
                yield ctx.finding("no_video", params={"lesson": lesson.id}, **where)
            if not lesson.reading:
                yield ctx.finding("no_reading", params={"lesson": lesson.id}, **where)
            if lesson.quiz is None:
                yield ctx.finding("no_quiz", params={"lesson": lesson.id}, **where)


def _weighted(model):
    return [(label, a) for label, a in model.assessments() if a.weight is not None]


@rule("ST117", name="assessment-weights", area="structure", severity=Severity.WARNING,
      clause="MES 2020 recommendations", messages=("total",), thresholds=("structure.assessment_weights_total",), criteria=(8,))
def assessment_weights(ctx: RuleContext):
    weighted = _weighted(ctx.model)
    if not weighted:
        return  # nothing declared; the certificate text describes grading instead
    expected = ctx.threshold("structure.assessment_weights_total")
    total = round(sum(a.weight for _, a in weighted), 2)
    if abs(total - expected) > 0.5:
        yield ctx.finding("total", field_path=("modules",), params={"total": total, "expected": expected},
                          measured=Quantity(total, "percent"), expected=equal_to(expected, "percent"))


# Kinds that by their nature demand an open, unique answer from each learner (§11.7).
OPEN_ANSWER_KINDS = {"essay", "project", "peer_review"}


@rule("ST118", name="protected-assessment-share", area="structure", severity=Severity.WARNING,
      clause="ATU §11.7", messages=("too_small",), thresholds=("structure.protected_weight_share.min",), criteria=(6,))
def protected_assessment_share(ctx: RuleContext):
    weighted = _weighted(ctx.model)
    total = sum(a.weight for _, a in weighted)
    if not weighted or total <= 0:
        return
    protected = sum(a.weight for _, a in weighted if a.parameterised or a.kind in OPEN_ANSWER_KINDS)
    share = round(100 * protected / total, 1)
    floor = ctx.threshold("structure.protected_weight_share.min")
    if share < floor:
        yield ctx.finding("too_small", field_path=("modules",), params={"share": share, "min": floor},
                          measured=Quantity(share, "percent"), expected=at_least(floor, "percent"))


@rule("ST119", name="video-subtitles", area="structure", severity=Severity.WARNING,
      clause="MES 2020 recommendations", messages=("missing",), thresholds=("structure.subtitles_required",), criteria=(3,))
def video_subtitles(ctx: RuleContext):
    if not ctx.threshold("structure.subtitles_required"):
        return
    for i, module in enumerate(ctx.model.modules):
        for j, lesson in enumerate(module.lessons):
            for k, video in enumerate(lesson.videos):
                if video.subtitles:
                    continue
                yield ctx.finding("missing", field_path=_module_path(i, "lessons", j, "videos", k),
                                  module=module.id, lesson=lesson.id,
                                  params={"video": video.file or video.url or video.title or f"{lesson.id} #{k + 1}"})


@rule("ST120", name="hours-match-modules", area="structure", severity=Severity.WARNING,
      clause="ATU §8.3, §8.6", messages=("mismatch",), criteria=(3,))
def hours_match_modules(ctx: RuleContext):
    model = ctx.model
    workloads = [m.workload_hours for m in model.modules]
    if model.hours is None or not workloads or None in workloads:
        return  # nothing to compare; ST110 asks for every module's workload
    total = sum(workloads)
    # §8.6 caps the declared total and §8.3 each week: two numbers that disagree
    # mean one of the checks judged a figure the course does not have.
    if abs(total - model.hours) > 0.01:
        yield ctx.finding("mismatch", field_path=("hours",), params={"hours": whole(model.hours), "total": whole(total)},
                          measured=Quantity(model.hours, "h"), expected=equal_to(total, "h"))


@rule("ST121", name="unlisted-folder", area="structure", severity=Severity.WARNING,
      clause="ATU §8.1, §8.7", messages=("module_folder", "lesson_folder"), criteria=(3,))
def unlisted_folder(ctx: RuleContext):
    # Discovery notes the module- and lesson-like folders no module or lesson uses:
    # their files are neither checked nor packaged, usually a week left behind.
    for folder in ctx.course.unused_folders:
        if folder.module is None:
            yield ctx.finding("module_folder", file=folder.path, params={"folder": folder.path})
        else:
            yield ctx.finding("lesson_folder", file=folder.path, module=folder.module,
                              params={"folder": folder.path, "module": folder.module})
