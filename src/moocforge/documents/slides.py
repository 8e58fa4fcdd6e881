"""Slide deck facts with python-pptx: slides, their text with real font sizes, pictures, slide size.

``read_deck(path, limits)`` never raises for a bad file. Before python-pptx
opens anything, the file is sniffed (an encrypted Office file, an old binary
``.ppt``, a Word document renamed ``.pptx``) and its ZIP directory is held to
``limits``: the number of members, their total unpacked size and the ratio of
unpacked to packed bytes. python-pptx reads every part into memory, so a ZIP
bomb must be refused before it is opened. Python's ``zipfile`` never
inflates a member beyond the size its directory entry declares, so checking
the declared sizes bounds what is read.

Each paragraph keeps the smallest size any of its runs is shown at
(``slide_fonts``: explicit, inherited from the layout and master, shrunk by
autofit); each picture its own pixels and the part of the slide it covers.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from ..media.probe import CallCounter
from . import sniff
from .text import MONOSPACE_FONT
from .slide_fonts import A, FURNITURE_TYPES, FontSizes, placeholder_of

# Bump when the shape or meaning of DeckFacts changes: older cached facts are then read again.
FACTS_SCHEMA = 1
READS = CallCounter()  # decks really opened (tests prove the cache works by this)

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.U)
_OFFICE_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}


@dataclass(frozen=True)
class DeckLimits:
    """What a deck may be before it is opened (the profile's ``slides.limits``)."""

    max_file_bytes: int
    max_unpacked_bytes: int
    max_ratio: float  # unpacked bytes per packed byte, over the whole archive
    max_members: int


class SlideParagraph(BaseModel):
    text: str
    size_pt: float | None = None  # the smallest size a run of it is shown at
    code: bool = False  # set in a monospace font
    title: bool = False  # in the slide's title placeholder
    furniture: bool = False  # slide number, footer, date: not content


class SlidePicture(BaseModel):
    name: str = ""
    width_px: int = 0  # the pixels of the visible (cropped) part of the image
    height_px: int = 0
    shown_width: float = 0.0  # share of the slide's width the picture covers (0–1)
    shown_height: float = 0.0


class SlideFacts(BaseModel):
    number: int  # 1-based, as PowerPoint numbers slides
    hidden: bool = False
    layout: str = ""
    paragraphs: list[SlideParagraph] = Field(default_factory=list)
    pictures: list[SlidePicture] = Field(default_factory=list)

    @property
    def content(self) -> list[SlideParagraph]:
        """What the slide says: no slide furniture, and no bare number (a slide number typed into a text box)."""
        return [p for p in self.paragraphs if not p.furniture and p.text.strip() and not p.text.strip().isdigit()]

    @property
    def heading(self) -> str:
        """The title placeholder's text, else the first line of content (text boxes in reading order)."""
        titles = [p.text for p in self.content if p.title]
        if titles:
            return " ".join(titles)
        return self.content[0].text if self.content else ""

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.content)

    @property
    def words(self) -> int:
        return sum(len(_WORD.findall(p.text)) for p in self.content)


class DeckFacts(BaseModel):
    status: str = sniff.OK
    kind: str = "pptx"  # what the file really is (for WRONG_TYPE)
    error: str | None = None
    limit: str | None = None  # for TOO_LARGE: which limit (file, unpacked, ratio, members)
    measured: float | None = None  # … and the value that passed it
    width_emu: int = 0
    height_emu: int = 0
    slides: list[SlideFacts] = Field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.status == sniff.OK

    def text(self) -> str:
        return "\n".join(slide.text for slide in self.slides)


def read_deck(path: Path, limits: DeckLimits) -> DeckFacts:
    """The facts of one slide deck, whatever state it is in."""
    path = Path(path)
    try:
        kind = sniff.sniff(path)
        size = path.stat().st_size
    except OSError as exc:
        return DeckFacts(status=sniff.UNREADABLE, error=exc.strerror or str(exc))
    if kind == "empty":
        return DeckFacts(status=sniff.EMPTY, kind=kind)
    if kind == sniff.OLE2:
        encrypted = sniff.is_encrypted_office_file(path, limits.max_file_bytes)
        return DeckFacts(status=sniff.ENCRYPTED if encrypted else sniff.WRONG_TYPE, kind="ole2")
    if kind != sniff.ZIP:
        return DeckFacts(status=sniff.WRONG_TYPE, kind=kind)
    if size > limits.max_file_bytes:
        return DeckFacts(status=sniff.TOO_LARGE, limit="file", measured=size)
    refused = _check_archive(path, size, limits)
    if refused is not None:
        return refused
    READS.increment()
    return _read_slides(path)


def _check_archive(path: Path, size: int, limits: DeckLimits) -> DeckFacts | None:
    """A ZIP directory within the limits and holding a presentation, else the facts saying why not."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return DeckFacts(status=sniff.CORRUPT, error=f"{type(exc).__name__}: {exc}")
    if len(members) > limits.max_members:
        return DeckFacts(status=sniff.TOO_LARGE, limit="members", measured=len(members))
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        return DeckFacts(status=sniff.TOO_LARGE, limit="unpacked", measured=unpacked)
    if size and unpacked / size > limits.max_ratio:
        return DeckFacts(status=sniff.TOO_LARGE, limit="ratio", measured=round(unpacked / size, 1))
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names:
        # OpenDocument files (LibreOffice Impress .odp) name their type in a "mimetype" member.
        return DeckFacts(status=sniff.WRONG_TYPE, kind="odf" if "mimetype" in names else "zip")
    found = next((kind for prefix, kind in _OFFICE_PARTS.items() if any(n.startswith(prefix) for n in names)), "zip")
    if found != "pptx":
        return DeckFacts(status=sniff.WRONG_TYPE, kind=found)
    return None


def _read_slides(path: Path) -> DeckFacts:
    from pptx import Presentation

    try:
        deck = Presentation(str(path))
        facts = DeckFacts(width_emu=int(deck.slide_width or 0), height_emu=int(deck.slide_height or 0))
        for number, slide in enumerate(deck.slides, start=1):
            facts.slides.append(_slide_facts(number, slide, deck, facts))
    except Exception as exc:  # python-pptx and lxml raise many kinds for a damaged part; each is the file's fault
        return DeckFacts(status=sniff.CORRUPT, error=f"{type(exc).__name__}: {exc}")
    return facts


def _reading_order(shapes) -> list:
    return sorted(shapes, key=lambda s: ((s.top or 0), (s.left or 0)))


def _flatten(shapes) -> list:
    """Every shape, group members included, in reading order (top to bottom, left to right)."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    found = []
    for shape in _reading_order(shapes):
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            found.extend(_flatten(shape.shapes))
        else:
            found.append(shape)
    return found


def _slide_facts(number: int, slide, deck, facts: DeckFacts) -> SlideFacts:
    sizes = FontSizes(slide, deck.element)
    result = SlideFacts(number=number, hidden=slide.element.get("show") == "0", layout=slide.slide_layout.name or "")
    for shape in _flatten(slide.shapes):
        result.paragraphs += _shape_paragraphs(shape, sizes)
        picture = _picture(shape, facts)
        if picture is not None:
            result.pictures.append(picture)
    return result


def _shape_paragraphs(shape, sizes: FontSizes) -> list[SlideParagraph]:
    placeholder = placeholder_of(shape.element)
    is_title = placeholder is not None and placeholder.type in ("title", "ctrTitle")
    furniture = placeholder is not None and placeholder.type in FURNITURE_TYPES
    frames = []
    if shape.has_text_frame:
        frames.append((shape.text_frame, shape.element))
    if getattr(shape, "has_table", False) and shape.has_table:
        frames += [(cell.text_frame, shape.element) for row in shape.table.rows for cell in row.cells]
    paragraphs = []
    for frame, owner in frames:
        styles, scale = sizes.chain(owner)
        for paragraph in frame.paragraphs:
            text = "".join(run.text for run in paragraph.runs).replace("\v", "\n")
            runs = [run for run in paragraph.runs if run.text.strip()]
            if not runs:
                continue
            shown = [sizes.size(run._r, paragraph._p, styles, scale) for run in runs]
            code = all(MONOSPACE_FONT.search(_font_name(run) or "") for run in runs)
            paragraphs.append(SlideParagraph(text=text, size_pt=min(shown), code=code, title=is_title,
                                             furniture=furniture))
    return paragraphs


def _font_name(run) -> str | None:
    latin = run._r.find(f"{A}rPr/{A}latin")
    return latin.get("typeface") if latin is not None else run.font.name


def _picture(shape, facts: DeckFacts) -> SlidePicture | None:
    """A picture shape (or a filled picture placeholder) with the pixels it shows."""
    try:
        image = shape.image
    except (AttributeError, ValueError, KeyError):
        return None  # not a picture, or an empty picture placeholder
    try:
        width_px, height_px = image.size
    except Exception:  # an image part Pillow cannot read: it will show as a broken picture
        width_px, height_px = 0, 0
    visible_w = max(0.0, 1 - (shape.crop_left or 0) - (shape.crop_right or 0))
    visible_h = max(0.0, 1 - (shape.crop_top or 0) - (shape.crop_bottom or 0))
    return SlidePicture(name=shape.name or "", width_px=int(width_px * visible_w), height_px=int(height_px * visible_h),
                        shown_width=round((shape.width or 0) / facts.width_emu, 4) if facts.width_emu else 0.0,
                        shown_height=round((shape.height or 0) / facts.height_emu, 4) if facts.height_emu else 0.0)
