"""The one jinja2 environment: the scaffold's and every document's templates translate through the catalogue."""

from __future__ import annotations

import pytest

from moocforge.templating import environment, render


@pytest.mark.parametrize("lang, text", [("kk", "Бүкіл курс бойынша"), ("ru", "Курс в целом"), ("en", "Whole course")])
def test_templates_translate_with_the_catalogue(lang, text):
    template = environment().from_string("{{ 'report.course_wide' | t(lang) }} / {{ t('report.page', lang, n=2) }}")
    assert template.render(lang=lang).startswith(text + " / ")


def test_html_templates_are_escaped_and_text_templates_are_not():
    env = environment()
    assert env.autoescape("page.html.j2") and not env.autoescape("course.yaml.j2")


def test_the_scaffold_renders_through_the_shared_environment():
    assert render("scaffold/announcement.md.j2", say={"announcement_text": "апта {n}"}, number=2).strip() == "апта 2"
