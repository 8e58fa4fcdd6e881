"""Which form from what: a course folder, the rubric and (forms 09–11) a merged review of that course."""

from __future__ import annotations

from pathlib import Path

from ..course.loader import load_course
from ..review.facts import ReviewInputError, ensure_same_course, identify
from ..review.merge import MergedReview, read_review
from ..review.rubric import Rubric
from .document import FormDocument
from .form01 import course_description
from .form02 import work_program
from .form09 import placement_certificate
from .form10 import score_sheet
from .form11 import ProtocolDetails, protocol

NEEDS_REVIEW = ("11",)


def read_review_of(course, review_path: str | Path, rubric: Rubric) -> MergedReview:
    """A merged review, refused when it was made for another course or another version of this one."""
    review = read_review(review_path, rubric)
    ensure_same_course(identify(course.model), review.course, file=str(review_path))
    return review


def build_form(form: str, course_dir: str | Path, rubric: Rubric, lang: str | None = None, *,
               review_path: str | Path | None = None, details: ProtocolDetails | None = None) -> FormDocument:
    """Form ``form`` (01, 02, 09, 10, 11) of the course in ``course_dir``, in ``lang`` (default: the course's)."""
    from ..i18n import choose_language

    course = load_course(course_dir)
    language = lang or choose_language(None, course.model.language)
    if form in NEEDS_REVIEW and review_path is None:
        raise ReviewInputError("forms.needs_review", form=form, hint="review.merged.hint")
    review = read_review_of(course, review_path, rubric) if review_path is not None else None
    details = details or ProtocolDetails()
    if form == "01":
        return course_description(course, rubric, language)
    if form == "02":
        return work_program(course, rubric, language, details.date)
    if form == "09":
        return placement_certificate(course.model, rubric, review, language, details.number)
    if form == "10":
        return score_sheet(course.model, rubric, review, language)
    return protocol(course.model, review, rubric, details, language)
