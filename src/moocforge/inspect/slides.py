"""Slide deck evidence (``slides``): the facts of every lesson deck, read with python-pptx.

Each deck the course names (``lessons[].slides``, form 04) is read once
through the shared cache (``documents.slides.READS`` counts the openings),
within the ZIP limits of the profile's ``slides.limits``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from typing import Any

from ..cache import file_identity
from ..documents.slides import FACTS_SCHEMA, DeckFacts, DeckLimits, read_deck
from . import Gathering, collector
from .pdf import document_refs, keep_readable, result_cache

SLIDE_ROLES = ("slides",)
MB = 1 << 20


@lru_cache(maxsize=1)
def reader_version() -> str:
    return f"python-pptx {version('python-pptx')}; facts {FACTS_SCHEMA}"


def deck_limits(profile) -> DeckLimits:
    return DeckLimits(max_file_bytes=int(profile.get("slides.limits.max_file_mb") * MB),
                      max_unpacked_bytes=int(profile.get("slides.limits.max_unpacked_mb") * MB),
                      max_ratio=float(profile.get("slides.limits.max_ratio")),
                      max_members=int(profile.get("slides.limits.max_members")))


def deck_json(facts: DeckFacts) -> dict[str, Any]:
    """What the JSON result keeps of a deck: state, size and per-slide figures, not the text."""
    return {"status": facts.status, "kind": facts.kind, "error": facts.error, "limit": facts.limit,
            "measured": facts.measured, "width_emu": facts.width_emu, "height_emu": facts.height_emu,
            "slides": [{"slide": slide.number, "heading": slide.heading, "words": slide.words, "hidden": slide.hidden,
                        "smallest_pt": min((p.size_pt for p in slide.content if p.size_pt), default=None),
                        "pictures": [{"width_px": p.width_px, "height_px": p.height_px, "shown_width": p.shown_width,
                                      "shown_height": p.shown_height} for p in slide.pictures]}
                       for slide in facts.slides]}


@collector("slides", to_json=deck_json)
def collect_slides(g: Gathering) -> dict[str, DeckFacts]:
    cache = result_cache(g)
    limits = deck_limits(g.profile)
    settings = {"limits": [limits.max_file_bytes, limits.max_unpacked_bytes, limits.max_ratio, limits.max_members]}
    facts: dict[str, DeckFacts] = {}
    # Every file named as slides, whatever its extension: a .ppt or .odp is reported for what it is.
    for rel, path in document_refs(g.subject, SLIDE_ROLES).items():
        facts[rel] = cache.cached("slides", file_identity(path), reader_version(), settings,
                                  lambda p=path: read_deck(p, limits),
                                  encode=lambda value: value.model_dump(), decode=DeckFacts.model_validate, keep=keep_readable)
    return facts
