"""``moocforge score`` and ``moocforge review sheet|merge``: the expert review of ATU forms 10 and 11."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Optional

import typer

from .common import (COURSE_OR_SAVED_ARGUMENT, LANG_OPTION, NO_CACHE_OPTION, PROFILE_OPTION, RUBRIC_OPTION, Language,
                     SimpleFormat, UsageProblem, console, resolve_language, write_output)

# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 60

FROM_OPTION = typer.Option(None, "--from", help="A saved `moocforge check --format json` result to score from.")
DEEP_OPTION = typer.Option(False, "--deep", help="Measure loudness, silence, black frames … for criteria 1, 2 and 7 "
                                                 "(slow; ignored with --from).")


class SheetFormat(str, enum.Enum):
    xlsx = "xlsx"
    yaml = "yaml"


class MergeMethod(str, enum.Enum):
    median = "median"
    mean = "mean"
    min = "min"


app = typer.Typer(help="Expert sheets pre-filled with the evidence, and merging a committee's sheets.\n\n"
                       "Example: moocforge review sheet my_course --expert \"Әлиева А.\"",
                  no_args_is_help=True)


def _facts(course: Optional[Path], saved: Optional[Path], profile: Optional[str], deep: bool, no_cache: bool):
    from ..review.workflow import course_facts

    if course is None and saved is None:
        raise UsageProblem("review.score.no_course", hint="review.score.no_course_hint")
    return course_facts(course, saved, profile=profile, deep=deep, use_cache=not no_cache)


def score(
    course: Optional[Path] = COURSE_OR_SAVED_ARGUMENT,
    saved: Optional[Path] = FROM_OPTION,
    format: SimpleFormat = typer.Option(SimpleFormat.terminal, "--format", "-f", help="terminal or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    rubric: Optional[str] = RUBRIC_OPTION,
    profile: Optional[str] = PROFILE_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    deep: bool = DEEP_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Propose a score for each rubric criterion (ATU form 10) from the check's findings and evidence.

    Criteria 4 (content) and 7 (speaker) need an expert; they get measurable hints only. An error-level media
    finding rules out 22–24 ("provided there are no technical faults").

    Examples:
      moocforge score my_course --deep
      moocforge check my_course --format json -o result.json && moocforge score --from result.json
    """
    from ..review.render import score_text
    from ..review.rubric import load_rubric
    from ..review.score import as_json, propose

    facts = _facts(course, saved, profile, deep, no_cache)
    language = resolve_language(lang, facts.model.language)
    report = propose(facts, load_rubric(rubric))
    if format == SimpleFormat.json:
        write_output(json.dumps(as_json(report, language), ensure_ascii=False, indent=2), output)
    else:
        write_output(score_text(report, language), output)


@app.command("sheet")
def sheet(
    course: Optional[Path] = COURSE_OR_SAVED_ARGUMENT,
    expert: str = typer.Option(..., "--expert", "-e", help="The expert's name, as it is to appear in the protocol."),
    format: Optional[SheetFormat] = typer.Option(None, "--format", "-f",
                                                 help="xlsx (default) or yaml; default: by the -o suffix."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where to write the sheet (default review-<expert>.xlsx here)."),
    saved: Optional[Path] = FROM_OPTION,
    rubric: Optional[str] = RUBRIC_OPTION,
    profile: Optional[str] = PROFILE_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    deep: bool = DEEP_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Write an expert's sheet pre-filled with the proposals and the evidence behind them.

    The expert edits the scores (0–3) and comments in Excel or LibreOffice (or the YAML in a text editor);
    `moocforge review merge` reads the sheets back.

    Examples:
      moocforge review sheet my_course --expert "Әлиева Айгүл" -o aliyeva.xlsx
      moocforge review sheet --from result.json --expert "Petrov P." --format yaml --lang ru
    """
    from .. import fileio
    from ..review.rubric import load_rubric
    from ..review.sheet import render_sheet, sheet_format
    from ..review.workflow import default_sheet_name, expert_sheet

    fmt = format.value if format else (sheet_format(output) if output is not None and str(output) != "-" else "xlsx")
    facts = _facts(course, saved, profile, deep, no_cache)
    chosen = load_rubric(rubric)
    made = expert_sheet(facts, chosen, expert, resolve_language(lang, facts.model.language))
    target = output
    if target is None:
        target = default_sheet_name(expert, fmt)
        if target.exists():
            raise UsageProblem("review.sheet.exists", file=str(target), hint="review.sheet.exists_hint")
    fileio.write_output(target, render_sheet(made, chosen, fmt))
    if str(target) != "-":
        console(stderr=True).print(str(target), highlight=False, markup=False)


@app.command("merge")
def merge(
    sheets: list[Path] = typer.Argument(..., help="The experts' sheets (.xlsx or .yaml), one per expert."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the merged review (YAML) here."),
    method: MergeMethod = typer.Option(MergeMethod.median, "--method", help="How the agreed score is found."),
    allow_fewer: bool = typer.Option(False, "--allow-fewer", help="Accept fewer experts than the rubric asks for."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why fewer experts (printed in the protocol)."),
    course: Optional[Path] = typer.Option(None, "--course", help="Also check every sheet is of this course folder."),
    rubric: Optional[str] = RUBRIC_OPTION,
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Merge the committee's sheets: every score, the agreed one, disagreements, Krippendorff's alpha, the band.

    Exit code 2 when a sheet is damaged, of another course, repeats an expert, or when there are fewer experts
    than the rubric asks for (unless --allow-fewer --reason TEXT).

    Examples:
      moocforge review merge aliyeva.xlsx petrov.xlsx nurlanov.yaml -o merged.yaml
      moocforge review merge a.xlsx b.xlsx --allow-fewer --reason "third expert on leave" -o merged.yaml
    """
    from ..review.merge import dump_review
    from ..review.render import merged_text
    from ..review.rubric import load_rubric
    from ..review.workflow import merge_files

    chosen = load_rubric(rubric)
    merged = merge_files(sheets, chosen, method.value, allow_fewer=allow_fewer, reason=reason, course=course,
                         output=output)
    language = resolve_language(lang, None)
    write_output(dump_review(merged, chosen, language), output)
    # The summary goes to stderr, so that stdout (or -o) holds the merged YAML alone.
    console(stderr=True).print(merged_text(merged, chosen, language), highlight=False, markup=False)


def register(parent) -> None:
    parent.command()(score)
    parent.add_typer(app, name="review")
