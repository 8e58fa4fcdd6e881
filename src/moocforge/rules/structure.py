"""ST: course structure and content — ATU §8.1–§8.7, §10.4, §11.2, §11.6–§11.7, §12.10.1, form 08 — and the
institutions' additions (KazNU §4.11, KATU §6.3–6.5, §8.1.3)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

from ..course.model import Assessment
from ..findings import Quantity, Severity, at_least, at_most, between, equal_to, filled, more_than
from ..media import units
from .registry import RuleContext, rule


def is_blank(value) -> bool:
    """Not filled in: nothing, white space, or an empty list or mapping."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return len(value) == 0
    return False


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
    if limit is None:
        return  # §8.6 permits general-education MOOCs beyond 100 hours, per their model curricula
    declared = [m.workload_hours for m in model.modules if m.workload_hours is not None]
    total = model.hours if model.hours is not None else (sum(declared) if declared else None)
    if total is not None and total > limit:
        yield ctx.finding("too_many", field_path=("hours",) if model.hours is not None else ("modules",),
                          params={"hours": whole(total), "max": limit}, clause_key=key,
                          measured=Quantity(total, "h"), expected=at_most(limit, "h"))


def announcement_text(ctx: RuleContext, module) -> str | None:
    """The weekly announcement as a learner reads it, inline or from its file (a small text file).

    Inline text and Markdown files are rendered: ``#``, ``*`` and link targets are
    syntax, not text. A ``.txt`` file is shown as written.
    """
    if module.announcement:
        return visible_text(module.announcement).strip()
    if module.announcement_file:
        text = ctx.evidence.texts.get(module.announcement_file)
        if text is None:
            return None
        return (text if module.announcement_file.lower().endswith(".txt") else visible_text(text)).strip()
    return None


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt  # imported when an announcement is read, not by every command

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def visible_text(markdown: str) -> str:
    """What a Markdown text shows: the words of headings, paragraphs, lists, link texts and code;
    not the marks, link targets, images or raw HTML. Blocks stay apart as they do on screen."""
    blocks: list[str] = []
    for token in _markdown().parse(markdown):
        if token.type == "inline":
            blocks.append("".join(_inline_text(child) for child in token.children or ()))
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block)


def _inline_text(token) -> str:
    if token.type in ("text", "text_special", "code_inline"):  # text_special: "\\*" and "&amp;" as shown
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    return ""  # marks, link targets, images, raw HTML


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
      clause="ATU form 01 item 15, form 08", messages=("total",), thresholds=("structure.assessment_weights_total",),
      criteria=(8,))
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


@rule("ST118", name="protected-assessment-share", area="structure", severity=Severity.ERROR,
      clause="ATU §11.7", messages=("too_small", "cannot_judge"), thresholds=("structure.protected_weight_share.min",),
      criteria=(6,))
def protected_assessment_share(ctx: RuleContext):
    weighted = _weighted(ctx.model)
    total = sum(a.weight for _, a in weighted)
    floor = ctx.threshold("structure.protected_weight_share.min")
    if total <= 0:
        # Without weights the share of the grade is unknown: say so rather than pass.
        yield ctx.finding("cannot_judge", severity=Severity.INFO, field_path=("modules",), params={"min": floor})
        return
    protected = sum(a.weight for _, a in weighted if a.parameterised or a.kind in OPEN_ANSWER_KINDS)
    share = round(100 * protected / total, 1)
    if share < floor:
        yield ctx.finding("too_small", field_path=("modules",), params={"share": share, "min": floor},
                          measured=Quantity(share, "percent"), expected=at_least(floor, "percent"))


def lesson_videos(model):
    """Every lesson video with where a finding about it points (field, module, lesson)."""
    for i, module in enumerate(model.modules):
        for j, lesson in enumerate(module.lessons):
            for k, video in enumerate(lesson.videos):
                yield ({"field_path": _module_path(i, "lessons", j, "videos", k), "module": module.id,
                        "lesson": lesson.id}, video)


@rule("ST119", name="video-subtitles", area="structure", severity=Severity.WARNING,
      clause="ATU §10.4; MES 2020 §44.2", messages=("missing",), thresholds=("structure.subtitles_required",),
      criteria=(3,))
def video_subtitles(ctx: RuleContext):
    if not ctx.threshold("structure.subtitles_required"):
        return
    for where, video in lesson_videos(ctx.model):
        if not video.subtitles:
            name = video.file or video.url or video.title or video.master or where["lesson"]
            yield ctx.finding("missing", **where, params={"video": name})


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


# ---------------------------------------------------------------- the tasks of a course, each with its place

@dataclass(frozen=True)
class Task:
    """An assessment with the slot it fills (practical_task, assessment, final_assessment, lesson_quiz)."""

    slot: str
    assessment: Assessment
    path: tuple  # where in the descriptor
    module: str | None = None
    lesson: str | None = None

    @property
    def where(self) -> dict:
        """The place as a finding names it: the lesson, the module, or the course for the final task."""
        return {"where": self.lesson or self.module or {"i18n": "structure.task.course"},
                "task": {"i18n": f"structure.task.{self.slot}"}}

    @property
    def graded(self) -> bool:
        """A test that counts towards the grade: the module and final tests, or any quiz with a weight."""
        return self.assessment.kind == "quiz" and (self.slot != "lesson_quiz" or self.assessment.weight is not None)


def tasks(model) -> list[Task]:
    """Every task of the course in descriptor order."""
    found: list[Task] = []
    for i, module in enumerate(model.modules):
        for j, lesson in enumerate(module.lessons):
            if lesson.quiz is not None:
                found.append(Task("lesson_quiz", lesson.quiz, _module_path(i, "lessons", j, "quiz"), module.id,
                                  lesson.id))
        for slot in ("practical_task", "assessment"):
            if getattr(module, slot) is not None:
                found.append(Task(slot, getattr(module, slot), _module_path(i, slot), module.id))
    if model.final_assessment is not None:
        found.append(Task("final_assessment", model.final_assessment, ("final_assessment",)))
    return found


def _task_finding(ctx: RuleContext, message: str, task: Task, **params):
    return ctx.finding(message, field_path=task.path, module=task.module, lesson=task.lesson,
                       params={**task.where, **params})


@rule("ST122", name="task-deadlines", area="structure", severity=Severity.WARNING,
      clause="ATU form 08; KazNU §4.11", messages=("missing",), thresholds=("structure.deadlines.tasks",),
      criteria=(8,))
def task_deadlines(ctx: RuleContext):
    slots = set(ctx.threshold("structure.deadlines.tasks"))
    for task in tasks(ctx.model):
        if task.slot in slots and is_blank(task.assessment.deadline):
            yield _task_finding(ctx, "missing", task)


@rule("ST123", name="surveys-present", area="structure", severity=Severity.ERROR,
      clause="ATU §12.10.1, form 08", messages=("missing",), thresholds=("structure.surveys_required",),
      criteria=(8,))
def surveys_present(ctx: RuleContext):
    for when in ctx.threshold("structure.surveys_required"):
        survey = getattr(ctx.model.surveys, when, None)
        if survey is None or (survey.file is None and survey.questions is None):
            yield ctx.finding("missing", field_path=("surveys",), params={"survey": {"i18n": f"ST115.survey.{when}"}})


@rule("ST124", name="task-instructions", area="structure", severity=Severity.WARNING,
      clause="ATU form 10 criterion 8", messages=("missing",), criteria=(8,))
def task_instructions(ctx: RuleContext):
    for task in tasks(ctx.model):
        # A test explains itself through its questions; a practical task or an
        # assignment needs words on what to do and how it is graded.
        if task.slot != "practical_task" and task.assessment.kind == "quiz":
            continue
        if is_blank(task.assessment.instructions) and is_blank(task.assessment.file):
            yield _task_finding(ctx, "missing", task)


def verdict_clock(seconds: float, limit_seconds: float) -> str:
    """A duration as mm:ss that never reads as the limit it fails: 899.6 s against 15:00 is
    14:59, not 15:00 (rounded, it would look like a pass)."""
    shown = round(seconds)
    if seconds < limit_seconds <= shown:
        shown = math.floor(seconds)
    elif seconds > limit_seconds >= shown:
        shown = math.ceil(seconds)
    return units.clock(shown)


@rule("ST125", name="closing-video", area="structure", severity=Severity.WARNING, clause="ATU form 08",
      messages=("length",),
      thresholds=("media.durations.closing_video_min_minutes", "media.durations.closing_video_max_minutes"),
      needs=("media",), criteria=(3,))
def closing_video(ctx: RuleContext):
    path = ctx.model.closing_video
    facts = ctx.evidence.media.get(path) if path else None
    if facts is None or not facts.readable or facts.duration is None:
        return  # not declared (form 08 recommends it), or MD101 says why it cannot be read
    lo = ctx.threshold("media.durations.closing_video_min_minutes") * 60
    hi = ctx.threshold("media.durations.closing_video_max_minutes") * 60
    seconds = facts.duration
    if not lo <= seconds <= hi:
        yield ctx.finding("length", file=path,
                          params={"duration": verdict_clock(seconds, lo if seconds < lo else hi),
                                  "min": units.clock(lo), "max": units.clock(hi)},
                          measured=Quantity(seconds, "clock"), expected=between(lo, hi, "clock"))


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def last_deadline(model) -> dt.date | None:
    """The latest dated deadline: the end of the run the descriptor describes."""
    dates = [a.deadline for _, a in model.assessments() if isinstance(a.deadline, dt.date)]
    return max(dates, default=None)


@rule("ST126", name="content-refresh", area="structure", severity=Severity.ERROR,
      clause="KazNU §4.11; KATU §8.1.3", messages=("undeclared", "stale", "stale_today"),
      thresholds=("structure.content_refresh_years",), criteria=(4,))
def content_refresh(ctx: RuleContext):
    years = ctx.threshold("structure.content_refresh_years")
    if not years:
        return  # ATU sets no refresh period; kaznu and katu do
    reviewed = ctx.model.last_reviewed
    if reviewed is None:
        yield ctx.finding("undeclared", severity=Severity.WARNING, field_path=("last_reviewed",),
                          params={"years": years}, expected=filled())
        return
    due = _shift_years(reviewed, int(years))
    # The course is judged as it will run: fresh until its last deadline. A course
    # without dated deadlines is judged today.
    end = last_deadline(ctx.model)
    at, message = (end, "stale") if end is not None else (dt.date.today(), "stale_today")
    if due < at:
        yield ctx.finding(message, field_path=("last_reviewed",),
                          params={"reviewed": reviewed.isoformat(), "years": years, "due": due.isoformat(),
                                  "at": at.isoformat()},
                          measured=Quantity(reviewed.isoformat()),
                          expected=at_least(_shift_years(at, -int(years)).isoformat()))


@rule("ST127", name="timed-tests", area="structure", severity=Severity.WARNING, clause="KATU §6.5",
      messages=("untimed",), thresholds=("structure.tests.time_limit_required",), criteria=(6,))
def timed_tests(ctx: RuleContext):
    if not ctx.threshold("structure.tests.time_limit_required"):
        return
    for task in tasks(ctx.model):
        if task.graded and task.assessment.time_limit_minutes is None:
            yield _task_finding(ctx, "untimed", task)


@rule("ST128", name="variant-bank", area="structure", severity=Severity.WARNING, clause="KATU §6.3",
      messages=("whole_bank", "too_small"), thresholds=("structure.tests.variant_bank_ratio",), needs=("quiz",),
      criteria=(6,))
def variant_bank(ctx: RuleContext):
    ratio = ctx.threshold("structure.tests.variant_bank_ratio")
    if not ratio:
        return
    for task in tasks(ctx.model):
        if not task.graded:
            continue
        drawn = task.assessment.questions_per_attempt
        bank = question_count(ctx, task.assessment)
        if drawn is None:
            yield _task_finding(ctx, "whole_bank", task, ratio=whole(ratio))
        elif bank is not None and bank < ratio * drawn:
            need = math.ceil(ratio * drawn)
            yield ctx.finding("too_small", field_path=task.path + ("questions_per_attempt",), module=task.module,
                              lesson=task.lesson,
                              params={**task.where, "count": bank, "drawn": drawn, "min": need},
                              measured=Quantity(bank, "questions"), expected=at_least(need, "questions"))
