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
    def __init__(self, message: str, line: int | None, hint: str | None = None):
        super().__init__(message)
        self.line = line
        self.hint = hint


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
                raise DuplicateKeyError(
                    f"key {key!r} appears twice (first on line {seen[key]})", line
                )
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
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlSyntaxError(str(problem), mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        # Control characters: usually a binary file (a .docx saved as course.yaml).
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlSyntaxError(f"character U+{code:04X} is not allowed in YAML text; "
                              "is this a binary file (a Word document saved under this name)?", line,
                              hint="save course.yaml as plain text (UTF-8), e.g. from Notepad or VS Code") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), None) from None
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
