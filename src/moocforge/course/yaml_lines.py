"""Parse YAML while remembering the line of every key and item.

Errors and findings about the descriptor point at the line the author has to
edit, so the loader keeps a map from a path such as ``("modules", 1, "title")``
to its 1-based line.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..yamlio import SafeLoader

Path_ = tuple[Any, ...]


class YamlSyntaxError(Exception):
    """Text that is not YAML: a catalogue key saying why, its parameters, the line and a hint key."""

    def __init__(self, key: str, line: int | None, hint: str | None = None, **params: Any):
        super().__init__(key)
        self.key = key
        self.line = line
        self.hint = hint
        self.params = params


class DuplicateKeyError(YamlSyntaxError):
    pass


def _record(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DuplicateKeyError("course.yaml.duplicate_key", line, "course.yaml.duplicate_key_hint",
                                        name=str(key), first=seen[key])
            seen[key] = line
            lines[path + (key,)] = line
            _record(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _record(item, path + (index,), lines)


def load_with_lines(text: str) -> tuple[Any, dict[Path_, int]]:
    """Return the parsed document and a map of paths to lines."""
    loader = None
    try:
        loader = SafeLoader(text)  # the reader rejects control characters already here
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[Path_, int] = {}
        _record(node, (), lines)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.reader.ReaderError as exc:
        # Control characters: usually a binary file (a .docx saved as course.yaml).
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlSyntaxError("course.yaml.binary", line, "course.yaml.binary_hint", code=f"U+{code:04X}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError("course.yaml.invalid", None, "course.yaml.invalid_hint", problem=str(exc)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines


def nearest_line(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of ``path``, or of its closest ancestor that has one.

    A top-level field that is absent altogether has no line: pointing at the
    first line of the file would only mislead.
    """
    path = tuple(path)
    if not path:
        return lines.get(())
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


# ---------------------------------------------------------------- why the text is not YAML

def _line_of(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _text_at(text: str, mark: Any) -> tuple[str, str]:
    """The line a mark points into, split at the mark: (before, from the mark on)."""
    if mark is None:
        return "", ""
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[:mark.column], line[mark.column:]


def _classify(problem: str, context: str, before: str, after: str) -> tuple[str, str]:
    """(message key, hint key) for what PyYAML or libyaml reports, in the words an author needs.

    The parsers word their problems in English and for YAML experts ("did not
    find expected key"); what an author did is one of a few slips: a colon in
    unquoted text, a line indented differently, a tab, a quote or bracket left
    open, a Markdown bullet.
    """
    if "mapping values are not allowed" in problem:
        # "title: a: b" has a colon before this one on the line; "  annotation: y" under
        # "title: x" has none: the key is indented as if it belonged to the value above.
        return ("course.yaml.colon_in_text", "course.yaml.quote_hint") if ":" in before \
            else ("course.yaml.indented_key", "course.yaml.indent_hint")
    if "could not find expected ':'" in problem:
        return "course.yaml.no_colon", "course.yaml.no_colon_hint"
    if "cannot start any token" in problem:
        if "\t" in before + after[:1]:
            return "course.yaml.tab", "course.yaml.tab_hint"
        return "course.yaml.reserved_character", "course.yaml.quote_hint"
    if "expected key" in problem or "<block end>" in problem or "'-' indicator" in problem:
        return "course.yaml.indentation", "course.yaml.indent_hint"
    if "quoted scalar" in context or "end of stream" in problem:
        return "course.yaml.open_quote", "course.yaml.open_quote_hint"
    if "',' or ']'" in problem or "',' or '}'" in problem:
        return "course.yaml.open_bracket", "course.yaml.open_bracket_hint"
    if "alias" in context or "alias" in problem or "alphabetic or numeric" in problem:
        return "course.yaml.star", "course.yaml.star_hint"
    return "course.yaml.invalid", "course.yaml.invalid_hint"


# Problems whose cause lies where the parser started the token it could not finish
# (a quote, a bracket, a key without a colon), not where it gave up.
_STARTED_EARLIER = ("course.yaml.no_colon", "course.yaml.open_quote", "course.yaml.open_bracket")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> YamlSyntaxError:
    problem, context = str(exc.problem or ""), str(exc.context or "")
    before, after = _text_at(text, exc.problem_mark)
    key, hint = _classify(problem, context, before, after)
    mark = exc.context_mark if key in _STARTED_EARLIER and exc.context_mark is not None else exc.problem_mark
    return YamlSyntaxError(key, _line_of(mark or exc.context_mark), hint, problem=problem or context or "?")
