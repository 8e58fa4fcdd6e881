"""``moocforge init``: a course skeleton that ``check`` reads without structural errors.

The skeleton is planned first (``plan_course``: ids, outcomes, weights,
deadlines — pure data, easy to test) and then rendered from the jinja2
templates shipped in ``moocforge/templates/scaffold/``. Phrases live in one
file per language (``texts/kk.yaml`` …) so the three languages cannot drift
apart structurally.

What the skeleton settles so that ``check`` finds no structural error: module
and lesson ids, at least four outcome ids per module, one or two outcomes per
lesson, a forum, a practical task, a summative assessment per module and a final
assessment that together cite every outcome, weekly workload within 3–5 hours,
weights summing to 100 and a deadline on every graded task. What it leaves to
the author is content: form 01 texts, PDFs, videos, questions, announcements.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from jinja2 import Environment, FunctionLoader, StrictUndefined

from ..cache import CACHE_FOLDER_NAME
from ..languages import LANGUAGES
from .errors import CourseError
from .model import Course

COURSE_OUTCOMES = 4  # course-level outcomes in the skeleton (form 01 item 13)
MIN_MODULE_OUTCOMES = 4  # ATU §8.2
# Shares of the final grade, percent. The practical tasks carry half of it
# because ATU §11.7 wants at least 50 % from tasks unique to each learner, and
# a practical task is where a variant per learner is natural.
PRACTICAL_TOTAL, ASSESSMENT_TOTAL, FINAL_WEIGHT = 50, 20, 30
WEEKLY_HOURS = 4  # middle of the 3–5 h band (ATU §8.3)
MAX_COURSE_HOURS = 30  # ATU §8.6
REGISTRATION_WEEKS = 2  # registration opens two weeks before the start (ATU §12.1)
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


def split_weights(modules: int) -> list[tuple[int, int]]:
    """Integer (practical task, module assessment) weights per module.

    With the final assessment they sum to 100 (ST117), and the practical
    tasks — parameterised in the skeleton — carry 50 % (ATU §11.7, ST118).
    """
    if modules < 1:
        return []
    return list(zip(_spread(PRACTICAL_TOTAL, modules), _spread(ASSESSMENT_TOTAL, modules)))


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


def weekly_hours(modules: int) -> int:
    """Hours per week: 4, lowered to 3 when a long course would pass 30 hours (ATU §8.6)."""
    return WEEKLY_HOURS if WEEKLY_HOURS * modules <= MAX_COURSE_HOURS else 3


def first_start(today: dt.date) -> dt.date:
    """The first Monday at least two weeks away: registration needs that time (ATU §12.1)."""
    day = today + dt.timedelta(weeks=REGISTRATION_WEEKS)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def plan_course(modules: int, lessons: int, start: dt.date) -> CoursePlan:
    """Ids, outcomes, weights and deadlines of a skeleton with ``modules`` weeks."""
    course_outcomes = tuple(f"LO{i}" for i in range(1, COURSE_OUTCOMES + 1))
    outcome_count = max(MIN_MODULE_OUTCOMES, lessons)
    hours = weekly_hours(modules)
    planned = []
    for n, (practical, assessment) in enumerate(split_weights(modules), start=1):
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

def _template_dir():
    # importlib.resources, not a path next to this file: the templates ship in the wheel.
    return resources.files("moocforge") / "templates" / "scaffold"


def _load_template(name: str) -> str:
    return (_template_dir() / name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def phrases(lang: str) -> dict[str, object]:
    """The skeleton's phrases in one language."""
    return yaml.safe_load((_template_dir() / "texts" / f"{lang}.yaml").read_text(encoding="utf-8"))


def _fill(text: str, **values: object) -> str:
    """Replace ``{name}`` for the given names only; other braces stay as written."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def _comment(text: str, indent: int = 0) -> str:
    """Turn a phrase into YAML comment lines; the first line's indent comes from the template."""
    pad = " " * indent
    return ("\n" + pad).join(f"# {line}".rstrip() for line in text.splitlines())


def _yaml_str(value: object) -> str:
    # A JSON string is a valid YAML scalar: quotes, colons and '#' in a title stay safe.
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _gift_escape(text: str) -> str:
    return re.sub(r"([~=#{}:\\])", r"\\\1", text)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FunctionLoader(_load_template), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    env.filters.update(fill=_fill, comment=_comment, yaml_str=_yaml_str, num=_num, gift_escape=_gift_escape)
    return env


def _render(template: str, **context: object) -> str:
    return _environment().get_template(template).render(**context)


def course_schema() -> dict:
    """The JSON Schema of course.yaml, as `moocforge schema` prints it."""
    document = Course.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "moocforge course.yaml"
    return document


def _bank(t: dict, question_key: str, where: str, answers: str) -> str:
    return _render("bank.aiken.txt.j2", t=t, question=t[question_key], where=where,
                   count=QUESTIONS_PER_BANK, answers=answers)


def render_files(plan: CoursePlan, lang: str, title: str | None) -> dict[str, str]:
    """Every file of the skeleton: course-relative path → text."""
    t = phrases(lang)
    files: dict[str, str] = {
        "course.yaml": _render("course.yaml.j2", t=t, plan=plan, lang=lang, title=title or ""),
        "course.schema.json": json.dumps(course_schema(), ensure_ascii=False, indent=2) + "\n",
        "README.md": _render("README.md.j2", t=t, heading=title or "moocforge"),
        # The media cache lives in the course folder; it must not end up in the course's repository.
        ".gitignore": f"{CACHE_FOLDER_NAME}/\n",
    }
    for m in plan.modules:
        files[f"{m.folder}/announcement.md"] = _render("announcement.md.j2", t=t, number=m.number)
        files[f"{m.folder}/practical_task.md"] = _render("practical_task.md.j2", t=t, number=m.number,
                                                         deadline=m.deadline.isoformat())
        # Answer letters vary between banks, as form 05's own example does (D, then C).
        files[f"{m.folder}/assessment.aiken.txt"] = _bank(t, "bank_question_module", str(m.number), "BE")
        for lesson in m.lessons:
            files[f"{lesson.folder}/quiz.aiken.txt"] = _bank(t, "bank_question", f"{m.number}.{lesson.number}", "DC")
    files["final/final.aiken.txt"] = _bank(t, "bank_question_final", "", "AD")
    for name in ("pre", "post"):
        files[f"surveys/{name}.gift"] = _render("survey.gift.j2", t=t, name=name, heading=t[f"survey_{name}_title"],
                                                questions=t[f"survey_{name}"])
    # Folders the author fills with files found by convention; .gitkeep keeps them in git.
    for folder in ("docs", "promo"):
        files[f"{folder}/.gitkeep"] = ""
    return files


# ---------------------------------------------------------------- writing

def _check_target(course_dir: Path) -> None:
    if course_dir.exists() and not course_dir.is_dir():
        raise CourseError("a file with this name already exists", file=str(course_dir),
                          hint="choose a new folder name for the course")
    if course_dir.is_dir() and any(course_dir.iterdir()):
        raise CourseError("the folder exists and is not empty; moocforge init never overwrites files",
                          file=str(course_dir),
                          hint="choose a new or empty folder, e.g. `moocforge init my_course`")


def create_course(course_dir: Path, *, modules: int, lessons: int, lang: str, title: str | None,
                  start: dt.date | None = None) -> list[Path]:
    """Write a course skeleton into ``course_dir`` (new or empty); return the files created.

    ``start`` is the first day of the course (default: the first Monday two
    weeks from today); deadlines are the Sundays of each week.
    """
    course_dir = Path(course_dir)
    if lang not in LANGUAGES:
        raise CourseError(f"unknown language {lang!r}", hint=f"use one of {', '.join(LANGUAGES)}")
    _check_target(course_dir)
    plan = plan_course(modules, lessons, start or first_start(dt.date.today()))
    files = render_files(plan, lang, title)
    created: list[Path] = []
    for rel, text in files.items():
        path = course_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": fail rather than overwrite, even if something appeared since the check above.
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            raise CourseError("file already exists; moocforge init never overwrites files", file=str(path),
                              hint="choose a new or empty folder") from None
        created.append(path)
    return created
