"""The repository's own scripts (``scripts/``), loaded as modules so tests can call them.

An installed package has no ``scripts/`` folder: the tests that need one skip.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_script(name: str):
    """``scripts/<name>.py`` as a module, or a skip when the source tree is not here."""
    script = ROOT / "scripts" / f"{name}.py"
    if not script.is_file():
        pytest.skip("scripts/ not present (installed package only)")
    spec = importlib.util.spec_from_file_location(name, script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module
