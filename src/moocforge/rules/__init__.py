"""Rule modules, one per area. Importing a module registers its rules."""

from __future__ import annotations

import importlib

# Each area owns one module and one catalogue file (locales/<area>.yaml).
RULE_MODULES = (
    "descriptor",  # CD: ATU form 01 fields, §7.8
    "structure",   # ST: ATU §8.1–§8.7, §11.2, §11.6, §12.10.1
    "documents",   # DC: form 01 documents, §11.9, test item count
    "links",       # LK: ATU §9.4
    "quiz",        # QZ: quiz banks (§11.3–11.6, form 05)
    "media",       # MD: ATU §9.1–9.2 media policies, durations, deep QC
    "pdf",         # PD: inside the PDFs — forms 02 and 03, glossary, bibliography, scans, spelling (§10.4)
    "slides",      # SL: inside the slide decks — form 04
)

_loaded = False


def load_rule_modules() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in RULE_MODULES:
        importlib.import_module(f"{__name__}.{name}")
