"""Imports go one way (docs/architecture.md): a test reads every import of src/moocforge.

cli → jobs (check, report, …) → rules → inspect → domains (course, media, quiz …)
→ foundations (findings, profiles, cache, run, i18n, fileio …). A module may
import its own layer or any layer below it, never one above; and a few
contracts the layers alone do not say: reporters never import the rule
registry, a domain never imports inspect or rules, a rule never opens a file.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

import moocforge
from moocforge.rules import RULE_MODULES

PACKAGE_ROOT = Path(moocforge.__file__).parent

# Top-level module or package of moocforge -> layer (higher may import lower).
LAYERS = {
    # foundations: shared by everything, know nothing of courses or rules
    "findings": 0, "i18n": 0, "languages": 0, "fileio": 0, "textio": 0, "tools": 0, "cache": 0, "run": 0,
    "profiles": 0, "templating": 0, "templates": 0, "rubrics": 0, "yamlio": 0, "errors": 0, "names": 0,
    "model_errors": 0,
    # domains: one subject each (a course folder, media, quiz banks, documents)
    "course": 1, "media": 1, "quiz": 1, "documents": 1, "captions": 1,
    # inspect: collectors of evidence, thin over the domains
    "inspect": 2,
    # rules: pure functions of (model, evidence, profile)
    "rules": 3,
    # jobs: the pipeline and what consumes its result
    "check": 4, "check_replay": 4, "report": 4, "review": 4, "forms": 4, "transcode": 4, "package": 4, "ci": 4,
    # the command line
    "cli": 5, "__main__": 5,
}
FORBIDDEN = {
    ("report", "rules"): "reporters read rule metadata from the result, not the registry",
    ("report", "check"): "reporters render a result; they do not run a check",
    ("course", "inspect"): "load never imports inspect",
}
# Calls that open files; rules must get everything from evidence.
FILE_OPENERS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "rglob", "glob",
                "load_policy", "load_profile", "probe_media", "read_bank_bytes", "load_bank"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE_ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def _own_name(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE_ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path, text: str | None = None) -> list[tuple[int, list[str]]]:
    """(line, target as moocforge-relative parts) of every import of a moocforge module in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    own = _own_name(path)
    package = own if path.name == "__init__.py" else own[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "moocforge":
                    found.append((node.lineno, parts[1:]))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "moocforge":
                target = node.module.split(".")[1:]
            else:
                continue
            if not target:  # "from . import x" at the package root, or "from moocforge import x"
                found.extend((node.lineno, [alias.name]) for alias in node.names)
            else:
                found.append((node.lineno, target))
    return found


def _top(parts: list[str]) -> str:
    return parts[0] if parts else "__init__"


def test_every_top_level_module_has_a_layer():
    tops = {_top(_own_name(path)) for path in _modules()} - {"__init__"}
    assert sorted(tops - set(LAYERS)) == []


def test_imports_go_one_way():
    wrong = []
    for path in _modules():
        source = _top(_own_name(path))
        if source == "__init__":
            continue
        for line, target in _imports(path):
            goal = _top(target)
            if goal == "__init__" or goal == source or goal not in LAYERS:
                continue
            where = f"{path.relative_to(PACKAGE_ROOT)}:{line} imports {'.'.join(target)}"
            if LAYERS[goal] > LAYERS[source]:
                wrong.append(f"{where} (layer {LAYERS[source]} → {LAYERS[goal]})")
            if (source, goal) in FORBIDDEN:
                wrong.append(f"{where}: {FORBIDDEN[(source, goal)]}")
    assert wrong == []


@pytest.mark.parametrize("area", RULE_MODULES)
def test_a_rule_never_opens_a_file(area):
    # The rule modules only: the registry and the case files are the catalogue's machinery, not rules.
    tree = ast.parse((PACKAGE_ROOT / "rules" / f"{area}.py").read_text(encoding="utf-8"))
    calls = [(node.lineno, getattr(node.func, "attr", getattr(node.func, "id", ""))) for node in ast.walk(tree)
             if isinstance(node, ast.Call)]
    assert [f"line {line}: {name}()" for line, name in calls if name in FILE_OPENERS] == []


def test_the_checker_itself_catches_an_upward_import():
    """The test above is only worth something if it can fail: a domain importing rules is caught."""
    found = _imports(PACKAGE_ROOT / "media" / "probe.py", "from ..rules.registry import rule\n")
    assert found == [(1, ["rules", "registry"])]
    assert LAYERS[_top(found[0][1])] > LAYERS["media"]
    found = _imports(PACKAGE_ROOT / "report" / "sarif.py", "from moocforge.rules import registry\n")
    assert ("report", _top(found[0][1])) in FORBIDDEN


def _third_party_imports() -> set[str]:
    """Top-level names of every import in src/moocforge that is neither moocforge nor the standard library."""
    names: set[str] = set()
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("moocforge", "__future__")}


def test_runtime_dependencies_are_exactly_what_runtime_imports(repo_root):
    """pip install . pulls in no library the program does not import, and misses none it does."""
    pyproject = repo_root / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("the repository (pyproject.toml) is not beside the tests")
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]

    def names(items):
        return {re.split(r"[<>=!~\[; ]", item, maxsplit=1)[0].lower().replace("_", "-") for item in items}

    declared = names(project["dependencies"])
    # Optional features (e.g. the Dask cluster route) import their extra's packages lazily.
    optional = {name for group, items in project["optional-dependencies"].items()
                if group not in ("test", "scripts", "bench") for name in names(items)}
    providers = importlib.metadata.packages_distributions()
    imported = {dist.lower().replace("_", "-") for name in _third_party_imports()
                for dist in providers.get(name, [name])}
    assert sorted(imported - declared - optional) == [] and sorted(declared - imported) == []
