"""The numbers behind each chart, read from the descriptor, the evidence and the profile.

Nothing here draws or words anything: each function returns plain data that
``charts`` turns into a picture and a table, so the numbers in the SVG and in
the table beside it cannot differ. Durations follow the rules (MD103, MD104):
what learners watch is the upload file, else the master.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...course.model import Course
from ...profiles import Profile
from ...review.facts import CheckFacts

# ---------------------------------------------------------------- video per week and per lesson

@dataclass(frozen=True)
class WeekVideo:
    module_id: str
    title: str
    seconds: float
    unmeasured: int  # videos of the week with no duration (links, unreadable files)


@dataclass(frozen=True)
class LessonVideo:
    label: str  # the lesson id, numbered when a lesson has several videos
    path: str
    seconds: float


@dataclass(frozen=True)
class VideoLengths:
    weeks: list[WeekVideo]
    lessons: list[LessonVideo]
    week_min: float  # minutes
    week_max: float
    lesson_min: float

    @property
    def measured(self) -> bool:
        return bool(self.lessons)


def video_lengths(facts: CheckFacts, profile: Profile) -> VideoLengths:
    weeks, lessons = [], []
    for module in facts.model.modules:
        total, unmeasured = 0.0, 0
        for lesson in module.lessons:
            for index, video in enumerate(lesson.videos, start=1):
                path, seconds = facts.video_seconds(video)
                if seconds is None:
                    unmeasured += 1
                    continue
                total += seconds
                label = lesson.id if len(lesson.videos) == 1 else f"{lesson.id} ({index})"
                lessons.append(LessonVideo(label or path, path, seconds))
        weeks.append(WeekVideo(module.id or "?", module.title or "", total, unmeasured))
    return VideoLengths(weeks, lessons,
                        profile.get("media.durations.weekly_video_min_minutes", 30),
                        profile.get("media.durations.weekly_video_max_minutes", 60),
                        profile.get("media.durations.lesson_video_min_minutes", 15))


# ---------------------------------------------------------------- loudness

@dataclass(frozen=True)
class VideoLoudness:
    path: str
    integrated: float  # LUFS
    true_peak: float | None  # dBTP


@dataclass(frozen=True)
class Loudness:
    videos: list[VideoLoudness]
    target_min: float
    target_max: float
    peak_max: float


def loudness(evidence: dict[str, Any], profile: Profile) -> Loudness:
    """Deep-analysis loudness (check --deep); an empty list when nothing was measured."""
    videos = []
    for path, item in sorted((evidence.get("qc") or {}).items()):
        if isinstance(item, dict) and not item.get("error") and isinstance(item.get("integrated_lufs"), (int, float)):
            peak = item.get("true_peak_dbtp")
            videos.append(VideoLoudness(path, float(item["integrated_lufs"]),
                                        float(peak) if isinstance(peak, (int, float)) else None))
    return Loudness(videos, profile.get("media.qc.loudness.integrated_min_lufs", -24),
                    profile.get("media.qc.loudness.integrated_max_lufs", -13),
                    profile.get("media.qc.loudness.true_peak_max_dbtp", -1.0))


# ---------------------------------------------------------------- quiz banks

@dataclass(frozen=True)
class WeekQuiz:
    label: str  # module id, or "final" for banks of no module
    in_lessons: int  # items of the lessons' practice quizzes
    in_tests: int  # items of the module test (or the final one)


@dataclass(frozen=True)
class BankKeys:
    path: str
    keys: dict[str, int]  # answer letter -> how many questions have it as the key

    @property
    def total(self) -> int:
        return sum(self.keys.values())

    @property
    def top_share(self) -> float:
        return max(self.keys.values()) / self.total if self.total else 0.0


@dataclass(frozen=True)
class QuizBanks:
    weeks: list[WeekQuiz]
    banks: list[BankKeys]
    letters: list[str]  # every key letter any bank uses, in order
    max_share: float  # the profile's limit of one letter's share (QZ109)
    min_questions: int  # below this many keyed questions a share says nothing


FINAL = "final"


def quiz_banks(model: Course, evidence: dict[str, Any], profile: Profile) -> QuizBanks:
    banks = {path: item for path, item in sorted((evidence.get("quiz") or {}).items())
             if isinstance(item, dict) and not item.get("error") and item.get("role") != "survey"}
    order = [m.id for m in model.modules]
    counts: dict[str, list[int]] = {module_id: [0, 0] for module_id in order}
    for item in banks.values():
        label = item.get("module") or FINAL
        counts.setdefault(label, [0, 0])[0 if item.get("lesson") else 1] += item.get("question_count") or 0
    weeks = [WeekQuiz(label, *counts[label]) for label in [*order, *(k for k in counts if k not in order)]
             if label in counts and (label != FINAL or sum(counts[label]))]
    keyed = [BankKeys(path, dict(sorted(((item.get("stats") or {}).get("answer_keys") or {}).items())))
             for path, item in banks.items()]
    keyed = [bank for bank in keyed if bank.total]
    letters = sorted({letter for bank in keyed for letter in bank.keys})
    return QuizBanks(weeks if any(w.in_lessons or w.in_tests for w in weeks) else [], keyed, letters,
                     profile.get("quiz.key_bias.max_share", 0.4), profile.get("quiz.key_bias.min_questions", 10))


# ---------------------------------------------------------------- outcome coverage

DIRECT, VIA = "direct", "via"  # an assessment names the outcome / names a module outcome that supports it


@dataclass(frozen=True)
class Coverage:
    outcomes: list[tuple[str, str]]  # (id, text), course outcomes first, then each module's
    assessments: list[tuple[str, str]]  # (where, title)
    cells: list[list[str]] = field(default_factory=list)  # per outcome, per assessment: DIRECT, VIA or ""

    def uncovered(self) -> list[str]:
        return [oid for (oid, _), row in zip(self.outcomes, self.cells) if not any(row)]


def coverage(model: Course) -> Coverage:
    outcomes = [(o.id, o.text) for o in model.outcomes]
    outcomes += [(o.id, o.text) for m in model.modules for o in m.outcomes]
    supports: dict[str, set[str]] = {}  # course outcome -> module outcomes that support it
    for module in model.modules:
        for outcome in module.outcomes:
            for course_outcome in outcome.supports or []:
                supports.setdefault(course_outcome, set()).add(outcome.id)
    tasks = model.assessments()
    cells = []
    for outcome_id, _ in outcomes:
        row = []
        for _, task in tasks:
            named = set(task.outcomes or [])
            row.append(DIRECT if outcome_id in named else VIA if named & supports.get(outcome_id, set()) else "")
        cells.append(row)
    return Coverage(outcomes, [(where, task.title or where) for where, task in tasks], cells)
