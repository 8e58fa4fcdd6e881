"""The Coursera kit's tables: the item manifest (CSV for programs, XLSX for people) and question sheets.

XLSX is written with XlsxWriter: it writes workbooks only (all a kit needs),
streams rows, and — given a fixed creation date — writes the same bytes for
the same content, so a kit made twice is the same kit. The CSV keeps the
stable column ids; the XLSX heads its columns in the course's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import xlsxwriter

from ..i18n import t
from ..quiz.model import Bank, Kind
from ..quiz.moodle import FULL_CREDIT
from ..quiz.writers.gift import format_number

MANIFEST_COLUMNS = ("order", "module", "lesson", "item_type", "title", "files", "duration_seconds", "outcomes")
QUESTION_COLUMNS = ("number", "question_type", "question", "options", "correct", "feedback")
# A workbook's creation date is part of its bytes: a fixed one keeps kits reproducible.
_CREATED = dt.datetime(2000, 1, 1)


def manifest_csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def _workbook(sheet: str, headings: list[str], rows: list[list], widths: list[int]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": _CREATED})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    table = book.add_worksheet(sheet)
    table.write_row(0, 0, headings, bold)
    for number, row in enumerate(rows, start=1):
        table.write_row(number, 0, row, wrap)
    for column, width in enumerate(widths):
        table.set_column(column, column, width)
    table.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def manifest_xlsx(rows: list[list], lang: str) -> bytes:
    headings = [t(f"package.manifest.{column}", lang) for column in MANIFEST_COLUMNS]
    return _workbook("manifest", headings, rows, [6, 30, 30, 16, 40, 50, 10, 20])


def _answers(question) -> tuple[str, str]:
    """(options, correct answers) as a sheet shows them."""
    if question.kind is Kind.TRUEFALSE:
        return "True / False", "True" if question.truth else "False"
    if question.kind is Kind.NUMERICAL:
        best = [n for n in question.numbers if n.value is not None and n.fraction >= FULL_CREDIT]
        return "", "; ".join(f"{format_number(n.value)} ± {format_number(n.tolerance)}" for n in best)
    if question.kind is Kind.MATCH:
        return "", "; ".join(f"{pair.question.text} → {pair.answer}" for pair in question.pairs if pair.question.text)
    options = "\n".join(f"{chr(65 + i)}. {choice.text.text}" for i, choice in enumerate(question.choices))
    correct = [f"{chr(65 + i)}" if question.kind is Kind.MULTICHOICE else choice.text.text
               for i, choice in enumerate(question.choices) if choice.fraction > 0]
    return (options if question.kind is Kind.MULTICHOICE else ""), ", ".join(correct)


def questions_xlsx(bank: Bank, lang: str) -> bytes:
    """One row per question: its kind, text, options, correct answers and general feedback."""
    rows = []
    for number, question in enumerate(bank.questions, start=1):
        options, correct = _answers(question)
        feedback = question.general_feedback.text if question.general_feedback else ""
        rows.append([number, t(f"quiz.kind.{question.kind.value}", lang), question.stem.text, options, correct,
                     feedback])
    headings = [t(f"package.manifest.{column}", lang) for column in QUESTION_COLUMNS]
    return _workbook("questions", headings, rows, [6, 16, 60, 40, 20, 40])
