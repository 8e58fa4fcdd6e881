"""``moocforge report``: the check result as one self-contained HTML page (charts, findings, rubric).

The page is made from a fresh check of COURSE, or from a saved
``check --format json`` (``--from``) so that CI can publish it without reading
any media again. Rule titles and their "how to fix" come from the rule
catalogue here, on the command line, because reporters never read the registry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import (
    COURSE_OR_SAVED_ARGUMENT,
    JOBS_OPTION,
    LANG_OPTION,
    NO_CACHE_OPTION,
    OUTPUT_OPTION,
    PROFILE_OPTION,
    RUBRIC_OPTION,
    Language,
    UsageProblem,
    resolve_language,
    write_output,
)

# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 15


def report(
    course: Optional[Path] = COURSE_OR_SAVED_ARGUMENT,
    output: Optional[Path] = OUTPUT_OPTION,
    saved: Optional[Path] = typer.Option(None, "--from", metavar="RESULT",
                                         help="A saved `moocforge check --format json` result to make the page from."),
    review: Optional[Path] = typer.Option(None, "--review", metavar="MERGED",
                                          help="A merged review (moocforge review merge): agreed scores beside "
                                               "the proposed ones."),
    rubric: Optional[str] = RUBRIC_OPTION,
    profile: Optional[str] = PROFILE_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    deep: bool = typer.Option(False, "--deep", help="Measure loudness, silence, black frames … for the loudness "
                                                    "chart (slow; ignored with --from)."),
    no_cache: bool = NO_CACHE_OPTION,
    jobs: Optional[int] = JOBS_OPTION,
) -> None:
    """Write the course report: one HTML page with charts, the findings and the rubric, readable offline.

    Exit code: 0 the page was written (whatever it finds); 2 usage error, unreadable course or result.

    Examples:
      moocforge report my_course -o report.html
      moocforge report my_course --deep --lang ru -o report.html
      moocforge check my_course --format json -o result.json && moocforge report --from result.json -o report.html
      moocforge report my_course --review merged.yaml -o report.html
    """
    from ..report.html import render_page
    from ..report.html.rubric_view import read_merged
    from ..review.rubric import load_rubric

    if course is None and saved is None:
        raise UsageProblem("report_html.cli.no_course", hint="report_html.cli.no_course_hint")
    chosen = load_rubric(rubric)
    source, language = _source(course, saved, profile, lang, deep, no_cache, jobs)
    merged = read_merged(source, review, chosen) if review is not None else None
    source.rule_texts = _rule_texts(source.document.get("rules", {}), source.profile, language)
    write_output(render_page(source, language, chosen, merged), output)


def _source(course, saved, profile, lang, deep, no_cache, jobs):
    """(ReportSource, language) of a saved result (checked to be of COURSE when both are given), else of a check."""
    from ..report.html.source import from_result, from_saved

    if saved is not None:
        source = from_saved(saved, profile)
        if course is not None:
            from ..course.loader import load_course
            from ..review.facts import ensure_same_course, identify

            ensure_same_course(identify(load_course(course).model), source.facts.identity, file=str(saved))
        return source, resolve_language(lang, source.model.language)
    from ..check import run_check
    from ..inspect import InspectOptions

    result = run_check(course, profile=profile, options=InspectOptions(deep=deep, use_cache=not no_cache, jobs=jobs))
    language = resolve_language(lang, result.course.model.language)
    return from_result(result, language), language


def _rule_texts(rules, profile, lang: str):
    """Title and "how to fix" of each rule the result names, in ``lang``, with the profile's thresholds."""
    from ..report.html import RuleText
    from ..report.html.findings_view import fix_part
    from ..rules.registry import get_rule

    texts = {}
    for rule_id in rules:
        found = get_rule(rule_id)
        if found is not None:
            texts[rule_id] = RuleText(found.title(lang, profile), fix_part(found.doc(lang, profile)))
    return texts


def register(app) -> None:
    app.command()(report)
