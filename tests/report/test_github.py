"""``--format github``: workflow commands GitHub turns into annotations."""

from __future__ import annotations

import re

import pytest

from moocforge.report import github, render_report

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    """What GitHub's runner does to a command's message and properties."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), {k: unescape(v) for k, v in properties.items()}, unescape(match.group(3))


@pytest.mark.parametrize("raw, data, prop", [
    ("50% done", "50%25 done", "50%25 done"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("ST101 · a:b, c", "ST101 · a:b, c", "ST101 · a%3Ab%2C c"),
    ("%0A is literal", "%250A is literal", "%250A is literal"),
])
def test_escaping_matches_the_runner(raw, data, prop):
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop
    assert unescape(github.escape_property(raw)) == raw


def test_one_command_per_finding_then_a_summary(tmp_path, monkeypatch, broken_course_writer):
    write_broken, check_broken, _ = broken_course_writer
    write_broken(tmp_path / "courses" / "python")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    result = check_broken("courses/python")  # as typed on the command line
    lines = render_report(result, "github", "en").splitlines()
    assert len(lines) == len(result.findings) + 1
    assert lines[-1] == "moocforge: 4 errors, 1 warning, 0 info in 1 file"
    kinds = [parse(line)[0] for line in lines[:-1]]
    assert kinds.count("error") == 4 and kinds.count("warning") == 1
    command, props, message = parse(next(l for l in lines if "ST101" in l))
    assert command == "error"
    assert props["file"] == "courses/python/course.yaml"
    assert int(props["line"]) >= 1
    assert props["title"] == "ST101 · Course has 4 to 6 modules"
    assert message == "course has 3 modules; 4–6 required\nmeasured: 3 · expected: 4–6 · clause: ATU §8.1"


def test_awkward_text_survives_and_severities_map(handmade, awkward, monkeypatch):
    awkward_file, awkward_text = awkward
    monkeypatch.chdir(handmade.course.root.parent)
    handmade.course.root = handmade.course.root.relative_to(handmade.course.root.parent)
    lines = github.render(handmade, "kk").splitlines()
    assert all(line.startswith("::") for line in lines[:-1])  # no raw newline broke a command
    parsed = {props["title"].split(" ")[0]: (command, props, message)
              for command, props, message in map(parse, lines[:-1])}
    assert [parsed[k][0] for k in ("ST101", "ST110", "ST104")] == ["error", "warning", "notice"]
    command, props, message = parsed["LK101"]
    assert props["file"] == f"handmade/{awkward_file}" and "line" not in props
    assert awkward_text in message
    # no file: the descriptor, and the slide leads the message
    assert parsed["ST104"][1]["file"] == "handmade/course.yaml"
    assert parsed["ST104"][2].startswith("3-слайд: ")
    assert lines[-1] == "moocforge: 2 файлда: 3 қате, 1 ескерту, 1 ақпарат"
