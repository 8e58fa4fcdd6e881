"""``moocforge init``: a course skeleton that ``check`` reads without structural errors.

The skeleton is planned first (``plan_course``: ids, outcomes, weights,
deadlines — pure data, easy to test) and then rendered from the jinja2
templates in ``templates/scaffold/`` (``moocforge.templating``). Phrases live in one
file per language (``texts/kk.yaml`` …) so the three languages cannot drift
apart structurally.

What the skeleton settles so that ``check`` finds no structural error: module
and lesson ids, at least four outcome ids per module, one or two outcomes per
lesson, a forum, a practical task, a summative assessment per module and a final
assessment that together cite every outcome, weekly workload within 3–5 hours,
weights summing to 100 and a deadline on every graded task. What it leaves to
the author is content: form 01 texts, PDFs, videos, questions, announcements.
Two documents come ready to write in: each lesson's form 04 lecture deck
(``slides_M_L.pptx``) and each week's form 03 self-study lecture
(``self_study.docx``, to be exported as ``self_study.pdf``), both made by
``moocforge.documents.templates`` in the course's language; `check` reports
the deck's placeholder sentences until the author replaces them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from .. import yamlio
from ..cache import CACHE_FOLDER_NAME
from ..documents.templates import template_deck, template_self_study
from ..languages import LANGUAGES
from ..profiles import DEFAULT_PROFILE, Profile, load_profile
from ..templating import render, template_files
from . import filekind
from .errors import CourseError
from .descriptor import DESCRIPTOR_NAMES, descriptor_near_misses
from .model import Course

# Choices of the skeleton itself (no clause sets them); every number the
# regulation sets comes from the profile (see plan_course).
COURSE_LANGUAGE = "kk"  # the skeleton's language when none is asked for: the regulation's own
COURSE_OUTCOMES = 4  # course-level outcomes in the skeleton (form 01 item 13)
FINAL_WEIGHT = 30  # share of the grade the final assessment carries, percent
QUESTIONS_PER_BANK = 2  # example questions: enough to show the format, few enough to be replaced


# ---------------------------------------------------------------- the plan

@dataclass(frozen=True)
class OutcomePlan:
    id: str
    supports: str  # the course outcome this module outcome contributes to


@dataclass(frozen=True)
class LessonPlan:
    number: int
    id: str
    folder: str
    outcomes: tuple[str, ...]


@dataclass(frozen=True)
class ModulePlan:
    number: int
    id: str
    folder: str
    outcomes: tuple[OutcomePlan, ...]
    lessons: tuple[LessonPlan, ...]
    workload_hours: float
    practical_weight: float
    assessment_weight: float
    deadline: dt.date

    @property
    def outcome_ids(self) -> list[str]:
        return [o.id for o in self.outcomes]

    @property
    def practical_outcomes(self) -> list[str]:
        # A practical task applies the week's later, applied outcomes.
        return self.outcome_ids[-2:]


@dataclass(frozen=True)
class CoursePlan:
    modules: tuple[ModulePlan, ...]
    course_outcomes: tuple[str, ...]
    final_weight: float
    final_deadline: dt.date
    start: dt.date

    @property
    def hours(self) -> float:
        return sum(m.workload_hours for m in self.modules)


def _spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers as evenly as possible, larger ones first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def split_weights(modules: int, profile: Profile | None = None) -> list[tuple[int, int]]:
    """Integer (practical task, module assessment) weights per module.

    With the final assessment they sum to the profile's total (ST117), and the
    practical tasks — parameterised in the skeleton, since a variant per
    learner is natural there — carry the share ATU §11.7 demands (ST118).
    """
    if modules < 1:
        return []
    profile = profile or load_profile()
    total = int(profile.get("structure.assessment_weights_total"))
    practical = math.ceil(total * profile.get("structure.protected_weight_share.min") / 100)
    assessments = total - practical - FINAL_WEIGHT
    return list(zip(_spread(practical, modules), _spread(assessments, modules)))


def lesson_outcome_groups(outcome_ids: list[str], lessons: int) -> list[list[str]]:
    """Give each lesson one or two consecutive module outcomes (ATU §8.3).

    Every outcome goes to some lesson when there are enough lessons; with more
    lessons than outcomes, later lessons revisit outcomes one at a time.
    """
    groups: list[list[str]] = []
    remaining = list(outcome_ids)
    for i in range(lessons):
        lessons_left = lessons - i
        take = 2 if len(remaining) > lessons_left else 1
        if remaining:
            groups.append(remaining[:take])
            remaining = remaining[take:]
        else:
            groups.append([outcome_ids[i % len(outcome_ids)]])
    return groups


def weekly_hours(modules: int, profile: Profile | None = None) -> int:
    """Hours per week: the middle of the profile's band (ATU §8.3), lowered when the
    course would pass its total (ATU §8.6), but never below the band."""
    profile = profile or load_profile()
    low = int(profile.get("structure.workload_hours_per_module.min"))
    high = int(profile.get("structure.workload_hours_per_module.max"))
    most = profile.get("structure.total_academic_hours.max")
    hours = (low + high) // 2
    while hours > low and hours * modules > most:
        hours -= 1
    return hours


def first_start(today: dt.date, profile: Profile | None = None) -> dt.date:
    """The first Monday after registration has been open long enough (ATU §12.1)."""
    weeks = (profile or load_profile()).get("structure.registration_weeks_before_start")
    day = today + dt.timedelta(weeks=weeks)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def plan_course(modules: int, lessons: int, start: dt.date, profile: Profile | None = None) -> CoursePlan:
    """Ids, outcomes, weights and deadlines of a skeleton with ``modules`` weeks."""
    profile = profile or load_profile()
    course_outcomes = tuple(f"LO{i}" for i in range(1, COURSE_OUTCOMES + 1))
    outcome_count = max(int(profile.get("structure.outcomes_per_module.min")), lessons)
    hours = weekly_hours(modules, profile)
    planned = []
    for n, (practical, assessment) in enumerate(split_weights(modules, profile), start=1):
        outcomes = tuple(OutcomePlan(f"M{n}.{k}", course_outcomes[(k - 1) % len(course_outcomes)])
                         for k in range(1, outcome_count + 1))
        folder = f"module-{n:02d}"
        groups = lesson_outcome_groups([o.id for o in outcomes], lessons)
        lesson_plans = tuple(LessonPlan(j, f"M{n}.L{j}", f"{folder}/lesson-{j:02d}", tuple(group))
                             for j, group in enumerate(groups, start=1))
        # Each week's graded work is due on its Sunday.
        deadline = start + dt.timedelta(days=7 * n - 1)
        planned.append(ModulePlan(n, f"M{n}", folder, outcomes, lesson_plans, hours,
                                  practical, assessment, deadline))
    final_deadline = start + dt.timedelta(days=7 * max(modules, 1) - 1)
    return CoursePlan(tuple(planned), course_outcomes, FINAL_WEIGHT, final_deadline, start)


# ---------------------------------------------------------------- rendering

@lru_cache(maxsize=None)
def phrases(lang: str) -> dict[str, object]:
    """The skeleton's phrases in one language (``templates/scaffold/texts/LANG.yaml``)."""
    text = (template_files() / "scaffold" / "texts" / f"{lang}.yaml").read_text(encoding="utf-8")
    return yamlio.load(text)


def _render(template: str, **context: object) -> str:
    return render(f"scaffold/{template}", **context)


def course_schema() -> dict:
    """The JSON Schema of course.yaml, as `moocforge schema` prints it."""
    document = Course.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "moocforge course.yaml"
    return document


def _bank(say: dict, question_key: str, where: str, answers: str) -> str:
    return _render("bank.aiken.txt.j2", say=say, question=say[question_key], where=where,
                   count=QUESTIONS_PER_BANK, answers=answers)


def render_files(plan: CoursePlan, lang: str, title: str | None, profile: str = DEFAULT_PROFILE) -> dict[str, str | bytes]:
    """Every file of the skeleton: course-relative path → text (or bytes, for the DOCX and PPTX templates)."""
    say = phrases(lang)
    files: dict[str, str] = {
        "course.yaml": _render("course.yaml.j2", say=say, plan=plan, lang=lang, title=title or "", profile=profile),
        "course.schema.json": json.dumps(course_schema(), ensure_ascii=False, indent=2) + "\n",
        "README.md": _render("README.md.j2", say=say, heading=title or "moocforge"),
        # The media cache lives in the course folder; it must not end up in the course's repository.
        ".gitignore": f"{CACHE_FOLDER_NAME}/\n",
    }
    for m in plan.modules:
        files[f"{m.folder}/announcement.md"] = _render("announcement.md.j2", say=say, number=m.number)
        files[f"{m.folder}/practical_task.md"] = _render("practical_task.md.j2", say=say, number=m.number,
                                                         deadline=m.deadline.isoformat())
        # Answer letters vary between banks, as form 05's own example does (D, then C).
        files[f"{m.folder}/assessment.aiken.txt"] = _bank(say, "bank_question_module", str(m.number), "BE")
        # Form 03: written here, exported to self_study.pdf beside it (form 01 item 19).
        files[f"{m.folder}/self_study.docx"] = template_self_study(lang, number=m.number, title=title)
        for lesson in m.lessons:
            files[f"{lesson.folder}/quiz.aiken.txt"] = _bank(say, "bank_question", f"{m.number}.{lesson.number}", "DC")
            files[f"{lesson.folder}/slides_{m.number}_{lesson.number}.pptx"] = template_deck(
                lang, lecture=f"{m.number}.{lesson.number}", title=title)
    files["final/final.aiken.txt"] = _bank(say, "bank_question_final", "", "AD")
    for name in ("pre", "post"):
        files[f"surveys/{name}.gift"] = _render("survey.gift.j2", say=say, name=name,
                                                heading=say[f"survey_{name}_title"], questions=say[f"survey_{name}"])
    # Folders the author fills with files found by convention; .gitkeep keeps them in git.
    for folder in ("docs", "promo"):
        files[f"{folder}/.gitkeep"] = ""
    return files


# ---------------------------------------------------------------- writing

def _check_target(course_dir: Path) -> None:
    """A new or empty folder; else one message saying what is there (never overwrite an author's files)."""
    kind = filekind.file_kind(course_dir)
    if kind == filekind.MISSING:
        return
    if kind != filekind.FOLDER:
        raise CourseError("course.init.target_is_file", file=str(course_dir), kind=filekind.label(kind),
                          hint="course.init.new_folder_hint")
    names = sorted(entry.name for entry in course_dir.iterdir())
    if not names:
        return
    descriptor = _descriptor_like(names)
    if descriptor:
        raise CourseError("course.init.has_course", file=str(course_dir), found=descriptor,
                          hint="course.init.has_course_hint", hint_params={"folder": str(course_dir)})
    raise CourseError("course.init.not_empty", file=str(course_dir), hint="course.init.new_folder_hint")


def _descriptor_like(names: list[str]) -> str | None:
    """A name in the folder that is, or was meant to be, a course descriptor (Course.yaml, course.yaml.txt)."""
    exact = next((name for name in names if name in DESCRIPTOR_NAMES), None)
    return exact or next((name for name, _ in descriptor_near_misses(names)), None)


def check_counts(modules: int, lessons: int, profile: Profile) -> None:
    """Refuse a skeleton the profile's structure rules would fail: `init` promises a structurally clean one."""
    for count, rule, key, message in ((modules, "ST101", "structure.modules", "course.init.modules_out_of_range"),
                                      (lessons, "ST102", "structure.lessons_per_module",
                                       "course.init.lessons_out_of_range")):
        low, high = profile.get(f"{key}.min"), profile.get(f"{key}.max")
        if not low <= count <= high:
            bounds = {"count": count, "min": low, "max": high}
            raise CourseError(message, profile=profile.name, clause=profile.clause(f"{key}.min") or rule, **bounds,
                              hint="course.init.range_hint", hint_params=bounds)


def create_course(course_dir: Path, *, modules: int, lessons: int, lang: str, title: str | None,
                  start: dt.date | None = None, profile: str | None = None) -> list[Path]:
    """Write a course skeleton into ``course_dir`` (new or empty); return the files created.

    ``start`` is the first day of the course (default: the first Monday two
    weeks from today); deadlines are the Sundays of each week. ``profile`` (a
    built-in name or a profile file, default atu-2025) sets the numbers and is
    written into course.yaml; counts its structure rules would fail are refused.
    """
    course_dir = Path(course_dir)
    if lang not in LANGUAGES:
        raise CourseError("course.init.unknown_language", lang=lang, hint="course.init.unknown_language_hint",
                          hint_params={"languages": ", ".join(LANGUAGES)})
    chosen = load_profile(profile)
    check_counts(modules, lessons, chosen)
    _check_target(course_dir)
    plan = plan_course(modules, lessons, start or first_start(dt.date.today(), chosen), chosen)
    files = render_files(plan, lang, title, profile or DEFAULT_PROFILE)
    created: list[Path] = []
    for rel, content in files.items():
        path = course_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": fail rather than overwrite, even if something appeared since the check above.
        try:
            if isinstance(content, bytes):
                with path.open("xb") as handle:
                    handle.write(content)
            else:
                with path.open("x", encoding="utf-8", newline="\n") as handle:
                    handle.write(content)
        except FileExistsError:
            raise CourseError("course.init.file_exists", file=str(path), hint="course.init.new_folder_hint") from None
        created.append(path)
    return created
