"""An expert's sheet: the proposals and evidence to start from, the expert's scores and comments.

A sheet is written as XLSX (what committees use; ``sheet_xlsx``) or YAML
(``sheet_yaml``) and read back from either. It records the course's identity
(title and descriptor fingerprint) and the rubric it was made for, so merging
a sheet of another course, or of an older version of this one, is refused.
Reading never writes: the experts' files stay exactly as they sent them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .facts import CourseIdentity, ReviewInputError
from .rubric import Rubric
from .score import Proposal, ScoreReport, evidence_lines

SHEET_FORMAT, SHEET_VERSION = "moocforge-review-sheet", 1
SHEET_SUFFIXES = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}
MAX_LISTED_FINDINGS = 12


class SheetError(ReviewInputError):
    """A sheet that cannot be merged: names the file and the sheet, cell or line."""


@dataclass
class SheetEntry:
    number: int
    score: int | None = None
    proposed: int | None = None
    comment: str = ""
    evidence: str = ""
    place: str = ""  # where the score stands: "Review!C9" in a workbook, "criteria[3].score" in YAML
    line: int | None = None  # in YAML


@dataclass
class Sheet:
    rubric: str
    course: CourseIdentity
    expert: str
    language: str
    entries: list[SheetEntry]
    technical_fault: bool = False
    date: str = field(default_factory=lambda: dt.date.today().isoformat())
    source: str = ""  # the file it was read from

    def entry(self, number: int) -> SheetEntry | None:
        return next((e for e in self.entries if e.number == number), None)


def new_sheet(report: ScoreReport, expert: str, lang: str) -> Sheet:
    """A sheet for ``expert`` with every proposal filled in as the starting score."""
    entries = [SheetEntry(p.number, p.score, p.score, "", evidence_text(p, lang)) for p in report.proposals]
    return Sheet(report.rubric.id, report.identity, expert, lang, entries, report.has_technical_fault)


def evidence_text(proposal: Proposal, lang: str) -> str:
    return "\n".join(evidence_lines(proposal, lang, MAX_LISTED_FINDINGS))


def sheet_format(path: str | Path, chosen: str | None = None) -> str:
    """xlsx or yaml: as asked, else by the file's suffix."""
    if chosen:
        return chosen
    suffix = Path(str(path)).suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise SheetError("review.sheet.suffix", file=str(path), suffix=suffix or "-")
    return SHEET_SUFFIXES[suffix]


def render_sheet(sheet: Sheet, rubric: Rubric, fmt: str) -> bytes:
    if fmt == "xlsx":
        from .sheet_xlsx import write_workbook

        return write_workbook(sheet, rubric)
    from .sheet_yaml import write_yaml

    return write_yaml(sheet, rubric).encode("utf-8")


def read_sheet(path: str | Path, rubric: Rubric) -> Sheet:
    """Read and validate one expert's sheet (XLSX or YAML, by its suffix)."""
    where_ = str(path)
    if not Path(path).is_file():
        raise SheetError("review.sheet.not_found", file=where_)
    if sheet_format(path) == "xlsx":
        from .sheet_xlsx import read_workbook

        sheet = read_workbook(Path(path), rubric)
    else:
        from .sheet_yaml import read_yaml

        sheet = read_yaml(Path(path), rubric)
    sheet.source = where_
    check_complete(sheet, rubric)
    return sheet


def check_score(value: object, rubric: Rubric, *, file: str, place: str, line: int | None = None) -> int | None:
    """A score cell's value as a whole number in the rubric's scale; None when empty; SheetError otherwise.

    Spreadsheets store numbers as floats (3.0) and LibreOffice may keep a typed
    "3" as text: both are the score 3. "3,5", "три" or 4 are refused.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = None
    if number is None:
        raise SheetError("review.sheet.score_text", file=file, line=line, place=place, value=str(value),
                         min=rubric.scale.min, max=rubric.scale.max, hint="review.sheet.score_hint",
                         hint_params={"min": rubric.scale.min, "max": rubric.scale.max})
    if not number.is_integer() or not rubric.scale.min <= number <= rubric.scale.max:
        raise SheetError("review.sheet.score_range", file=file, line=line, place=place, value=_plain(number),
                         min=rubric.scale.min, max=rubric.scale.max, hint="review.sheet.score_hint",
                         hint_params={"min": rubric.scale.min, "max": rubric.scale.max})
    return int(number)


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else str(number)


def check_complete(sheet: Sheet, rubric: Rubric) -> None:
    """Same rubric, every criterion present once and scored, the expert named."""
    file = sheet.source
    if sheet.rubric != rubric.id:
        raise SheetError("review.sheet.other_rubric", file=file, found=sheet.rubric, expected=rubric.id,
                         hint="review.sheet.rubric_hint")
    if not sheet.expert.strip():
        raise SheetError("review.sheet.no_expert", file=file)
    numbers = [e.number for e in sheet.entries]
    for number in numbers:
        if numbers.count(number) > 1:
            raise SheetError("review.sheet.duplicate", file=file, number=number)
        if number not in {c.number for c in rubric.criteria}:
            raise SheetError("review.sheet.unknown_criterion", file=file, number=number)
    for criterion in rubric.criteria:
        entry = sheet.entry(criterion.number)
        if entry is None:
            raise SheetError("review.sheet.missing_criterion", file=file, number=criterion.number,
                             title=criterion.title(sheet.language), hint="review.sheet.missing_hint")
        if entry.score is None:
            raise SheetError("review.sheet.not_scored", file=file, line=entry.line, number=criterion.number,
                             place=entry.place,
                             title=criterion.title(sheet.language), hint="review.sheet.score_hint",
                             hint_params={"min": rubric.scale.min, "max": rubric.scale.max})

