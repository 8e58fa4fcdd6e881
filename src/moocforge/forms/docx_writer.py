"""A form as a Word document with python-docx: bordered tables, the title block, signature lines."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .document import FormDocument, Paragraph, Signatures, Table, TitleBlock

# Word substitutes a font that has the letters when this one lacks them; Times New Roman
# (what the university's forms use) has every Kazakh letter on Windows and macOS.
FONT = "Times New Roman"
PAGE_WIDTH_CM = 17.0


def _paragraph(container, text: str, *, bold: bool = False, center: bool = False, size: float = 12):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _fill(cell, text: str, *, bold: bool = False, center: bool = False, size: float = 11) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document, block: Table) -> None:
    columns = len(block.widths)
    table = document.add_table(rows=len(block.rows), cols=columns)
    table.style = "Table Grid"  # every border drawn, as on the paper form
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(block.widths)
    for r, row in enumerate(block.rows):
        column = 0
        for cell in row:
            target = table.cell(r, column)
            if cell.colspan > 1:
                target = target.merge(table.cell(r, column + cell.colspan - 1))
            _fill(target, cell.text, bold=cell.bold or r < block.header_rows, center=cell.center)
            column += cell.colspan
    _widths(table, [PAGE_WIDTH_CM * width / total for width in block.widths])
    document.add_paragraph()


def _widths(table, centimetres: list[float]) -> None:
    """Fixed column widths: the grid (what LibreOffice reads) and every cell (what Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, centimetres):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _title_block(document, block: TitleBlock) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (block.left, block.right)):
        _fill(cell, "\n".join(lines), bold=True, center=True)
    document.add_paragraph()


def _signatures(document, block: Signatures) -> None:
    document.add_paragraph()
    table = document.add_table(rows=len(block.items), cols=3)
    _widths(table, [PAGE_WIDTH_CM * share for share in (0.40, 0.20, 0.40)])
    for row, item in zip(table.rows, block.items):
        _fill(row.cells[0], item.role)
        _fill(row.cells[1], "_______________", center=True)
        _fill(row.cells[2], item.name)


def render_docx(form: FormDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(12)
    style.paragraph_format.space_after = Pt(3)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    document.core_properties.title = form.title
    document.core_properties.language = form.lang
    document.core_properties.author = "moocforge"
    code = _paragraph(document, form.code, size=9)
    code.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for block in form.blocks:
        if isinstance(block, Paragraph):
            _paragraph(document, block.text, bold=block.bold or block.heading, center=block.center or block.heading,
                       size=14 if block.heading else 12)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, TitleBlock):
            _title_block(document, block)
        elif isinstance(block, Signatures):
            _signatures(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
