"""Courses, check results, expert sheets and merged reviews for the review and forms tests.

Everything is made for real: a course folder (tests/course_factory.py), a
check of it, sheets written by moocforge and then edited the way an expert
would (openpyxl for the workbook, text edits for YAML), merged reviews made by
merging such sheets. ``run_cli`` runs the command line in this process, with
its real error handling and exit codes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
from pathlib import Path

from openpyxl import load_workbook

from course_factory import good_descriptor, write_course

FIRST_SCORE_ROW = 8  # moocforge.review.sheet_xlsx.FIRST_ROW
SCORE_COLUMN, COMMENT_COLUMN = 3, 5


def make_course(root: Path, **changes) -> Path:
    """A course that passes the foundation rules, with descriptor fields changed as given."""
    data = good_descriptor()
    data.update({"study_level": "bachelor", **changes})
    return write_course(root, data)


def run_cli(*args: object, cwd: Path | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `moocforge ARGS`, run in this process like the installed command."""
    import os

    from moocforge.cli.entry import main

    out, err = io.StringIO(), io.StringIO()
    argv, here = sys.argv, os.getcwd()
    sys.argv = ["moocforge", *map(str, args)]
    code = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.argv = argv
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


def write_sheet(course: Path, expert: str, target: Path, lang: str = "en") -> Path:
    code, _, err = run_cli("review", "sheet", course, "--expert", expert, "-o", target, "--lang", lang)
    assert code == 0, err
    return target


def score_workbook(path: Path, scores: list[int | str | None], comments: dict[int, str] | None = None) -> Path:
    """Type scores (and comments, by criterion number) into a workbook, as an expert in Excel would."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for offset, score in enumerate(scores):
        sheet.cell(FIRST_SCORE_ROW + offset, SCORE_COLUMN).value = score
    for number, text in (comments or {}).items():
        sheet.cell(FIRST_SCORE_ROW + number - 1, COMMENT_COLUMN).value = text
    book.save(path)
    return path


def committee(course: Path, folder: Path, scores: dict[str, list[int]], comments: dict[str, dict[int, str]] | None = None
              ) -> list[Path]:
    """One scored workbook per expert."""
    paths = []
    for index, (expert, values) in enumerate(scores.items()):
        path = write_sheet(course, expert, folder / f"expert-{index + 1}.xlsx")
        paths.append(score_workbook(path, values, (comments or {}).get(expert)))
    return paths


def merged_review(course: Path, folder: Path, scores: dict[str, list[int]], *extra: str,
                  comments: dict[str, dict[int, str]] | None = None) -> Path:
    target = folder / "merged.yaml"
    code, _, err = run_cli("review", "merge", *committee(course, folder, scores, comments), "-o", target, *extra)
    assert code == 0, err
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
