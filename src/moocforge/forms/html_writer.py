"""A form as one self-contained HTML page (print it from a browser), through the shared jinja2 environment."""

from __future__ import annotations

from ..templating import render
from .document import FormDocument


def render_html(document: FormDocument) -> bytes:
    return render("forms/document.html.j2", doc=document).encode("utf-8")
