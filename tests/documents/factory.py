"""Real PDFs and slide decks for tests, made with the libraries (reportlab, python-pptx, Pillow).

``write_documents(root, descriptor, specs)`` is what a rule case's
``documents:`` patch runs (src/moocforge/rules/cases.py): first every PDF the
descriptor names and a form 04 deck per lesson are written as documents that
pass every PD and SL rule, made from the descriptor itself (a form 03 heading
with the course title, lecture number and topic; a form 02 work program with
all its sections and a module table that agrees; a glossary; a recent
bibliography); then each path in ``specs`` is replaced by what its spec says:

PDF (a path ending .pdf)::

    pages: ["text of page 1", …]       # lines split at \\n, drawn with a Kazakh-capable TrueType font
    scan: {pages: 3, pixels: [620, 877]}   # pages that are only a picture of paper (pixels per page)
    password: secret                   # encrypted with a user password
    raw: "text"                        # these bytes (UTF-8) and nothing else: "" is an empty file
    image: jpeg                        # a JPEG photo saved under the .pdf name

Deck (.pptx): a form 04 deck from the descriptor, changed by::

    set: {email: "…", photo: null, questions: […], summary_heading: "…", sections: [{heading, bullets, code}]}
    size: [10, 7.5]                    # slide size in inches
    picture: {pixels: [160, 120], inches: [8, 6]}   # a picture on a slide of its own
    placeholder_slide: {layout: 1, title: "…", body: ["…"], shrink: 40}  # text that inherits its size
    password: secret | raw: "…" | zip_bomb: 300   # an encrypted deck; bytes; a ZIP of a 300 MB zero member
"""

from __future__ import annotations

import io
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
A4 = (595.27, 841.89)


@lru_cache(maxsize=1)
def _font() -> str:
    """Register a TrueType font with Kazakh letters (the sample course's own finder) and return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from sample_builder.fonts import FontNotFound, find_font_files
    finally:
        sys.path.remove(str(REPO / "scripts"))
    try:
        regular = find_font_files()["regular"]
    except FontNotFound as exc:
        pytest.skip(f"no TrueType font with Kazakh letters: {exc}")
    pdfmetrics.registerFont(TTFont("TestSans", str(regular)))
    return "TestSans"


def picture_bytes(pixels: tuple[int, int], fmt: str = "PNG") -> bytes:
    """A picture with detail (so JPEG and PNG keep their size honestly)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", tuple(pixels), (235, 235, 225))
    draw = ImageDraw.Draw(image)
    for y in range(10, pixels[1] - 10, 14):
        draw.line((20, y, pixels[0] - 20, y), fill=(40, 40, 40), width=2)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def pdf_bytes(pages: list[str] = (), *, scan: dict | None = None, password: str | None = None) -> bytes:
    """A PDF of text pages (and pages that are only a picture of paper)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    encrypt = None
    if password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(userPassword=password, ownerPassword=password + "-owner")
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=1)
    for text in pages:
        pdf.setFont(_font(), 11)
        for k, line in enumerate(text.split("\n")):
            pdf.drawString(50, A4[1] - 60 - 16 * k, line)
        pdf.showPage()
    if scan:
        image = ImageReader(io.BytesIO(picture_bytes(tuple(scan.get("pixels", (620, 877))))))
        for _ in range(int(scan.get("pages", 1))):
            pdf.drawImage(image, 0, 0, width=A4[0], height=A4[1])
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ---------------------------------------------------------------- good documents from the descriptor

def _lectures(data: dict):
    number = 0
    for m, module in enumerate(data.get("modules", []), start=1):
        for lesson in module.get("lessons", []):
            number += 1
            yield m, number, lesson


def work_program_pages(data: dict) -> list[str]:
    """Form 02 in Kazakh: every section, a module table that agrees with the descriptor, a date, signatures."""
    head = ["«Алматы технологиялық университеті» АҚ", f"Факультет «{data.get('faculty', '')}»",
            f"Кафедра «{data.get('department', '')}»", "ЖАОК ЖҰМЫС БАҒДАРЛАМАСЫ", f"Курстың атауы: {data.get('title')}",
            "1.1 ЖАОК сипаттамасы", "1.2 Оқудың мақсаты", "1.3 Оқудың міндеттері", "1.4 Оқу нәтижелері",
            "1. Пререквизиттер", "2. Постреквизиттер", "3. Академиялық кредиттердің саны: 1",
            "4. Курстың күрделілік деңгейі: бастауыш"]
    table = ["ЖАОК құрылымы", "Модуль | Тексеру тапсырмаларының түрі мен саны"]
    current = 0
    for m, number, lesson in _lectures(data):
        if m != current:
            if current:
                table.append(f"№{current} модуль бойынша қорытынды бақылау | тест – 10 сұрақ")
            current = m
            table.append(f"Модуль №{m}. {data['modules'][m - 1].get('title', '')}")
        table.append(f"Дәріс {number}. {lesson.get('title', '')} | тест – 6 сұрақ")
    if current:
        table.append(f"№{current} модуль бойынша қорытынды бақылау | тест – 10 сұрақ")
    table += ["ЖАОК бойынша қорытынды бақылау | тест – 20 сұрақ", "«15» қаңтар 2026 ж.",
              "Кафедра меңгерушісі _____", "Курс авторы _____"]
    return ["\n".join(head), "\n".join(table)]


def glossary_pages(entries: int = 12) -> list[str]:
    return ["Глоссарий\n" + "\n".join(f"Термин{k} – терминнің {k}-анықтамасы" for k in range(1, entries + 1))]


def bibliography_pages(years=(2022, 2023, 2024, 2025)) -> list[str]:
    return ["Әдебиеттер тізімі\n" + "\n".join(f"{k}. Автор А. Кітап {k}. — Алматы: Баспа, {year}."
                                              for k, year in enumerate(years, start=1))]


def self_study_pages(data: dict, m: int) -> list[str]:
    module = data["modules"][m - 1]
    return [f"ЖАОК атауы: «{data.get('title')}»\nДәріс №{m}. Тақырыбы: {module.get('title')}\n"
            "Дәріс мәтіні: анықтамалар, мысалдар және суреттер."]


def good_pdfs(data: dict) -> dict[str, bytes]:
    documents = data.get("documents") or {}
    found: dict[str, bytes] = {}
    for m, module in enumerate(data.get("modules", []), start=1):
        for key in ("assignments",):
            if module.get(key):
                found[module[key]] = pdf_bytes([f"{m}-апта: өзіндік жұмыс тапсырмалары"])
        task = module.get("practical_task") or {}
        if str(task.get("file", "")).endswith(".pdf"):
            found[task["file"]] = pdf_bytes([f"{m}-практикалық тапсырма: нұсқалар мен қадамдар"])
        for lesson in module.get("lessons", []):
            for item in lesson.get("reading", []):
                if item.endswith(".pdf") and "://" not in item:
                    found[item] = pdf_bytes([f"{lesson.get('title')}: оқу материалы"])
        if module.get("self_study"):
            found[module["self_study"]] = pdf_bytes(self_study_pages(data, m))
    for name, pages in (("work_program", work_program_pages(data)), ("glossary", glossary_pages()),
                        ("bibliography", bibliography_pages())):
        if documents.get(name):
            found[documents[name]] = pdf_bytes(pages)
    return found


def deck_fields(data: dict, m: int, j: int) -> dict:
    from moocforge.documents.templates import Section

    author = (data.get("authors") or [{}])[0]
    lesson = data["modules"][m - 1]["lessons"][j - 1]
    return {"university": [data.get("university", "")], "faculty": f"Факультет «{data.get('faculty', '')}»",
            "department": f"Кафедра «{data.get('department', '')}»", "course": f"Курс атауы: «{data.get('title')}»",
            "lecture": f"{m}.{j}. {lesson.get('title')}",
            "author": f"{author.get('name')} – {author.get('position')}, {author.get('degree')}",
            "email": f"Корпоративтік e-mail: {author.get('email')}", "contents_heading": "Мазмұны",
            "questions": ["1-сұрақ. Анықтамалар", "2-сұрақ. Мысалдар", "3-сұрақ. Қолданылуы"],
            "sections": [Section("Анықтамалар", ["Бірінші тұжырым", "Екінші тұжырым"])],
            "summary_heading": "Тақырыптың түйіндемесі", "summary": ["Не білдік", "Қандай дағды алдық"],
            "photo": picture_bytes((480, 600)), "author_name": author.get("name", "")}


def deck_path(data: dict, m: int, j: int) -> str:
    lesson = data["modules"][m - 1]["lessons"][j - 1]
    return (lesson.get("slides") or [f"module-{m:02d}/lesson-{j:02d}/slides_{m}_{j}.pptx"])[0]


# ---------------------------------------------------------------- decks

def deck_bytes(fields: dict, spec: dict | None = None) -> bytes:
    from moocforge.documents.templates import LectureDeck, Section, form04_deck

    spec = spec or {}
    values = {**fields, **(spec.get("set") or {})}
    if spec.get("set", {}).get("sections"):
        values["sections"] = [Section(s["heading"], s.get("bullets", []), s.get("code", "")) for s in values["sections"]]
    data = form04_deck(LectureDeck(**values))
    if not any(key in spec for key in ("size", "picture", "placeholder_slide")):
        return data
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation(io.BytesIO(data))
    if spec.get("size"):
        deck.slide_width, deck.slide_height = Inches(spec["size"][0]), Inches(spec["size"][1])
    if spec.get("picture"):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        width, height = spec["picture"]["inches"]
        slide.shapes.add_picture(io.BytesIO(picture_bytes(tuple(spec["picture"]["pixels"]))), Inches(0.5), Inches(0.5),
                                 Inches(width), Inches(height)).name = "chart"
    if spec.get("placeholder_slide"):
        wanted = spec["placeholder_slide"]
        slide = deck.slides.add_slide(deck.slide_layouts[int(wanted.get("layout", 1))])
        slide.shapes.title.text = wanted.get("title", "")
        body = slide.placeholders[1].text_frame
        for k, line in enumerate(wanted.get("body", [])):
            (body.paragraphs[0] if k == 0 else body.add_paragraph()).text = line
        if wanted.get("shrink"):
            body_pr = body._txBody.bodyPr
            for child in list(body_pr):
                body_pr.remove(child)
            autofit = body_pr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit",
                                          {"fontScale": str(int(wanted["shrink"]) * 1000)})
            body_pr.append(autofit)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def encrypted(data: bytes, password: str) -> bytes:
    """An Office file encrypted as PowerPoint does it (ECMA-376 agile encryption, in an OLE2 container)."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool makes password-protected decks")
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A .pptx-named ZIP whose one member unpacks to ``megabytes`` of zeros (a few hundred kB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("ppt/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


# ---------------------------------------------------------------- the entry point

def _special(spec: dict) -> bytes | None:
    if "raw" in spec:
        return str(spec["raw"]).encode("utf-8")
    if spec.get("image"):
        return picture_bytes((640, 480), fmt=str(spec["image"]).upper().replace("JPG", "JPEG"))
    return None


def document_bytes(path: str, spec: dict, data: dict, default: bytes | None) -> bytes:
    special = _special(spec)
    if special is not None:
        return special
    if path.lower().endswith(".pdf"):
        return pdf_bytes(spec.get("pages", []), scan=spec.get("scan"), password=spec.get("password"))
    if spec.get("zip_bomb"):
        return zip_bomb(int(spec["zip_bomb"]))
    m_j = next(((m, j) for m, module in enumerate(data.get("modules", []), start=1)
                for j, _ in enumerate(module.get("lessons", []), start=1) if deck_path(data, m, j) == path), (1, 1))
    deck = deck_bytes(deck_fields(data, *m_j), spec)
    return encrypted(deck, spec["password"]) if spec.get("password") else deck


@lru_cache(maxsize=64)
def _cached_good(data_key: str) -> dict[str, bytes]:
    import json

    data = json.loads(data_key)
    files = good_pdfs(data)
    for m, module in enumerate(data.get("modules", []), start=1):
        for j, _ in enumerate(module.get("lessons", []), start=1):
            files[deck_path(data, m, j)] = deck_bytes(deck_fields(data, m, j))
    return files


def write_documents(root: Path, data: dict, specs: dict | None) -> None:
    """Good documents for the whole course, then each spec'd path as its spec says."""
    import json

    files = dict(_cached_good(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)))
    for path, spec in (specs or {}).items():
        files[path] = document_bytes(path, spec or {}, data, files.get(path))
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
