"""The one jinja2 environment: the course skeleton and every document moocforge writes use it.

Templates are read from the ``moocforge.templates`` package (the repository's
top-level ``templates/`` folder, shipped in the wheel), by names such as
``scaffold/course.yaml.j2``. Every text a person reads comes from the
translation catalogue, so templates translate in place::

    {{ "report.course_wide" | t(lang) }}         {# a catalogue key #}
    {{ t("forms.signature", lang, name=expert) }}

Plain-text formats (YAML, GIFT, Markdown) are not auto-escaped; HTML
templates (``*.html.j2``) are.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

from .i18n import t


def template_files():
    """The templates folder as shipped (a Traversable: works from a wheel or a source tree)."""
    return resources.files("moocforge.templates")


def _load(name: str) -> str:
    entry = template_files()
    for part in name.split("/"):
        entry = entry / part
    return entry.read_text(encoding="utf-8")


def _translate(key: str, lang: str, **params: object) -> str:
    return t(key, lang, **params)


def fill(text: str, **values: object) -> str:
    """Replace ``{name}`` for the given names only; other braces stay as written."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def comment(text: str, indent: int = 0) -> str:
    """Turn a phrase into comment lines (``# …``); the first line's indent comes from the template."""
    return ("\n" + " " * indent).join(f"# {line}".rstrip() for line in text.splitlines())


def yaml_str(value: object) -> str:
    # A JSON string is a valid YAML scalar: quotes, colons and '#' in a title stay safe.
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def number(value: float) -> str:
    """4 for 4.0; 3.5 stays 3.5."""
    return str(int(value)) if float(value).is_integer() else str(value)


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } : \\) in question text."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", text)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FunctionLoader(_load), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True,
                      autoescape=select_autoescape(enabled_extensions=("html.j2", "htm.j2", "xml.j2"),
                                                   default_for_string=False, default=False))
    env.filters.update(t=_translate, fill=fill, comment=comment, yaml_str=yaml_str, num=number,
                       gift_escape=gift_escape)
    env.globals.update(t=_translate)
    return env


def render(template_name: str, /, **context: object) -> str:
    """Render a template (e.g. ``scaffold/course.yaml.j2``) with ``context``."""
    return environment().get_template(template_name).render(**context)
