"""What several forms share: the title block, names of languages and levels, authors, blanks."""

from __future__ import annotations

import datetime as dt

from ..course.model import Author, Course
from ..i18n import has_text, normalise_language, t
from ..review.rubric import Rubric
from ..templating import number
from .document import TitleBlock

BLANK = "_____"  # the regulation's blank where a value is missing, to be filled in by hand


def or_blank(value: object) -> str:
    text = "" if value is None else str(value).strip()
    return text or BLANK


def second_language(lang: str) -> str:
    """The right half of a bilingual title block: Russian beside Kazakh, as on the paper forms; else English."""
    return "ru" if lang in ("kk", "ru") else "en"


def institution_block(rubric: Rubric, lang: str, *, ministry: bool = False) -> TitleBlock:
    def lines(code: str) -> list[str]:
        return ([rubric.institution.ministry(code)] if ministry else []) + [rubric.institution.name(code)]

    return TitleBlock(lines("kk"), lines(second_language(lang)))


def language_name(value: str | None, lang: str) -> str:
    code = normalise_language(value)
    return t(f"forms.language.{code}", lang) if code else or_blank(value)


def level_name(value: str | None, lang: str) -> str:
    """beginner / intermediate / advanced in the form's words; any other wording as the author wrote it."""
    key = f"forms.difficulty.{(value or '').strip().lower()}"
    return t(key, lang) if value and has_text(key) else or_blank(value)


def author_line(author: Author) -> str:
    """Name – degree, position, workplace, e-mail: what forms 01, 02 and 09 ask of an author."""
    details = [part for part in (author.degree, author.position, author.workplace, author.email) if part]
    return f"{author.name} – {', '.join(details)}" if details else author.name


def authors_text(model: Course) -> str:
    return "\n".join(author_line(a) for a in model.authors) or BLANK


def head_of_department(model: Course, lang: str) -> str:
    """The signature role "head of department (the department)", as forms 02 and 11 print it."""
    return t("forms.sign.head", lang) + (f" ({model.department})" if model.department else "")


def author_names(model: Course, lang: str) -> str:
    return ", ".join(a.name for a in model.authors) or t("forms.full_name", lang)


def listed(items: list[str]) -> str:
    return "\n".join(f"– {item}" for item in items if item) or BLANK


def academic_year(day: dt.date) -> tuple[int, int]:
    """The academic year a date falls in (from 1 September)."""
    return (day.year, day.year + 1) if day.month >= 9 else (day.year - 1, day.year)


def credits_text(model: Course, lang: str) -> str:
    """Form 01 item 7, "credits / duration": whichever of credits, weeks and hours the descriptor gives."""
    parts = []
    if model.credits is not None:
        parts.append(t("forms.f01.credits_value", lang, credits=number(model.credits)))
    if model.duration_weeks:
        parts.append(t("forms.f01.weeks_value", lang, weeks=model.duration_weeks))
    if model.hours is not None:
        parts.append(t("forms.f01.hours_value", lang, hours=number(model.hours)))
    return " / ".join(parts) or BLANK
