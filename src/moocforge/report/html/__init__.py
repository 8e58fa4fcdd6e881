"""``moocforge report``: the check result as one self-contained HTML page with charts.

The page is made from the check's JSON document (``json_report.build_document``)
and the ``CheckFacts`` the review works from, so a live check and a saved
``check --format json`` (``--from``) go through the same code. Everything the
page needs is inside it: CSS, a small script (filters only; the page reads in
full without it) and the charts as inline SVG drawn by matplotlib. Nothing is
loaded from anywhere, so it opens from disk, from a CI artefact or a mail.

Modules: ``source`` (what the page is made from), ``overview``, ``findings_view``,
``rubric_view`` and ``chart_data`` (what each section says, as plain data),
``charts`` (matplotlib, imported only when a page is drawn), ``page`` (the
template filled in).
"""

from __future__ import annotations

from .page import render_page
from .source import ReportSource, RuleText

__all__ = ["ReportSource", "RuleText", "render_page"]
