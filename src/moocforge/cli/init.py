"""``moocforge init``: a course skeleton from the templates."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .common import Language


def init(
    course_dir: Path = typer.Argument(..., help="Folder to create the course in (new or empty)."),
    modules: int = typer.Option(4, "--modules", "-m", min=1, max=12, help="Number of modules (weeks)."),
    lessons: int = typer.Option(2, "--lessons", min=1, max=8, help="Lessons per module."),
    lang: Language = typer.Option(Language["kk"], "--lang", "-l", help="Language of the course and its templates."),
    title: Optional[str] = typer.Option(None, "--title", help="Course title."),
) -> None:
    """Create a course skeleton that `check` reads without structural errors.

    What check then reports is only the content still to be supplied.

    Examples:
      moocforge init my_course
      moocforge init my_course --modules 5 --lang ru --title "Деректер қоры"
    """
    from ..course.scaffold import create_course

    created = create_course(course_dir, modules=modules, lessons=lessons, lang=lang.value, title=title)
    Console().print(f"created {course_dir} ({len(created)} files); next: moocforge check {course_dir}")
