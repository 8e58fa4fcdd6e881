"""The expert sheet as an Excel workbook (openpyxl), the way committees work.

One visible worksheet: the course's identity at the top, then a row per
criterion with the score (the only cells an expert types into besides the
comment; data validation keeps them to whole numbers in the rubric's scale),
the proposal, the comment, the three level descriptors beside the score and
the evidence. Everything else is locked (sheet protection without a password:
it guards against slips, not against the expert). A hidden worksheet holds
what the program needs to read the sheet back: format, rubric, the course's
fingerprint, the expert. Excel and LibreOffice both keep hidden sheets and
validation when they save.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from ..i18n import t
from .facts import CourseIdentity
from .rubric import Rubric
from .sheet import SHEET_FORMAT, SHEET_VERSION, Sheet, SheetEntry, SheetError, check_score

META_SHEET = "moocforge"
HEADER_ROW = 7
FIRST_ROW = HEADER_ROW + 1
# Columns of the criterion rows.
NUMBER, TITLE, SCORE, PROPOSED, COMMENT, LOW, MIDDLE, HIGH, EVIDENCE = range(1, 10)
WIDTHS = {NUMBER: 5, TITLE: 28, SCORE: 11, PROPOSED: 12, COMMENT: 36, LOW: 32, MIDDLE: 32, HIGH: 32, EVIDENCE: 60}
MAX_ROW_HEIGHT = 409  # points: the most Excel allows
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_EDITABLE = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_workbook(sheet: Sheet, rubric: Rubric) -> bytes:
    lang = sheet.language
    book = Workbook()
    ws = book.active
    ws.title = t("review.sheet.tab", lang)[:31]
    ws["A1"] = rubric.title(lang)
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=EVIDENCE)
    identity = [("review.sheet.course", sheet.course.title), ("review.sheet.fingerprint", sheet.course.fingerprint),
                ("review.sheet.expert", sheet.expert), ("review.sheet.date", sheet.date),
                ("review.sheet.technical_fault", t(f"report.{'yes' if sheet.technical_fault else 'no'}", lang))]
    for row, (key, value) in enumerate(identity, start=2):
        ws.cell(row, NUMBER, t(key, lang)).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=NUMBER, end_row=row, end_column=TITLE)
        ws.cell(row, SCORE, value)
        ws.merge_cells(start_row=row, start_column=SCORE, end_row=row, end_column=HIGH)
    headers = {NUMBER: "№", TITLE: t("review.sheet.criterion", lang),
               SCORE: t("review.sheet.score", lang, min=rubric.scale.min, max=rubric.scale.max),
               PROPOSED: t("review.sheet.proposed", lang), COMMENT: t("review.sheet.comment", lang),
               EVIDENCE: t("review.sheet.evidence", lang)}
    for column, level in zip((LOW, MIDDLE, HIGH), rubric.levels):
        headers[column] = level.label(lang)
    for column, text in headers.items():
        cell = ws.cell(HEADER_ROW, column, text)
        cell.font, cell.border, cell.alignment = Font(bold=True), _BORDER, _WRAP
    validation = DataValidation(type="whole", operator="between", formula1=str(rubric.scale.min),
                                formula2=str(rubric.scale.max), allow_blank=True, showErrorMessage=True,
                                errorTitle=t("review.sheet.score_title", lang),
                                error=t("review.sheet.score_hint", lang, min=rubric.scale.min, max=rubric.scale.max))
    ws.add_data_validation(validation)
    for offset, entry in enumerate(sheet.entries):
        row = FIRST_ROW + offset
        criterion = rubric.criterion(entry.number)
        values = {NUMBER: entry.number, TITLE: criterion.title(lang), SCORE: entry.score, PROPOSED: entry.proposed,
                  COMMENT: entry.comment, EVIDENCE: entry.evidence}
        for column, level in zip((LOW, MIDDLE, HIGH), rubric.levels):
            values[column] = criterion.levels[level.id](lang)
        for column, value in values.items():
            cell = ws.cell(row, column, value)
            cell.border, cell.alignment = _BORDER, _WRAP
        ws.row_dimensions[row].height = _height(values)
        for column in (SCORE, COMMENT):
            ws.cell(row, column).protection = Protection(locked=False)
            ws.cell(row, column).fill = _EDITABLE
    last = FIRST_ROW + len(sheet.entries) - 1
    validation.add(f"{get_column_letter(SCORE)}{FIRST_ROW}:{get_column_letter(SCORE)}{last}")
    for column, width in WIDTHS.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(FIRST_ROW, SCORE)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    _write_meta(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _height(values: dict[int, object]) -> float:
    """A row tall enough for its longest wrapped text (spreadsheets do not grow rows written by a program)."""
    lines = 1
    for column, value in values.items():
        chars_per_line = max(int(WIDTHS[column] * 1.2), 1)
        wrapped = sum(len(part) // chars_per_line + 1 for part in str(value or "").split("\n"))
        lines = max(lines, wrapped)
    return min(13.0 * lines, MAX_ROW_HEIGHT)


def _write_meta(book: Workbook, sheet: Sheet) -> None:
    meta = book.create_sheet(META_SHEET)
    rows = [("format", SHEET_FORMAT), ("version", SHEET_VERSION), ("rubric", sheet.rubric),
            ("title", sheet.course.title), ("fingerprint", sheet.course.fingerprint), ("expert", sheet.expert),
            ("language", sheet.language), ("date", sheet.date), ("technical_fault", int(sheet.technical_fault))]
    for row, (key, value) in enumerate(rows, start=1):
        meta.cell(row, 1, key)
        meta.cell(row, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


# ---------------------------------------------------------------- reading

def read_workbook(path: Path, rubric: Rubric) -> Sheet:
    file = str(path)
    try:
        book = load_workbook(path, data_only=True)  # values, as the program that saved it computed them
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError("review.sheet.not_xlsx", file=file, error=f"{type(exc).__name__}: {exc}",
                         hint="review.sheet.not_xlsx_hint") from None
    if META_SHEET not in book.sheetnames:
        raise SheetError("review.sheet.no_meta", file=file, sheet=META_SHEET, hint="review.sheet.not_xlsx_hint")
    meta = {str(row[0]).strip(): row[1] for row in book[META_SHEET].iter_rows(values_only=True)
            if row and row[0] is not None}
    if meta.get("format") != SHEET_FORMAT:
        raise SheetError("review.sheet.no_meta", file=file, sheet=META_SHEET, hint="review.sheet.not_xlsx_hint")
    visible = [ws for ws in book.worksheets if ws.title != META_SHEET]
    if not visible:
        raise SheetError("review.sheet.no_scores_sheet", file=file)
    ws = visible[0]
    lang = str(meta.get("language") or "en")
    entries = _entries(ws, rubric, file)
    identity = CourseIdentity(str(meta.get("title") or ""), str(meta.get("fingerprint") or ""))
    # The expert the sheet was made for (the hidden record), not a cell an unprotected sheet lets change.
    return Sheet(str(meta.get("rubric") or ""), identity, str(meta.get("expert") or ""),
                 lang, entries, bool(int(meta.get("technical_fault") or 0)), str(meta.get("date") or ""))


def _entries(ws, rubric: Rubric, file: str) -> list[SheetEntry]:
    """A row for each cell of column A that holds a criterion number, from the first row below the header."""
    entries: list[SheetEntry] = []
    for row in range(FIRST_ROW, ws.max_row + 1):
        number = ws.cell(row, NUMBER).value
        if number is None or str(number).strip() == "":
            continue
        try:
            number = int(float(str(number).strip()))
        except ValueError:
            continue  # a note an expert wrote under the table
        score_cell = ws.cell(row, SCORE)
        place = f"{ws.title}!{score_cell.coordinate}"  # a spreadsheet's own way to name a cell
        score = check_score(score_cell.value, rubric, file=file, place=place)
        comment = ws.cell(row, COMMENT).value
        proposed = ws.cell(row, PROPOSED).value
        entries.append(SheetEntry(number, score, int(proposed) if isinstance(proposed, (int, float)) else None,
                                  "" if comment is None else str(comment).strip(),
                                  str(ws.cell(row, EVIDENCE).value or ""), place))
    return entries
