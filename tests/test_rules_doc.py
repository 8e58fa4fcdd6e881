"""docs/rules.md is the published catalogue: it must match the code and show every rule's example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from repo_scripts import load_script

from moocforge.rules.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generator():
    return load_script("gen_rules_doc")


def test_rules_doc_is_current(generator):
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == generator.render(), "docs/rules.md is stale: run python scripts/gen_rules_doc.py"


def test_every_rule_shows_its_criteria_example_and_fix(generator):
    sections = dict(re.findall(r"\n## ([A-Z]{2}\d{3})\n(.*?)(?=\n## |\Z)", generator.render(), flags=re.S))
    assert set(sections) == {item.id for item in all_rules()}
    for rule_id, text in sections.items():
        assert "rubric criteria:" in text and "\nExample:\n" in text and "\nFix:\n" in text, rule_id
        assert "→ " in text, f"{rule_id}: the example names the finding it gives"
