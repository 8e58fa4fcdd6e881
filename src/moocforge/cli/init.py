"""``moocforge init``: a course skeleton from the templates."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from .common import PROFILE_OPTION, Language, resolve_language


# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 30

def init(
    course_dir: Path = typer.Argument(..., help="Folder to create the course in (new or empty)."),
    modules: int = typer.Option(4, "--modules", "-m", min=1, max=12,
                                help="Number of modules (weeks); the profile's range (ATU §8.1: 4–6)."),
    lessons: int = typer.Option(2, "--lessons", min=1, max=8,
                                help="Lessons per module; the profile's range (ATU §8.3: 2–4)."),
    lang: Optional[Language] = typer.Option(None, "--lang", "-l",
                                            help="Language of the course, its templates and this command's "
                                                 "messages (default: kk for the course)."),
    title: Optional[str] = typer.Option(None, "--title", help="Course title."),
    profile: Optional[str] = PROFILE_OPTION,
) -> None:
    """Create a course skeleton that `check` reads without structural errors.

    What check then reports is only the content still to be supplied. Numbers
    the profile's structure rules would refuse (e.g. 3 modules) are refused here.

    Examples:
      moocforge init my_course
      moocforge init my_course --modules 5 --lang ru --title "Деректер қоры"
    """
    from ..course.scaffold import COURSE_LANGUAGE, create_course
    from ..i18n import t

    created = create_course(course_dir, modules=modules, lessons=lessons, lang=lang.value if lang else COURSE_LANGUAGE,
                            title=title, profile=profile)
    message = t("course.init.created", resolve_language(lang), folder=str(course_dir), count=len(created))
    Console(highlight=False, soft_wrap=True).print(escape(message))


def register(app) -> None:
    app.command()(init)
