"""docs/coverage.md is generated from rules/coverage.yaml and must agree with the rule catalogue.

Every clause listed names real rules that cite it; every rule of the catalogue is listed under
some clause; every chapter §7–§12 and every form 01–11 of the ATU regulation is there; and the
published page is what the script writes today.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from repo_scripts import load_script

from moocforge.profiles.clauses import references

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generator():
    return load_script("gen_coverage_doc")


def test_coverage_doc_is_current(generator):
    current = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert current == generator.render(), "docs/coverage.md is stale: run python scripts/gen_coverage_doc.py"


def test_coverage_agrees_with_the_catalogue(generator):
    assert generator.problems(generator.load_sections()) == []


def test_a_rule_listed_under_a_clause_it_does_not_cite_is_named(generator):
    sections = generator.load_sections()
    wrong = generator.Entry(clause="ATU §8.1", requirement="4 to 6 modules", rules=["ST112", "ST999"])
    sections[0].entries.append(wrong)
    found = generator.problems(sections)
    assert "ATU §8.1: ST112 cites 'ATU §11.2', not this clause" in found
    assert "ATU §8.1: no rule ST999" in found


def test_a_rule_listed_nowhere_is_named(generator):
    sections = generator.load_sections()
    for section in sections:  # LK104 is listed under §9.4 and, as evidence, under form 10 criterion 3
        section.entries = [e for e in section.entries if "LK104" not in e.rules and e.criterion != 3]
    assert "LK104: listed under no clause" in generator.problems(sections)


def test_every_chapter_and_form_of_the_atu_regulation_is_listed(generator):
    refs = [ref for section in generator.load_sections() for entry in section.entries
            for ref in references(entry.clause) if ref.source == "ATU"]
    chapters = {ref.section.split(".")[0] for ref in refs if ref.section}
    forms = {ref.form for ref in refs if ref.form}
    criteria = {item for ref in refs if ref.form == "10" and ref.items for item in ref.items}
    assert chapters == {"7", "8", "9", "10", "11", "12"}
    assert forms == {f"{n:02d}" for n in range(1, 12)}
    assert criteria == set(range(1, 9))


def test_an_entry_says_what_covers_it(generator, monkeypatch):
    from moocforge import yamlio

    bare = {"sections": [{"heading": "x", "clauses": [{"clause": "ATU §8.1", "requirement": "modules"}]}]}
    monkeypatch.setattr(yamlio, "load", lambda text: bare)
    with pytest.raises(ValueError, match="say what covers it"):
        generator.load_sections()
