"""docs/rules.md is the published catalogue: it must match the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_rules_doc_is_current():
    script = ROOT / "scripts" / "gen_rules_doc.py"
    if not script.is_file():
        pytest.skip("scripts/ not present (installed package only)")
    spec = importlib.util.spec_from_file_location("gen_rules_doc", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == module.render(), "docs/rules.md is stale: run python scripts/gen_rules_doc.py"
