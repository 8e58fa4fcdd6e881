"""The review's steps as the commands call them: facts of a course, a sheet, a merge.

Each function takes what a user gives on the command line (paths, names,
options) and returns what the command prints or writes; the command line
itself only parses options and renders.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..course.loader import load_course
from .facts import CheckFacts, ReviewInputError, ensure_same_course, identify, read_check_result
from .merge import MergedReview, MergeError, merge_sheets
from .rubric import Rubric
from .score import propose
from .sheet import Sheet, new_sheet, read_sheet


def course_facts(course: str | Path | None, saved: str | Path | None = None, *, profile: str | None = None,
                 deep: bool = False, use_cache: bool = True) -> CheckFacts:
    """The facts of a saved check result (checked to be of ``course`` when both are given), else of a fresh check."""
    if saved is not None:
        facts = read_check_result(saved)
        if course is not None:
            ensure_same_course(identify(load_course(course).model), facts.identity, file=str(saved))
        return facts
    from ..check import run_check
    from ..inspect import InspectOptions

    if course is None:
        raise ReviewInputError("review.score.no_course", hint="review.score.no_course_hint")
    return CheckFacts.from_result(run_check(course, profile=profile,
                                            options=InspectOptions(deep=deep, use_cache=use_cache)))


def expert_sheet(facts: CheckFacts, rubric: Rubric, expert: str, lang: str) -> Sheet:
    if not expert.strip():
        raise ReviewInputError("review.sheet.no_expert", file="--expert")
    return new_sheet(propose(facts, rubric), expert.strip(), lang)


def default_sheet_name(expert: str, fmt: str) -> Path:
    """review-<expert>.<format> in the working directory, letters of any script kept."""
    slug = re.sub(r"[^\w]+", "-", expert.strip(), flags=re.UNICODE).strip("-").lower() or "expert"
    return Path(f"review-{slug}.{fmt}")


def merge_files(paths: list[Path], rubric: Rubric, method: str, *, allow_fewer: bool = False,
                reason: str | None = None, course: str | Path | None = None,
                output: Path | None = None) -> MergedReview:
    """Read, validate and merge the sheets at ``paths`` (never writing to one of them)."""
    if allow_fewer and not (reason or "").strip():
        raise MergeError("review.merge.no_reason", hint="review.merge.too_few_hint")
    if output is not None and str(output) != "-":
        target = output.resolve()
        for path in paths:
            if path.resolve() == target:
                raise MergeError("review.merge.output_is_sheet", file=str(output))
    sheets = [read_sheet(path, rubric) for path in paths]
    if course is not None:
        expected = identify(load_course(course).model)
        for sheet in sheets:
            ensure_same_course(expected, sheet.course, file=sheet.source)
    return merge_sheets(sheets, rubric, method, allow_fewer=allow_fewer, reason=(reason or "").strip() or None)
