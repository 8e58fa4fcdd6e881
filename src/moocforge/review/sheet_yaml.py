"""The expert sheet as YAML: the same content as the workbook, for experts who prefer a text editor.

Each criterion carries its level descriptors and the evidence as comments
above the entry, so the file reads like the paper form; only ``score`` and
``comment`` are meant to be edited. Reading keeps the line of every key, so a
misspelt key or a score of 4 is reported at its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..course.yaml_lines import nearest_line
from ..templating import render
from ..textio import read_text
from .facts import CourseIdentity
from .rubric import Rubric
from .sheet import SHEET_FORMAT, SHEET_VERSION, Sheet, SheetEntry, SheetError, check_score
from .yamldoc import parse_yaml, validate


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Identity(_Strict):
    title: str = ""
    fingerprint: str


class _Entry(_Strict):
    criterion: int
    proposed: int | None = None
    score: Any = None  # checked against the rubric's scale with its line
    comment: str | None = ""


class _SheetFile(_Strict):
    format: str
    version: int = Field(ge=1, le=SHEET_VERSION)
    rubric: str
    language: str = "en"
    course: _Identity
    expert: str
    date: str | None = None
    technical_fault: bool = False
    criteria: list[_Entry]


def write_yaml(sheet: Sheet, rubric: Rubric) -> str:
    return render("forms/review-sheet.yaml.j2", sheet=sheet, rubric=rubric, lang=sheet.language,
                  sheet_format=SHEET_FORMAT, sheet_version=SHEET_VERSION)


def read_yaml(path: Path, rubric: Rubric) -> Sheet:
    file = str(path)
    data, lines = parse_yaml(read_text(path).text, file, SheetError)
    if not isinstance(data, dict) or data.get("format") != SHEET_FORMAT:
        raise SheetError("review.sheet.not_sheet", file=file, hint="review.sheet.not_xlsx_hint")
    parsed = validate(_SheetFile, data, lines, file, SheetError)
    entries = []
    for index, item in enumerate(parsed.criteria):
        line = nearest_line(lines, ("criteria", index, "score"))
        score = check_score(item.score, rubric, file=file, line=line, place=f"criteria[{index}].score")
        entries.append(SheetEntry(item.criterion, score, item.proposed, (item.comment or "").strip(), "",
                                  f"criteria[{index}].score", line))
    return Sheet(parsed.rubric, CourseIdentity(parsed.course.title, parsed.course.fingerprint), parsed.expert,
                 parsed.language, entries, parsed.technical_fault, parsed.date or "")
