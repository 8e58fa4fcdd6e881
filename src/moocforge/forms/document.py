"""A form as neutral blocks: what the DOCX, PDF and HTML writers each lay out in their own way.

Each ATU form is built once (``form01`` … ``form11``) as a ``FormDocument``:
a corner code, a bilingual title block, headings, paragraphs, bordered
tables and signature lines. The three writers turn the same blocks into a
file, so the three formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    colspan: int = 1
    center: bool = False


@dataclass(frozen=True)
class Table:
    rows: list[list[Cell]]
    widths: list[float]  # relative widths of the columns
    header_rows: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    center: bool = False
    heading: bool = False  # the form's title: larger, centred, bold


@dataclass(frozen=True)
class TitleBlock:
    """The bilingual head of forms 09–11: the same lines in two languages side by side."""

    left: list[str]
    right: list[str]


@dataclass(frozen=True)
class Signature:
    role: str
    name: str  # the person, or the regulation's placeholder (Т.А.Ә.) when nobody is named


@dataclass(frozen=True)
class Signatures:
    items: list[Signature]


Block = Union[Paragraph, Table, TitleBlock, Signatures]


@dataclass
class FormDocument:
    code: str  # the regulation's document code, printed in the corner
    title: str  # the document's name (HTML title, PDF and DOCX properties)
    lang: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> "FormDocument":
        self.blocks.extend(blocks)
        return self

    def texts(self) -> list[str]:
        """Every text of the document, in order (what a reader of any format must find)."""
        out: list[str] = [self.code]
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, TitleBlock):
                out += block.left + block.right
            elif isinstance(block, Table):
                out += [cell.text for row in block.rows for cell in row]
            elif isinstance(block, Signatures):
                out += [part for item in block.items for part in (item.role, item.name)]
        return out
