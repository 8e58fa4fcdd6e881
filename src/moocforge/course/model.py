"""The course model: ATU form 01 (the descriptor) and the §8.7 structure.

``course.yaml`` is parsed into these classes. Unknown keys are refused so that
a misspelt field is reported instead of silently ignored. Paths are kept as
the author wrote them (relative to the course folder, ``/`` or ``\\``); the
loader resolves them and discovery fills in what the folder convention finds.

Structure (ATU §8.7)::

    Course ─ modules[] ─ lessons[] ─ videos[] (Block 1), reading[] (Block 2), quiz (Block 3)
           │          ├ forum, practical_task, assessment (summative, §8.4), announcement (§11.2)
           │          └ self_study PDF (form 01 item 19), assignments PDF (item 21)
           ├ final_assessment, documents (items 16–18), surveys (§12.10.1)
           └ outcomes (form 01 item 13); each module has its own outcomes (§8.2)
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .check_config import CheckConfig

FORMAT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


def course_path(value: str) -> str:
    """A course-relative path in its one form: '/'-separated, whatever system wrote it.

    Windows authors write ``module-01\\lesson-01\\a.mp4``; every later stage
    (discovery, evidence keys, findings, packaging) sees ``module-01/lesson-01/a.mp4``.
    """
    return value.replace("\\", "/")


# Every path field of the descriptor, normalised once as it is read.
CoursePath = Annotated[str, AfterValidator(course_path)]


def _as_list(value: Any) -> Any:
    """Authors often write one item as a plain string; accept it as a list."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return value


class Author(_Strict):
    """Form 01 item 5: name, workplace, position, academic degree / title."""

    name: str
    workplace: str | None = None
    position: str | None = None
    degree: str | None = None
    email: str | None = Field(default=None, description="Corporate e-mail (form 02).")


class Outcome(_Strict):
    """A learning outcome with a stable id that lessons and assessments cite."""

    id: str = Field(description="Stable id, e.g. LO1 or M1.2.")
    text: str = ""
    supports: list[str] = Field(
        default_factory=list,
        description="For a module outcome: ids of the course outcomes it contributes to.",
    )

    _list = field_validator("supports", mode="before")(_as_list)


class Video(_Strict):
    """One video lecture segment (Block 1). ``file`` is the upload file."""

    file: CoursePath | None = Field(default=None, description="Upload/delivery file (profile atu-upload).")
    title: str | None = None
    master: CoursePath | None = Field(default=None, description="Camera master of this video (profile atu-source).")
    subtitles: CoursePath | None = Field(default=None, description="Subtitle file (.srt or .vtt).")
    url: str | None = Field(default=None, description="Where the video is published, if not a file.")
    youtube: str | None = Field(default=None, description="YouTube video id, when the video is published there.")
    annotation: str | None = Field(default=None, description="A short annotation of the video (form 08).")


class Assessment(_Strict):
    """A graded or practice task: a quiz bank, an assignment, a project."""

    title: str | None = None
    kind: Literal["quiz", "assignment", "essay", "project", "peer_review", "lab", "other"] = "quiz"
    file: CoursePath | None = Field(default=None, description="Quiz bank (Aiken/GIFT) or task document.")
    questions: int | None = Field(default=None, ge=0, description="Declared number of questions when no bank file is given.")
    outcomes: list[str] = Field(default_factory=list, description="Ids of the outcomes this task checks (§11.6).")
    weight: float | None = Field(default=None, ge=0, le=100, description="Share of the final grade, percent.")
    deadline: dt.date | str | None = None
    parameterised: bool = Field(default=False, description="Unique conditions per learner (§11.7).")
    instructions: str | None = Field(default=None, description="How to do the task and how it is graded "
                                                               "(form 10 criterion 8).")
    time_limit_minutes: int | None = Field(default=None, ge=1, description="Time allowed for one attempt of a "
                                                                         "test, minutes (KATU §6.5).")
    questions_per_attempt: int | None = Field(default=None, ge=1, description="Questions drawn at random from the "
                                                                            "bank for each attempt (KATU §6.3).")

    _list = field_validator("outcomes", mode="before")(_as_list)


class Forum(_Strict):
    """The module's discussion exchange (§8.2)."""

    title: str | None = None
    prompt: str | None = None


class Lesson(_Strict):
    """A topic (lesson) of a module: video, reading, assessment (§8.7)."""

    id: str | None = None
    title: str
    dir: CoursePath | None = Field(default=None, description="Lesson folder; default module-NN/lesson-NN.")
    outcomes: list[str] = Field(default_factory=list, description="Module outcome ids covered (1–2, §8.3).")
    videos: list[Video] = Field(default_factory=list)
    reading: list[CoursePath] = Field(default_factory=list, description="Self-study files or URLs (Block 2).")
    slides: list[CoursePath] = Field(default_factory=list, description="Presentations (form 04).")
    quiz: Assessment | None = Field(default=None, description="Practice questions (Block 3).")

    _list = field_validator("outcomes", "reading", "slides", mode="before")(_as_list)

    @field_validator("videos", mode="before")
    @classmethod
    def _videos(cls, value: Any) -> Any:
        items = _as_list(value)
        return [{"file": v} if isinstance(v, str) else v for v in items]


class Module(_Strict):
    """A module is one week of the course (§8.1)."""

    id: str | None = None
    title: str
    dir: CoursePath | None = Field(default=None, description="Module folder; default module-NN.")
    workload_hours: float | None = Field(default=None, ge=0, description="Learner hours this week (3–5, §8.3).")
    announcement: str | None = Field(default=None, description="Weekly announcement text (400–600 characters, §11.2).")
    announcement_file: CoursePath | None = None
    outcomes: list[Outcome] = Field(default_factory=list)
    lessons: list[Lesson] = Field(default_factory=list)
    self_study: CoursePath | None = Field(default=None, description="Self-study lecture PDF (form 01 item 19).")
    assignments: CoursePath | None = Field(default=None, description="Assignments PDF (form 01 item 21).")
    practical_task: Assessment | None = None
    forum: Forum | None = None
    assessment: Assessment | None = Field(default=None, description="The week's summative assessment (§8.4).")
    annotation: str | None = Field(default=None, description="A short annotation of the module (form 08).")


class Documents(_Strict):
    """Form 01 items 16–18."""

    work_program: CoursePath | None = Field(default=None, description="Form 02, signed and dated (item 16).")
    glossary: CoursePath | None = Field(default=None, description="Glossary PDF (item 17, §11.9).")
    bibliography: CoursePath | None = Field(default=None, description="Bibliography PDF (item 18).")


class Survey(_Strict):
    file: CoursePath | None = None
    questions: int | None = Field(default=None, ge=0)


class Surveys(_Strict):
    """Before and after the course, ≤ 15 questions each (§12.10.1)."""

    pre: Survey | None = None
    post: Survey | None = None


class Placement(_Strict):
    """Where the approved course is placed (ATU form 09, the placement certificate)."""

    platform: str | None = Field(default=None, description="open.kaznu.kz, moocs.kz, Coursera, a Moodle site …")
    date: dt.date | None = Field(default=None, description="Placement date.")
    url: str | None = Field(default=None, description="Link to the course on the platform.")


StudyLevel = Literal["bachelor", "master", "doctoral"]


class Course(_Strict):
    """The whole descriptor: form 01 plus the course structure."""

    format: int = Field(default=FORMAT_VERSION, description="course.yaml format version.")
    profile: str | None = Field(default=None, description="Profile to check against (default atu-2025).")
    # --- form 01 items 1–15
    title: str | None = None
    university: str | None = None
    faculty: str | None = None
    department: str | None = None
    language: str | None = Field(default=None, description="Language of instruction: kk, ru or en.")
    audience: str | None = Field(default=None, description="Target audience / programme name (item 4).")
    authors: list[Author] = Field(default_factory=list)
    level: str | None = Field(default=None, description="beginner | intermediate | advanced, or form 01's own words "
                                                        "(бастауыш | орта | жоғары; начальный | средний | "
                                                        "продвинутый) (item 6).")
    credits: float | None = Field(default=None, ge=0)
    duration_weeks: int | None = Field(default=None, ge=0)
    hours: float | None = Field(default=None, ge=0, description="Total academic hours (≤ 30, §8.6).")
    general_education: bool = Field(default=False, description="General-education discipline: may exceed 100 h "
                                                               "per its model curriculum (§8.6).")
    prerequisites: list[str] = Field(default_factory=list)
    postrequisites: list[str] = Field(default_factory=list)
    annotation: str | None = Field(default=None, description="One sentence, ≤ 100 characters (item 10).")
    aim: str | None = None
    objectives: list[str] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list, description="Course learning outcomes (item 13).")
    promo_video: CoursePath | None = Field(default=None, description="Promo video / trailer, ≤ 3 minutes (item 14).")
    certificate: str | None = Field(default=None, description="Certificate and grading-system description (item 15).")
    licence: str | None = Field(default=None, description="Licence or copyright statement of the materials "
                                                          "(ATU §10.4; needed for open platforms).")
    interaction: str | None = Field(default=None, description="How learners and teachers interact: format (forum, "
                                                              "chat, video conference), times and tools (KazNU "
                                                              "guide of 16.03.2020, item 6).")
    # --- facts the review and placement forms need (forms 08, 09, 11)
    study_level: StudyLevel | None = Field(default=None, description="Level of study of form 11: bachelor, master "
                                                                      "or doctoral.")
    closing_video: CoursePath | None = Field(default=None, description="Closing video, 1–2 minutes (form 08).")
    placement: Placement | None = Field(default=None, description="Placement facts of form 09.")
    last_reviewed: dt.date | None = Field(default=None, description="When the content was last reviewed "
                                                                     "(content-refresh rules).")
    check: CheckConfig | None = Field(default=None, description="Settings of `moocforge check` for this course.")
    # --- items 16–22 and the structure
    documents: Documents = Field(default_factory=Documents)
    modules: list[Module] = Field(default_factory=list)
    final_assessment: Assessment | None = None
    surveys: Surveys = Field(default_factory=Surveys)

    _list = field_validator("prerequisites", "postrequisites", "objectives", mode="before")(_as_list)

    @field_validator("authors", mode="before")
    @classmethod
    def _authors(cls, value: Any) -> Any:
        items = _as_list(value)
        return [{"name": a} if isinstance(a, str) else a for a in items]

    # ---- navigation helpers used by rules and reports
    def all_outcome_ids(self) -> list[str]:
        ids = [o.id for o in self.outcomes]
        for module in self.modules:
            ids.extend(o.id for o in module.outcomes)
        return ids

    def assessments(self) -> list[tuple[str, Assessment]]:
        """Every assessment with a label saying where it sits."""
        found: list[tuple[str, Assessment]] = []
        for module in self.modules:
            for lesson in module.lessons:
                if lesson.quiz:
                    found.append((f"{module.id}/{lesson.id}/quiz", lesson.quiz))
            if module.practical_task:
                found.append((f"{module.id}/practical_task", module.practical_task))
            if module.assessment:
                found.append((f"{module.id}/assessment", module.assessment))
        if self.final_assessment:
            found.append(("final_assessment", self.final_assessment))
        return found
