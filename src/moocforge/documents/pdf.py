"""PDF facts with pdfplumber: pages, text per page, images and their effective resolution.

``read_pdf(path, max_pages=…)`` never raises for a bad file. It first asks
``sniff`` what the file is (an empty file, a JPEG renamed ``.pdf`` …), then
opens it with pdfplumber and reads the pages one at a time, closing each
before the next, so that a long PDF costs the memory of one page plus the
text kept (see bench/bench_documents.py). Pages beyond ``max_pages`` are
counted, not read: ``PdfFacts.pages`` then holds the first ``max_pages``.

A page is *image-only* when it has (almost) no text and a picture covers
most of it: a scan or a phone photo of paper. Such a PDF cannot be searched,
copied from or read aloud by a screen reader.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field

from ..media.probe import CallCounter
from . import sniff
from .text import MONOSPACE_FONT

# Bump when the shape or meaning of PdfFacts changes: older cached facts are then read again.
FACTS_SCHEMA = 1
READS = CallCounter()  # PDFs really opened (tests prove the cache works by this)

_WORD = re.compile(r"[^\W\d_]+", re.U)


class PdfImage(BaseModel):
    """A picture on a page: its own pixels and the size it is shown at."""

    width_px: int
    height_px: int
    shown_width_pt: float
    shown_height_pt: float

    @property
    def dpi(self) -> float | None:
        """Pixels per inch as printed (the lower of the two directions); None for a degenerate box."""
        if self.shown_width_pt <= 0 or self.shown_height_pt <= 0:
            return None
        return min(self.width_px / (self.shown_width_pt / 72), self.height_px / (self.shown_height_pt / 72))


class PdfPage(BaseModel):
    number: int  # 1-based
    width_pt: float
    height_pt: float
    text: str = ""
    images: list[PdfImage] = Field(default_factory=list)
    image_cover: float = 0.0  # share of the page area under pictures (0–1)
    code_words: list[str] = Field(default_factory=list)  # words set in a monospace font
    tables: list[list[list[str]]] = Field(default_factory=list)  # each table's rows of cell texts

    @property
    def text_chars(self) -> int:
        return sum(1 for ch in self.text if not ch.isspace())

    def image_only(self, min_text_chars: int, min_cover: float) -> bool:
        return self.text_chars < min_text_chars and self.image_cover >= min_cover

    @property
    def lowest_dpi(self) -> float | None:
        values = [image.dpi for image in self.images if image.dpi]
        return min(values) if values else None


class PdfFacts(BaseModel):
    status: str = sniff.OK  # sniff.OK, EMPTY, WRONG_TYPE, ENCRYPTED, CORRUPT, UNREADABLE
    kind: str = sniff.PDF  # what the file really is (for WRONG_TYPE)
    error: str | None = None  # the reader's own words, for CORRUPT and UNREADABLE
    page_count: int = 0
    pages: list[PdfPage] = Field(default_factory=list)  # the pages read (at most max_pages)
    tagged: bool = False  # a tagged PDF (structure for screen readers)
    title: str | None = None  # document information: Title

    @property
    def readable(self) -> bool:
        return self.status == sniff.OK

    @property
    def truncated(self) -> bool:
        """Some pages were counted but not read (beyond the page limit)."""
        return len(self.pages) < self.page_count

    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @classmethod
    def failed(cls, status: str, **details) -> "PdfFacts":
        return cls(status=status, **details)


def read_pdf(path: Path, *, max_pages: int) -> PdfFacts:
    """The facts of one PDF file, whatever state it is in."""
    try:
        kind = sniff.sniff(path)
    except OSError as exc:
        return PdfFacts.failed(sniff.UNREADABLE, error=exc.strerror or str(exc))
    if kind == "empty":
        return PdfFacts.failed(sniff.EMPTY, kind=kind)
    if kind != sniff.PDF:
        return PdfFacts.failed(sniff.WRONG_TYPE, kind=kind)
    READS.increment()
    return _read_pages(Path(path), max_pages)


def _read_pages(path: Path, max_pages: int) -> PdfFacts:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    facts = PdfFacts()
    try:
        with pdfplumber.open(path, pages=range(1, max_pages + 1)) as pdf:
            facts.page_count = _page_count(pdf)
            facts.tagged, facts.title = _tagging(pdf), _title(pdf)
            for page in pdf.pages:
                try:
                    facts.pages.append(_page_facts(page))
                finally:
                    page.close()  # drop the page's parsed objects before the next one
            facts.page_count = max(facts.page_count, len(facts.pages))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        status = sniff.ENCRYPTED if _is_encryption_error(cause) else sniff.CORRUPT
        return PdfFacts.failed(status, error=_describe(cause))
    except Exception as exc:  # pdfminer raises many kinds for damaged files; each is the file's fault
        if _is_encryption_error(exc):
            return PdfFacts.failed(sniff.ENCRYPTED, error=_describe(exc))
        return PdfFacts.failed(sniff.CORRUPT, error=_describe(exc), page_count=facts.page_count,
                               pages=facts.pages)
    return facts


def _is_encryption_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    return isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError))


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _page_count(pdf) -> int:
    """Pages in the whole document, from the page tree (not only those read)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count"))
        return int(count) if isinstance(count, int) and count >= 0 else 0
    except Exception:  # a damaged page tree: the pages read will tell
        return 0


def _tagging(pdf) -> bool:
    from pdfminer.pdftypes import resolve1

    try:
        catalog = pdf.doc.catalog
        marked = resolve1(resolve1(catalog.get("MarkInfo")) or {}).get("Marked") if "MarkInfo" in catalog else None
        return bool(marked) or "StructTreeRoot" in catalog
    except Exception:
        return False


def _title(pdf) -> str | None:
    title = (pdf.metadata or {}).get("Title")
    return title.strip() if isinstance(title, str) and title.strip() else None


def _page_facts(page) -> PdfPage:
    width, height = float(page.width), float(page.height)
    images = [_image(item) for item in page.images]
    return PdfPage(number=page.page_number, width_pt=round(width, 2), height_pt=round(height, 2),
                   text=page.extract_text() or "", images=[i for i in images if i is not None],
                   image_cover=_cover(page.images, width, height), code_words=_code_words(page.chars),
                   tables=[[[cell or "" for cell in row] for row in table] for table in page.extract_tables()])


def _image(item: dict) -> PdfImage | None:
    size = item.get("srcsize") or (0, 0)
    try:
        width_px, height_px = int(size[0]), int(size[1])
    except (TypeError, ValueError, IndexError):
        return None
    return PdfImage(width_px=width_px, height_px=height_px, shown_width_pt=round(float(item["width"]), 2),
                    shown_height_pt=round(float(item["height"]), 2))


def _cover(images: list[dict], width: float, height: float) -> float:
    """Share of the page under pictures: each picture clipped to the page, overlaps counted once per picture."""
    if width <= 0 or height <= 0:
        return 0.0
    area = 0.0
    for item in images:
        x0, x1 = max(0.0, float(item["x0"])), min(width, float(item["x1"]))
        top, bottom = max(0.0, float(item["top"])), min(height, float(item["bottom"]))
        area += max(0.0, x1 - x0) * max(0.0, bottom - top)
    return round(min(1.0, area / (width * height)), 3)


def _code_words(chars: list[dict]) -> list[str]:
    """Words printed in a monospace font (code), so that spelling can leave them alone."""
    runs: list[str] = []
    current: list[str] = []
    for char in chars:
        if MONOSPACE_FONT.search(str(char.get("fontname", ""))):
            current.append(char.get("text", ""))
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return sorted({word for run in runs for word in _WORD.findall(run)})
