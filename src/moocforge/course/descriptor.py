"""Finding and reading course.yaml: the course folder, the descriptor file, its YAML.

Every way this can fail is one ``CourseError`` that says what the path really
is: a course folder that is a named pipe, a descriptor called ``Course.yaml``
or ``course.yaml.txt`` (Windows hides known extensions), a ``course.yaml``
that is a folder or a link whose target is gone. Nothing that is not a
regular file is ever opened: reading a named pipe would wait for ever.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import filekind
from .errors import CourseError
from .yaml_lines import YamlSyntaxError, load_with_lines
from ..textio import read_text

DESCRIPTOR_NAMES = ("course.yaml", "course.yml")


def check_course_folder(root: Path) -> None:
    """The course path names a folder; else one message saying what it names instead."""
    kind = filekind.file_kind(root)
    if kind == filekind.FOLDER:
        return
    where = {"file": str(root)}
    if kind == filekind.MISSING:
        raise CourseError("course.error.no_folder", **where, hint="course.error.no_folder_hint")
    if kind == filekind.BROKEN_LINK:
        raise CourseError("course.error.folder_broken_link", **where, target=filekind.link_target(root) or "?",
                          hint="course.error.broken_link_hint")
    if kind == filekind.FILE and root.name.lower() in DESCRIPTOR_NAMES:
        raise CourseError("course.error.descriptor_given", **where, hint="course.error.descriptor_given_hint",
                          hint_params={"folder": str(root.parent)})
    raise CourseError("course.error.not_a_folder", **where, kind=filekind.label(kind),
                      hint="course.error.not_a_folder_hint")


# Extensions an editor on Windows adds to "course.yaml" behind the author's back
# (Explorer hides them, so the file still shows as course.yaml).
HIDDEN_EXTENSIONS = (".txt", ".yaml", ".yml", ".docx", ".doc", ".rtf")


def descriptor_near_misses(names: list[str]) -> list[tuple[str, str]]:
    """Names that were meant to be the descriptor, each with the catalogue key that says why it is not.

    ``Course.yaml`` (case), ``course.yaml.txt`` (an extension Windows hides),
    ``course.yaml.bak`` (another name), in that order of likelihood.
    """
    found = []
    for name in names:
        lower = name.lower()
        base = next((d for d in DESCRIPTOR_NAMES if lower.startswith(d)), None)
        if base is None or name in DESCRIPTOR_NAMES:
            continue
        if lower == base:
            found.append((0, name, "course.error.descriptor_case"))
        elif lower[len(base):] in HIDDEN_EXTENSIONS:
            found.append((1, name, "course.error.descriptor_hidden_extension"))
        elif lower[len(base)] == ".":
            found.append((2, name, "course.error.descriptor_misnamed"))
    return [(name, key) for _, name, key in sorted(found)]


def find_descriptor(root: Path) -> Path:
    """course.yaml (or course.yml) in ``root``, a regular file; else CourseError saying what is there.

    Names are compared exactly as the folder lists them, so ``Course.yaml`` is
    refused on Windows too and a course behaves alike on every machine.
    """
    try:
        names = sorted(entry.name for entry in os.scandir(root))
    except OSError as exc:
        raise CourseError("course.error.unreadable_folder", file=str(root), error=exc.strerror or str(exc)) from None
    for name in DESCRIPTOR_NAMES:
        if name in names:
            return _regular_descriptor(root / name)
    near = descriptor_near_misses(names)
    if near:
        found, key = near[0]
        hint = "course.error.hidden_extension_hint" if key.endswith("hidden_extension") else "course.error.rename_hint"
        raise CourseError(key, file=str(root / found), found=found, hint=hint, hint_params={"found": found})
    raise CourseError("course.error.no_descriptor", file=str(root), hint="course.error.no_descriptor_hint",
                      hint_params={"folder": str(root)})


def _regular_descriptor(path: Path) -> Path:
    kind = filekind.file_kind(path)
    if kind == filekind.FILE:
        return path
    if kind == filekind.BROKEN_LINK:
        raise CourseError("course.error.descriptor_broken_link", file=str(path),
                          target=filekind.link_target(path) or "?", hint="course.error.broken_link_hint")
    # Never opened: reading a named pipe would wait for a writer forever.
    raise CourseError("course.error.descriptor_not_a_file", file=str(path), kind=filekind.label(kind),
                      hint="course.error.descriptor_not_a_file_hint")


def read_descriptor(root: Path) -> tuple[Path, Any, dict, str]:
    candidate = find_descriptor(root)
    try:
        decoded = read_text(candidate)
    except OSError as exc:
        raise CourseError("course.error.unreadable_descriptor", file=str(candidate),
                          error=exc.strerror or str(exc)) from None
    try:
        data, lines = load_with_lines(decoded.text)
    except YamlSyntaxError as exc:
        raise CourseError(exc.key, file=str(candidate), line=exc.line, hint=exc.hint,
                          hint_params={**exc.params, "line": exc.line}, **exc.params) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CourseError("course.error.not_a_mapping", file=str(candidate), line=1,
                          hint="course.error.not_a_mapping_hint")
    return candidate, data, lines, decoded.encoding
