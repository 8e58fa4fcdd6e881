"""Reading the written forms back the way a person's software would: python-docx, pdfplumber, an HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
from docx import Document


def docx_paragraphs(path: Path) -> list[str]:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return texts


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(str(path)).tables]


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def flat(text: str) -> str:
    """Whitespace and line breaks as one space (a PDF wraps long lines)."""
    return re.sub(r"\s+", " ", text)


def pdf_cells(path: Path) -> list[str]:
    """Every table cell's text on every page, wrapped lines joined (cells read as cells, not line by line)."""
    with pdfplumber.open(path) as pdf:
        return [flat(cell or "").strip() for page in pdf.pages for table in page.extract_tables()
                for row in table for cell in row]
