"""docs/course-format.md cannot rot: its example and its convention table follow the code.

- The complete example validates against the course model.
- It really is complete: every field of every class in the model is used, so
  a field added to the model fails here until the doc shows it.
- Its outcome ids and weights are coherent (the doc says they add up to 100).
- The folder-convention section names every name stem discovery matches.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from moocforge.check import run_check
from moocforge.course import discover
from moocforge.course.errors import CourseError
from moocforge.course.loader import load_course
from moocforge.course.model import Course

DOC = Path(__file__).resolve().parents[1] / "docs" / "course-format.md"
START, END = "<!-- complete-example:start -->", "<!-- complete-example:end -->"


@pytest.fixture(scope="module")
def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example_yaml(doc_text) -> str:
    assert doc_text.count(START) == 1 and doc_text.count(END) == 1, "the doc marks exactly one complete example"
    block = doc_text.split(START, 1)[1].split(END, 1)[0].strip()
    match = re.fullmatch(r"```yaml\n(.*)\n```", block, re.S)
    assert match, "the complete example is one ```yaml fenced block between the markers"
    return match.group(1)


@pytest.fixture(scope="module")
def example(example_yaml) -> Course:
    return Course.model_validate(yaml.safe_load(example_yaml))


def _fields_set(instance: BaseModel, used: dict[str, set[str]]) -> None:
    """Record, per model class, the fields the example writes (recursively)."""
    used.setdefault(type(instance).__name__, set()).update(instance.model_fields_set)
    for name in instance.model_fields_set:
        value = getattr(instance, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                _fields_set(item, used)


def test_example_validates(example):
    assert example.title and len(example.modules) >= 2


def test_example_uses_every_field_of_every_model_class(example):
    used: dict[str, set[str]] = {}
    _fields_set(example, used)
    schema = Course.model_json_schema()
    classes = {"Course": Course.model_fields} | {
        name: definition["properties"] for name, definition in schema.get("$defs", {}).items()}
    assert set(used) == set(classes), "every model class appears in the example"
    missing = {name: sorted(set(fields) - used[name]) for name, fields in classes.items() if set(fields) - used[name]}
    assert missing == {}, "fields the complete example does not show"


def test_example_is_coherent(example, example_yaml, tmp_path):
    """Ids cited exist and are unique, every outcome is assessed, form 01 values are valid."""
    graded = [a for _, a in example.assessments() if a.weight is not None]
    assert sum(a.weight for a in graded) == 100
    assert sum(a.weight for a in graded if a.parameterised) >= 50
    (tmp_path / "course.yaml").write_text(example_yaml, encoding="utf-8")
    rules = ["CD101", "CD102", "CD103", "CD104", "CD105", "CD107", "CD108", "ST103", "ST104", "ST110", "ST111",
             "ST113", "ST114", "LK102", "LK103"]
    findings = run_check(tmp_path, select=rules).findings
    # CD105: the second author is written as a plain name to show that form; it lacks the details.
    assert [(f.rule_id, f.params.get("author"), f.params.get("field")) for f in findings] == [
        ("CD105", "Омаров Нұрлан Серікұлы", field) for field in ("workplace", "position", "degree")]


def test_every_line_of_the_example_says_what_it_answers(example_yaml):
    """Top-level fields carry a comment naming their form 01 item or ATU clause (or say what they are)."""
    for line in example_yaml.splitlines():
        if re.match(r"^[a-z_]+:", line) and not line.startswith(("format:", "profile:")):
            assert "#" in line, f"no comment on: {line}"


def _alternatives(pattern: re.Pattern[str]) -> list[str]:
    return pattern.pattern.split("(", 1)[1].split(")", 1)[0].split("|")


def _squash(text: str) -> str:
    return re.sub(r"[-_ ]", "", text.lower())


def test_convention_section_names_every_stem_discovery_matches(doc_text):
    section = doc_text.split("## Folder convention", 1)[1].split("## Explicit paths", 1)[0]
    stems = set(_alternatives(discover.MODULE_DIR)) | set(_alternatives(discover.LESSON_DIR))
    stems |= set(_alternatives(discover.QUIZ_NAME)) | set(discover.MASTER_FOLDERS)
    for table in (discover.DOCUMENT_PATTERNS, discover.MODULE_FILE_PATTERNS):
        for values in table.values():
            stems |= set(values)
    undocumented = sorted(stem for stem in stems if _squash(stem) not in _squash(section))
    assert undocumented == [], "docs/course-format.md § Folder convention should list these names"


def test_malformed_example_prints_what_the_doc_shows(doc_text, tmp_path):
    """The example error in § When the descriptor is malformed is what check really prints."""
    section = doc_text.split("## When the descriptor is malformed", 1)[1]
    source = re.search(r"```yaml\n(.*?)\n```", section, re.S).group(1)
    printed = re.search(r"prints\n\n```\n(.*?)\n```", section, re.S).group(1)
    (tmp_path / "my_course").mkdir()
    (tmp_path / "my_course" / "course.yaml").write_text(source + "\n", encoding="utf-8")
    with pytest.raises(CourseError) as info:
        load_course(tmp_path / "my_course")
    assert "error: " + info.value.text("en").replace(str(tmp_path) + "/", "") == printed
