"""The wheel carries everything: templates and rubrics from the top-level folders, rule cases, catalogues.

A non-editable ``pip install .`` must work from any directory. The test builds
the wheel from the repository, unpacks it into a folder of its own, and runs
moocforge from an unrelated working directory with only that folder in front
of the path: templates render, a skeleton is written, the catalogue loads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory, repo_root) -> Path:
    if not (repo_root / "pyproject.toml").is_file():
        pytest.skip("the repository (pyproject.toml) is not beside the tests")
    wheels = tmp_path_factory.mktemp("wheels")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(repo_root), "--no-deps", "-q", "-w", str(wheels)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("moocforge-*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "moocforge/templates/scaffold/course.yaml.j2" in names
        assert "moocforge/rubrics/__init__.py" in names
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        # Every file of the source tree is in the wheel: a folder without __init__.py, or data a
        # package-data glob misses (presets, cases, catalogues), would be left out.
        sources = {f"moocforge/{p.relative_to(repo_root / 'src' / 'moocforge').as_posix()}"
                   for p in (repo_root / "src" / "moocforge").rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")}
        assert sorted(sources - set(names)) == []
        archive.extractall(target)
    return target


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    # The unpacked wheel first on the path: it, not the source tree, is what runs.
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_the_installed_wheel_renders_templates_from_any_directory(installed, tmp_path):
    probe = _run(installed, tmp_path, "-c",
                 "import moocforge, moocforge.templating as t; print(moocforge.__file__); "
                 "print(t.render('scaffold/announcement.md.j2', say={'announcement_text': 'week {n}'}, number=3))")
    assert probe.returncode == 0, probe.stderr
    where, text = probe.stdout.split("\n", 1)
    assert where.startswith(str(installed))
    assert text.strip() == "week 3"
    made = _run(installed, tmp_path, "-m", "moocforge", "init", "skeleton", "--lang", "ru")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "skeleton" / "course.yaml").is_file()
    rules = _run(installed, tmp_path, "-m", "moocforge", "rules", "ST101", "--lang", "en")
    assert rules.returncode == 0 and "ST101" in rules.stdout, rules.stderr
