"""Acceptance 4: the hooks the repository ships, each run for real.

- ``.pre-commit-hooks.yaml``: ``pre-commit try-repo`` in a temporary git repository
  holding a course (pre-commit installs moocforge from this repository);
- ``action.yml``: its shell steps run in order, as the GitHub runner runs them
  (``bash -eo pipefail``, ``GITHUB_OUTPUT``, inputs as the step's env), with a
  fresh virtual environment as the runner's Python;
- ``ci/gitlab/moocforge.gitlab-ci.yml``: its script run with the job's variables,
  producing a JUnit and a Code Quality report.

Each installs moocforge from a snapshot of this repository (what git tracks plus
new files it does not ignore), as a tag would hold it; pip reads its own cache.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

AIKEN_FOUR = "Q1?\nA. a\nB. b\nC. c\nD. d\nANSWER: A\n"
AIKEN_FIVE = "Q1?\nA. a\nB. b\nC. c\nD. d\nE. e\nANSWER: A\n"


def _git(folder: Path, *args: str) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True,
                          env=environment).stdout


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, repo_root) -> Path:
    """This repository as a committed git repository of its own (uncommitted work included)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (repo_root / ".git").exists() or not (repo_root / ".pre-commit-hooks.yaml").is_file():
        pytest.skip("the repository (its .git and hooks) is not beside the tests")
    target = tmp_path_factory.mktemp("moocforge-repository")
    listed = _git(repo_root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = repo_root / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "snapshot")
    return target


@pytest.fixture(scope="module")
def runner_python(tmp_path_factory) -> Path:
    """A fresh virtual environment: the Python a CI runner has before the action installs anything."""
    folder = tmp_path_factory.mktemp("runner-venv")
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return folder / "bin"


def _course_repository(folder: Path, bank: str) -> Path:
    """A git repository with one course (module 1 lesson 1's bank as given) at its root."""
    sys.path.insert(0, str(Path(__file__).parents[1]))
    from course_factory import good_descriptor, write_course

    data = good_descriptor()
    data["check"] = {"select": ["ST101", "QZ104"]}
    write_course(folder, data)
    (folder / "module-01/lesson-01/quiz.aiken.txt").write_text(bank, encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "course")
    return folder


# ---------------------------------------------------------------- pre-commit

def _try_repo(snapshot: Path, course: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(course.parent / "pre-commit-home"), "NO_COLOR": "1",
                   "LANG": "C.UTF-8"}
    arguments = [sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), hook, "--verbose", "--color", "never"]
    arguments += ["--files", *files] if files else ["--all-files"]
    return subprocess.run(arguments, cwd=course, capture_output=True, text=True, env=environment)


def test_pre_commit_hooks_with_try_repo(snapshot, tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is a test dependency")
    course = _course_repository(tmp_path / "course", AIKEN_FOUR)
    done = _try_repo(snapshot, course, "moocforge-quiz-lint", "module-01/lesson-01/quiz.aiken.txt")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "QZ104" in done.stdout and "module-01/lesson-01/quiz.aiken.txt:1" in done.stdout

    # A justified exception on the bank's last line makes the same hook pass.
    bank = course / "module-01/lesson-01/quiz.aiken.txt"
    bank.write_text(AIKEN_FOUR + "\n// moocforge: ignore QZ104 -- department rule 4: four options\n", encoding="utf-8")
    done = _try_repo(snapshot, course, "moocforge-quiz-lint", "module-01/lesson-01/quiz.aiken.txt")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 finding excused by exceptions" in done.stdout

    # moocforge-check runs on the course folder (course-level rules need all of it).
    done = _try_repo(snapshot, course, "moocforge-check")
    assert done.returncode == 0, done.stdout + done.stderr
    bank.write_text(AIKEN_FOUR, encoding="utf-8")
    done = _try_repo(snapshot, course, "moocforge-check")
    assert done.returncode == 1 and "QZ104" in done.stdout, done.stdout + done.stderr


def test_hook_definitions():
    hooks = {h["id"]: h for h in yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"moocforge-check", "moocforge-quiz-lint"}
    files = re.compile(hooks["moocforge-quiz-lint"]["files"])
    assert files.search("m/lesson/quiz.aiken.txt") and files.search("bank.gift") and not files.search("course.yaml")
    check = re.compile(hooks["moocforge-check"]["files"])
    assert check.search("course.yaml") and check.search("a/b.mp4") and not check.search("script.py")


# ---------------------------------------------------------------- the GitHub action

_EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def _evaluate(text: str, context: dict[str, str]) -> str:
    return _EXPRESSION.sub(lambda m: context[m.group(1)], text)


def _run_action(action: dict, inputs: dict, workspace: Path, bin_folder: Path) -> tuple[list, dict]:
    """Run the action's shell steps as the runner does; (steps' CompletedProcess, outputs)."""
    context = {f"inputs.{name}": str(inputs.get(name, spec.get("default", "")))
               for name, spec in action["inputs"].items()}
    context["github.action_path"] = inputs["action_path"]
    runs, outputs = [], {}
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue  # actions/setup-python: the fresh virtual environment stands in for it
        context.update({f"steps.check.outputs.{k}": v for k, v in outputs.items()})
        condition = step.get("if")
        if condition and not _condition(condition, context):
            continue
        output_file = workspace.parent / f"github-output-{len(runs)}"
        output_file.write_text("")
        env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(output_file),
               "GITHUB_WORKSPACE": str(workspace), "NO_COLOR": "1", "LANG": "C.UTF-8"}
        env.update({key: _evaluate(str(value), context) for key, value in (step.get("env") or {}).items()})
        script = workspace.parent / f"step-{len(runs)}.sh"
        script.write_text(_evaluate(step["run"], context))
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                              env=env, capture_output=True, text=True)
        runs.append(done)
        if step.get("id") == "check":
            outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        if done.returncode != 0:
            break
    return runs, outputs


def _condition(condition: str, context: dict[str, str]) -> bool:
    left, right = (part.strip() for part in condition.split("=="))
    return context[left] == right.strip("'")


def test_the_github_action_runs_annotates_and_writes_sarif(snapshot, runner_python, tmp_path):
    action = yaml.safe_load((snapshot / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite" and "exit-code" in action["outputs"]
    workspace = _course_repository(tmp_path / "workspace", AIKEN_FOUR)
    runs, outputs = _run_action(action, {"action_path": str(snapshot)}, workspace, runner_python)
    install, check, fail = runs
    assert install.returncode == 0, install.stderr
    assert outputs == {"exit-code": "1", "sarif": "moocforge.sarif"}
    annotation = next(line for line in check.stdout.splitlines() if line.startswith("::error"))
    assert "file=module-01/lesson-01/quiz.aiken.txt,line=1" in annotation and "QZ104" in annotation
    sarif = json.loads((workspace / "moocforge.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["QZ104"]
    assert fail.returncode == 1, "the last step passes the check's exit status on"

    # fail: "false" only reports; a clean course exits 0.
    (workspace / "module-01/lesson-01/quiz.aiken.txt").write_text(AIKEN_FIVE, encoding="utf-8")
    runs, outputs = _run_action(action, {"action_path": str(snapshot), "fail": "false", "sarif": ""},
                                workspace, runner_python)
    assert [r.returncode for r in runs] == [0, 0] and outputs == {"exit-code": "0", "sarif": ""}


# ---------------------------------------------------------------- the GitLab template

def test_the_gitlab_template_writes_junit_and_code_quality(snapshot, runner_python, tmp_path):
    template = yaml.safe_load((snapshot / "ci/gitlab/moocforge.gitlab-ci.yml").read_text(encoding="utf-8"))
    job = template[".moocforge-check"]
    assert template["moocforge-check"]["extends"] == ".moocforge-check"
    workspace = _course_repository(tmp_path / "project", AIKEN_FOUR)
    variables = {**job["variables"], "MOOCFORGE_PACKAGE": str(snapshot)}
    env = {**os.environ, **variables, "PATH": f"{runner_python}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1",
           "LANG": "C.UTF-8", "CI_PROJECT_DIR": str(workspace)}
    env.pop("GITHUB_WORKSPACE", None)
    script = "\n".join(job["before_script"] + job["script"])
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=workspace, env=env, capture_output=True,
                          text=True)
    assert done.returncode == 1, done.stdout + done.stderr  # the finding fails the job
    junit = ET.parse(workspace / variables["MOOCFORGE_JUNIT"]).getroot()
    assert junit.get("failures") == "1"
    issues = json.loads((workspace / variables["MOOCFORGE_CODE_QUALITY"]).read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [("QZ104", "module-01/lesson-01/quiz.aiken.txt")]
    reports = job["artifacts"]["reports"]
    assert reports == {"junit": "$MOOCFORGE_JUNIT", "codequality": "$MOOCFORGE_CODE_QUALITY"}
    assert job["artifacts"]["when"] == "always"
