"""Reading YAML data files fast: libyaml's C parser when PyYAML has it, the pure-Python one otherwise.

The catalogues, profiles, policies and rule cases are read on every run; the
pure-Python parser spent about half of a warm ``moocforge check`` on them.
PyYAML's wheels on PyPI carry libyaml, so ``pip install .`` gets the fast path;
a build without it still works, only slower. (``course.yaml`` is read by
``course.yaml_lines``, which keeps the line of every key.)
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load(text: str) -> Any:
    """Parse one YAML document with the safe loader (plain data only)."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python


def error_place(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """(line, what the parser found wrong) of a YAML syntax error, the line counted from 1 (None when unknown)."""
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark else None), str(getattr(exc, "problem", None) or exc)
