"""``moocforge protocol`` (ATU form 11) and ``moocforge forms`` (forms 01, 02, 09, 10) as DOCX, PDF or HTML."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Optional

import typer

from .common import LANG_OPTION, RUBRIC_OPTION, Language, UsageProblem, console

# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 65


class DocumentFormat(str, enum.Enum):
    docx = "docx"
    pdf = "pdf"
    html = "html"


class FormNumber(str, enum.Enum):
    course_description = "01"
    work_program = "02"
    placement = "09"
    score_sheet = "10"
    protocol = "11"


class YesNo(str, enum.Enum):
    yes = "yes"
    no = "no"


COURSE_ARGUMENT = typer.Argument(..., help="The course folder (the one holding course.yaml).")
FORMAT_OPTION = typer.Option(None, "--format", "-f", help="docx (default), pdf or html; default: by the -o suffix.")
OUTPUT_OPTION = typer.Option(None, "--output", "-o", help="Where to write (default form-NN.<format> here).")
NUMBER_OPTION = typer.Option(None, "--number", help="The document's number.")
DATE_OPTION = typer.Option(None, "--date", help="The document's date, YYYY-MM-DD (default today).")


def _format(chosen: Optional[DocumentFormat], output: Optional[Path]) -> str:
    if chosen:
        return chosen.value
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return {"htm": "html"}.get(suffix, suffix) if suffix in ("docx", "pdf", "html", "htm") else "docx"


def _date(value: Optional[str]) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageProblem("forms.cli.bad_date", value=value, hint="forms.cli.date_hint") from None


def _write(document, fmt: str, output: Optional[Path], form: str) -> None:
    from .. import fileio
    from ..forms import render

    target = output
    if target is None:
        target = Path(f"form-{form}.{fmt}")
        if target.exists():
            raise UsageProblem("review.sheet.exists", file=str(target), hint="review.sheet.exists_hint")
    fileio.write_output(target, render(document, fmt))
    if str(target) != "-":
        console(stderr=True).print(str(target), highlight=False, markup=False)


def protocol(
    course: Path = COURSE_ARGUMENT,
    review: Path = typer.Option(..., "--review", "-r", help="The merged review (moocforge review merge -o …)."),
    format: Optional[DocumentFormat] = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    rubric: Optional[str] = RUBRIC_OPTION,
    number: Optional[str] = NUMBER_OPTION,
    date: Optional[str] = DATE_OPTION,
    head: Optional[str] = typer.Option(None, "--head", help="Name of the head of department (signature line)."),
    conclusion: Optional[str] = typer.Option(None, "--conclusion", help="The conclusion (default: the decision "
                                                                        "for the total)."),
    actions: Optional[str] = typer.Option(None, "--actions", help="Actions planned to remove the non-compliance."),
    cause: Optional[str] = typer.Option(None, "--cause", help="Cause of the non-compliance (default: the experts' "
                                                              "comments)."),
    corrective: Optional[YesNo] = typer.Option(None, "--corrective", help="Is a corrective action needed (default: "
                                                                          "yes unless full compliance)."),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="Deadline for removing the non-compliance."),
) -> None:
    """Write the protocol of the expert review (ATU form 11) from a merged review.

    Examples:
      moocforge protocol my_course --review merged.yaml --lang kk -o protocol.docx
      moocforge protocol my_course --review merged.yaml --format pdf --number 7 --head "Сейітов С." -o p.pdf
    """
    from ..forms.build import build_form
    from ..forms.form11 import ProtocolDetails
    from ..review.rubric import load_rubric

    details = ProtocolDetails(number, _date(date), head, conclusion, actions, cause,
                              None if corrective is None else corrective == YesNo.yes, deadline)
    document = build_form("11", course, load_rubric(rubric), lang.value if lang else None, review_path=review,
                          details=details)
    _write(document, _format(format, output), output, "11")


def forms(
    course: Path = COURSE_ARGUMENT,
    form: FormNumber = typer.Option(..., "--form", help="01 description, 02 work program, 09 placement certificate, "
                                                        "10 score sheet, 11 protocol."),
    review: Optional[Path] = typer.Option(None, "--review", "-r",
                                          help="A merged review (forms 09, 10; needed for 11)."),
    format: Optional[DocumentFormat] = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    rubric: Optional[str] = RUBRIC_OPTION,
    number: Optional[str] = NUMBER_OPTION,
    date: Optional[str] = DATE_OPTION,
) -> None:
    """Write an ATU form from the course's descriptor (and the merged review for forms 09 and 10).

    Examples:
      moocforge forms my_course --form 01 -o description.docx
      moocforge forms my_course --form 09 --review merged.yaml --lang ru -o placement.pdf
    """
    from ..forms.build import build_form
    from ..forms.form11 import ProtocolDetails
    from ..review.rubric import load_rubric

    document = build_form(form.value, course, load_rubric(rubric), lang.value if lang else None, review_path=review,
                          details=ProtocolDetails(number=number, date=_date(date)))
    _write(document, _format(format, output), output, form.value)


def register(app) -> None:
    app.command()(protocol)
    app.command()(forms)
