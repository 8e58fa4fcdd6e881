"""A form as PDF with reportlab, in an embedded font that has every Kazakh letter.

The standard PDF fonts have no Cyrillic at all, and a machine may have no
fonts installed: the DejaVu Serif faces shipped in ``templates/fonts/`` (with
their licence) are embedded (subset) in every PDF, so ә ғ қ ң ө ұ ү һ і print
and copy as themselves anywhere.
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle

from ..templating import template_files
from .document import FormDocument, Paragraph, Signatures, Table, TitleBlock

REGULAR, BOLD = "MoocforgeSerif", "MoocforgeSerif-Bold"
FONT_FILES = {REGULAR: "DejaVuSerif.ttf", BOLD: "DejaVuSerif-Bold.ttf"}
MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    folder = template_files() / "fonts"
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, io.BytesIO((folder / file).read_bytes())))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def _style(size: float = 10.5, bold: bool = False, center: bool = False) -> ParagraphStyle:
    return ParagraphStyle("form", fontName=BOLD if bold else REGULAR, fontSize=size, leading=size * 1.3,
                          alignment=TA_CENTER if center else TA_LEFT, spaceAfter=size * 0.4)


def _text(text: str, style: ParagraphStyle) -> PdfParagraph:
    return PdfParagraph(escape(text).replace("\n", "<br/>"), style)


def _table(block: Table):
    cells, spans = [], []
    for r, row in enumerate(block.rows):
        line, column = [], 0
        for cell in row:
            line.append(_text(cell.text, _style(9.5, cell.bold or r < block.header_rows, cell.center)))
            line += [""] * (cell.colspan - 1)
            if cell.colspan > 1:
                spans.append(("SPAN", (column, r), (column + cell.colspan - 1, r)))
            column += cell.colspan
        cells.append(line)
    total = sum(block.widths)
    table = PdfTable(cells, colWidths=[WIDTH * w / total for w in block.widths], repeatRows=block.header_rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *spans]))
    return table


def _title_block(block: TitleBlock):
    style = _style(10, bold=True, center=True)
    left = [_text(line, style) for line in block.left]
    right = [_text(line, style) for line in block.right]
    table = PdfTable([[left, right]], colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)]))
    return table


def _signatures(block: Signatures):
    style = _style(10.5)
    rows = [[_text(item.role, style), "_______________", _text(item.name, style)] for item in block.items]
    table = PdfTable(rows, colWidths=[WIDTH * 0.40, WIDTH * 0.20, WIDTH * 0.40])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 8)]))
    return table


def render_pdf(document: FormDocument) -> bytes:
    _register_fonts()
    flow = [_text(document.code, ParagraphStyle("code", fontName=REGULAR, fontSize=8, alignment=2))]
    for block in document.blocks:
        if isinstance(block, Paragraph):
            flow.append(_text(block.text, _style(13 if block.heading else 10.5, block.bold or block.heading,
                                                 block.center or block.heading)))
        elif isinstance(block, Table):
            flow += [_table(block), Spacer(1, 4 * mm)]
        elif isinstance(block, TitleBlock):
            flow += [_title_block(block), Spacer(1, 4 * mm)]
        elif isinstance(block, Signatures):
            flow += [Spacer(1, 4 * mm), _signatures(block)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                      bottomMargin=MARGIN, title=document.title, author="moocforge", lang=document.lang,
                      invariant=True).build(flow)
    return out.getvalue()
