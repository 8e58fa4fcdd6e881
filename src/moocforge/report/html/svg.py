"""A matplotlib figure as SVG markup to put inside an HTML page.

matplotlib writes a standalone SVG file: an XML declaration, a DOCTYPE naming
a DTD by URL, RDF metadata, fixed width and height, and ids such as
``patch_1`` that every chart repeats. Inline in one page those would be a
reference to a remote resource, a picture that does not shrink on a phone,
and ids that collide (a clip path of one chart cutting another). So: keep
only the ``<svg>`` element, drop the metadata and the fixed size (the viewBox
keeps the proportions), prefix every id with the chart's, and give it its
text alternative (``role="img"`` named by its ``<title>``).
"""

from __future__ import annotations

import html
import io
import re

# Text stays text (the browser draws it with a local font: nothing is fetched, and it is
# selectable and smaller than paths); a fixed hash salt makes the same chart the same bytes.
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "moocforge", "font.family": "DejaVu Sans", "font.size": 9}


def figure_svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def inline_svg(raw: str, chart_id: str, title: str) -> str:
    text = raw[raw.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{chart_id}-{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{chart_id}-{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{chart_id}-{m.group(1)}"', text)
    opening = re.match(r"<svg\b[^>]*>", text)
    assert opening is not None, "matplotlib wrote no <svg> element"
    tag = re.sub(r'\s(width|height)="[^"]*"', "", opening.group(0))
    tag = tag[:-1] + f' role="img" aria-labelledby="{chart_id}-title" focusable="false" class="chart-svg">'
    return f'{tag}<title id="{chart_id}-title">{html.escape(title)}</title>{text[opening.end():].strip()}'
