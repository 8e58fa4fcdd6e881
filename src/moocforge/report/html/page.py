"""The page itself: every section's data put into ``page.html.j2``, with the CSS and script inlined."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from importlib import resources

from jinja2 import FunctionLoader

from ... import __version__
from ...i18n import t
from ...review.merge import MergedReview
from ...review.rubric import Rubric
from ..common import summarise, summary_line
from . import charts, findings_view, overview, rubric_view
from .source import ReportSource

TEMPLATE = "page.html.j2"


def _read(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment():
    """The project's jinja2 environment (its ``t`` filter and strict undefined), reading this package's
    template, with HTML escaping always on."""
    from ...templating import environment

    return environment().overlay(loader=FunctionLoader(_read), autoescape=True)


def made_at() -> dt.datetime:
    """When the page was made; SOURCE_DATE_EPOCH (reproducible builds) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def render_page(source: ReportSource, lang: str, rubric: Rubric, review: MergedReview | None = None) -> str:
    """The whole HTML page in ``lang``; agreed scores beside the proposed ones when a merged review is given."""
    model = source.model
    passes, verdict = overview.verdict(source, lang)
    title = t("report_html.title", lang, title=model.title or t("report.untitled", lang))
    context = {
        "lang": lang,
        "title": title,
        "form01_heading": t("forms.f01.heading", lang),
        "version": __version__,
        "made_at": made_at(),
        "profile": source.document.get("profile", {}).get("name", ""),
        "course_path": source.document.get("course", {}).get("path", ""),
        "deep": bool(source.facts.deep),
        "passes": passes,
        "verdict": verdict,
        "counts": overview.severity_counts(source, lang),
        "summary": summary_line(summarise(source.facts.findings), lang),
        "form01": overview.form01_facts(source, rubric, lang),
        "totals": overview.totals(source, lang),
        "charts": charts.all_charts(source, lang),
        "groups": findings_view.finding_groups(source, lang),
        "severity_filters": findings_view.severity_filters(source, lang),
        "area_filters": findings_view.area_filters(source, lang),
        "rubric": rubric_view.rubric_view(source, rubric, lang, review),
        "css": _read("page.css"),
        "script": _read("page.js"),
    }
    return _environment().get_template(TEMPLATE).render(**context)
