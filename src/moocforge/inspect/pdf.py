"""PDF evidence (``pdf``) and the spelling of PDF and slide text (``spelling``).

``pdf``: the facts of every PDF the course names — form 01 documents, weekly
self-study lectures and assignments, practical tasks, lesson reading — read
with pdfplumber through the shared cache, so a second ``check`` of an
unchanged course opens no PDF (``documents.pdf.READS`` counts the openings).

``spelling``: unknown words per PDF and deck, from the text the ``pdf`` and
``slides`` evidence already holds (no file is opened again), cached by the
document and the dictionaries used, so a warm check loads no dictionary.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..cache import ResultCache, file_identity
from ..documents import sniff
from ..documents.pdf import FACTS_SCHEMA, PdfFacts, read_pdf
from ..documents.spelling import (SpellChecker, UnknownWord, dictionary_identity, find_dictionaries, spylls_version,
                                  wanted_languages)
from ..i18n import normalise_language
from . import Gathering, collector
from .media import cache_folder

# Roles (course.loader.FileRef.role) whose files are documents to read when they are PDFs.
PDF_ROLES = ("document", "self_study", "assignments", "task", "reading")
SPELLING_SCHEMA = 1


@lru_cache(maxsize=1)
def reader_version() -> str:
    return f"pdfplumber {version('pdfplumber')}; pdfminer {version('pdfminer.six')}; facts {FACTS_SCHEMA}"


def document_refs(subject, roles: tuple[str, ...], suffixes: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Course-relative path → absolute path of the existing files of ``roles`` (named ``*suffixes``, if given)."""
    found: dict[str, Any] = {}
    for ref in subject.refs_by_role(*roles):
        if ref.is_url or ref.path in found or (suffixes and not ref.path.lower().endswith(suffixes)):
            continue
        path = subject.readable_file(ref.path)  # missing or outside: LK101/LK102 say so; never read
        if path is not None:
            found[ref.path] = path
    return found


def result_cache(g: Gathering) -> ResultCache:
    return ResultCache(cache_folder(g.subject, g.options), read=g.options.use_cache)


def keep_readable(facts) -> bool:
    # A file that could not be read at all may be readable next time (permissions fixed).
    return facts.status != sniff.UNREADABLE


def pdf_json(facts: PdfFacts) -> dict[str, Any]:
    """What the JSON result keeps of a PDF: its state and page figures, not its text."""
    return {"status": facts.status, "kind": facts.kind, "error": facts.error, "page_count": facts.page_count,
            "pages_read": len(facts.pages), "tagged": facts.tagged, "title": facts.title,
            "pages": [{"page": page.number, "text_chars": page.text_chars, "images": len(page.images),
                       "lowest_dpi": round(page.lowest_dpi) if page.lowest_dpi else None,
                       "image_cover": page.image_cover, "tables": len(page.tables)} for page in facts.pages]}


@collector("pdf", to_json=pdf_json)
def collect_pdf(g: Gathering) -> dict[str, PdfFacts]:
    cache = result_cache(g)
    max_pages = int(g.profile.get("pdf.limits.max_pages"))
    facts: dict[str, PdfFacts] = {}
    for rel, path in document_refs(g.subject, PDF_ROLES, (".pdf",)).items():
        facts[rel] = cache.cached("pdf", file_identity(path), reader_version(), {"max_pages": max_pages},
                                  lambda p=path: read_pdf(p, max_pages=max_pages),
                                  encode=lambda value: value.model_dump(), decode=PdfFacts.model_validate, keep=keep_readable)
    return facts


# ---------------------------------------------------------------- spelling

@dataclass
class SpellingResult:
    """One document's spelling: the languages checked (none: no dictionary) and the unknown words."""

    kind: str  # "pdf" (positions are pages) or "slides" (positions are slides)
    checked: list[str] = field(default_factory=list)
    unknown: list[UnknownWord] = field(default_factory=list)
    wanted: list[str] = field(default_factory=list)  # the dictionaries the course's languages call for


def _known_words(g: Gathering) -> set[str]:
    """Words the course vouches for: names and titles of its people and places, and the glossary's terms."""
    model = g.subject.model
    texts = [model.university, model.faculty, model.department,
             *(value for a in model.authors for value in (a.name, a.position, a.degree, a.workplace))]
    glossary = g.evidence.pdf.get(model.documents.glossary or "")
    if glossary is not None:
        texts += [row[0] for page in glossary.pages for table in page.tables for row in table if row]
    return {word.casefold() for text in texts if text for word in text.replace("-", " ").split()}


def _pieces(kind: str, facts) -> list[tuple[int, str, set[str]]]:
    if kind == "pdf":
        return [(page.number, page.text, set(page.code_words)) for page in facts.pages]
    return [(slide.number, "\n".join(p.text for p in slide.content if not p.code), set()) for slide in facts.slides]


def _spelling_json(result: SpellingResult) -> dict[str, Any]:
    return {"kind": result.kind, "checked": result.checked, "wanted": result.wanted,
            "unknown": [asdict(word) for word in result.unknown]}


@collector("spelling", requires=("pdf", "slides"), to_json=_spelling_json)
def collect_spelling(g: Gathering) -> dict[str, SpellingResult]:
    if not g.profile.get("pdf.spelling.enabled"):
        return {}
    wanted = list(wanted_languages(normalise_language(g.subject.model.language)))
    documents = [("pdf", rel, facts) for rel, facts in g.evidence.pdf.items() if facts.readable]
    documents += [("slides", rel, facts) for rel, facts in g.evidence.slides.items() if facts.readable]
    engine = spylls_version()
    folders = [Path(folder).expanduser() for folder in g.profile.get("pdf.spelling.folders")]
    found = find_dictionaries(wanted, folders or None) if engine else {}
    if not found:
        return {rel: SpellingResult(kind, wanted=wanted) for kind, rel, _ in documents}
    known = _known_words(g)
    checker = SpellChecker(found, normalise_language(g.subject.model.language), known)
    settings = {"dictionaries": dictionary_identity(found), "language": checker.course_language,
                "known": hashlib.sha256("\n".join(sorted(known)).encode()).hexdigest()}
    cache = result_cache(g)
    results: dict[str, SpellingResult] = {}
    for kind, rel, facts in documents:
        words = cache.cached("spelling", file_identity(g.subject.resolve(rel)), f"spylls {engine}; {SPELLING_SCHEMA}",
                             settings, lambda k=kind, f=facts: checker.unknown_words(_pieces(k, f)),
                             encode=lambda items: [asdict(item) for item in items],
                             decode=lambda data: [UnknownWord(**item) for item in data])
        results[rel] = SpellingResult(kind, sorted(found), words, wanted)
    return results
