"""Reading YAML data files fast: libyaml's C parser when PyYAML has it, the pure-Python one otherwise.

The catalogues, profiles, policies and rule cases are read on every run; the
pure-Python parser spent about half of a warm ``moocforge check`` on them.
PyYAML's wheels on PyPI carry libyaml, so ``pip install .`` gets the fast path;
a build without it still works, only slower. (``course.yaml`` is read by
``course.yaml_lines``, which keeps the line of every key.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .errors import UserError

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load(text: str) -> Any:
    """Parse one YAML document with the safe loader (plain data only)."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python


def load_settings(text: str, where: str, error: type[UserError], key: str, hint: str) -> Any:
    """Parse a settings file a user wrote (a profile, a policy, a preset); a syntax error raises
    ``error(key)`` naming ``where``, the line (counted from 1) and what the parser found wrong."""
    try:
        return load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise error(key, file=where, line=mark.line + 1 if mark else None,
                    problem=str(getattr(exc, "problem", None) or exc), hint=hint) from None
