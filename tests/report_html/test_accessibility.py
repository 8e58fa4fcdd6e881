"""Accessibility of the page, read from its structure: language, headings, text beside every colour,
text alternatives of the charts, and WCAG AA contrast of every colour pair of the stylesheet."""

from __future__ import annotations

import re

import pytest
from report_html.page_check import colour_pairs, contrast, parse
from report_html.pages import LANGS

from moocforge.i18n import LANGUAGES, catalogue, t

AA_TEXT = 4.5


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_says_its_language(sample_pages, lang):
    page = parse(sample_pages[lang])
    assert page.find("html")[0].attrs.get("lang") == lang
    assert page.find("meta", name="viewport")


@pytest.mark.parametrize("lang", LANGS)
def test_headings_go_down_one_level_at_a_time(sample_pages, lang):
    levels = [level for level, _ in parse(sample_pages[lang]).headings]
    assert levels[0] == 1 and levels.count(1) == 1
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert skips == [] and all(text for _, text in parse(sample_pages[lang]).headings)


def test_severity_is_never_told_by_colour_alone(sample_pages):
    page = parse(sample_pages["en"])
    badges = page.with_class("badge")
    assert badges
    for badge in badges:
        words = badge.text.strip()
        severity = next(c[4:] for c in badge.attrs["class"].split() if c.startswith("sev-"))
        assert t(f"core.severity.{severity}", "en") in words  # the word …
        assert words[0] in "✖▲•"  # … and a mark of its own shape


def test_every_chart_has_a_text_alternative_and_a_table(sample_pages):
    page = parse(sample_pages["en"])
    figures = page.find("figure")
    assert figures
    html = sample_pages["en"]
    for figure in figures:
        key = figure.attrs["data-chart"]
        block = html[html.index(f'data-chart="{key}"'):]
        block = block[:block.index("</figure>")]
        part = parse(block)
        svg = part.find("svg")[0]
        assert svg.attrs["role"] == "img"
        title = part.by_id(svg.attrs["aria-labelledby"])
        assert title is not None and title.tag == "title" and title.text.strip()
        assert part.find("figcaption")[0].text.strip()
        table = part.find("table")
        assert table and len(part.find("tr")) >= 2 and part.find("caption")


def test_colour_pairs_meet_aa_contrast(sample_pages):
    css = "\n".join(parse(sample_pages["en"]).styles)
    pairs = colour_pairs(css)
    assert len(pairs) >= 10  # the severities, the verdicts, the panels, the muted text …
    weak = [(selector, text, background, round(contrast(text, background), 2)) for selector, text, background in pairs
            if contrast(text, background) < AA_TEXT]
    assert weak == []


def test_the_contrast_check_can_fail():
    css = ":root { --page: #ffffff; --pale: #aaaaaa; } .x { color: var(--pale); } .y { color: #777; background: #999; }"
    pairs = colour_pairs(css)
    assert [round(contrast(a, b), 1) for _, a, b in pairs] == [2.3, 1.6]
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_the_filters_only_hide_and_are_hidden_without_script(sample_pages):
    page = parse(sample_pages["en"])
    form = page.find("form")[0]
    assert "hidden" in form.attrs  # without the script there is nothing to tick, and every finding shows
    assert not [f for f in page.with_class("finding") if "hidden" in f.attrs]
    css = "\n".join(page.styles)
    assert re.search(r"@media print\s*\{[^@]*\.filters[^{]*\{[^}]*display:\s*none", css)


def test_every_text_of_the_page_is_in_every_language():
    ours = {key: texts for key, texts in catalogue().items() if key.startswith("report_html.")}
    assert len(ours) > 50
    assert [f"{key} [{lang}]" for key, texts in ours.items() for lang in LANGUAGES if not texts.get(lang)] == []


def test_every_key_the_page_uses_is_in_the_catalogue(repo_root):
    package = repo_root / "src" / "moocforge" / "report" / "html"
    sources = [p.read_text(encoding="utf-8") for p in package.iterdir() if p.suffix in (".py", ".j2")]
    sources.append((repo_root / "src" / "moocforge" / "cli" / "report.py").read_text(encoding="utf-8"))
    used = {key for text in sources for key in re.findall(r"report_html\.[a-z_]+(?:\.[a-z_]+)*", text)}
    used = {key for key in used if not key.endswith(".")}
    known = set(catalogue())
    # area labels are looked up by the rule's area (report_html.area.<area>), so only the prefix is written
    assert sorted(key for key in used - known if key != "report_html.area") == []
