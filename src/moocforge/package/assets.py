"""Safe ASCII names for the files a package carries, with a mapping back to the course's names.

Open edX import and export break on asset names with non-ASCII characters,
spaces or commas (its own issue tracker: an asset "Лекция 1.pdf" imports
under a key that the export then cannot write back), and its video guidance
asks for names of letters, digits and underscores. Authors name files in
Kazakh and Russian, so every asset gets a transliterated name
("Дәріс 1, кіріспе.pdf" → "Daris_1_kirispe.pdf"; anyascii, a maintained
transliteration table, knows the Kazakh letters ә ғ қ ң ө ұ ү һ і), unique
within the package. The report lists every rename.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from anyascii import anyascii

_NOT_SAFE = re.compile(r"[^A-Za-z0-9_]+")
_NOT_SUFFIX = re.compile(r"[^a-z0-9]+")


def safe_stem(text: str, fallback: str = "file") -> str:
    """Letters, digits and underscores only: transliterated, other runs turned into one '_'."""
    return _NOT_SAFE.sub("_", anyascii(text)).strip("_") or fallback


def safe_name(name: str, fallback: str = "file") -> str:
    """A file name made safe: ``safe_stem`` of its stem plus its (lower-case, ASCII) suffix."""
    path = PurePosixPath(name)
    suffix = _NOT_SUFFIX.sub("", anyascii(path.suffix).lower())
    stem = path.stem if suffix else path.name
    return safe_stem(stem, fallback) + (f".{suffix}" if suffix else "")


class AssetNames:
    """Unique safe names, one per source, given in the order sources are met (so the same
    course always gets the same names).

    A name keeps the file's folders, since every module has its ``self_study.pdf``:
    ``name_for("module-01/Лекция 1.pdf")`` → ``"module_01_Lektsiya_1.pdf"``. A second
    source that would get the same name gets ``"…_2.pdf"``.
    """

    def __init__(self) -> None:
        self.by_source: dict[str, str] = {}
        self._taken: set[str] = set()

    def name_for(self, source: str, preferred: str | None = None) -> str:
        """The safe name of ``source`` (a course-relative path); ``preferred`` names it otherwise."""
        if source in self.by_source:
            return self.by_source[source]
        base = safe_name((preferred or source).replace("/", "_"))
        stem, dot, suffix = base.partition(".")
        name, number = base, 1
        while name.lower() in self._taken:
            number += 1
            name = f"{stem}_{number}{dot}{suffix}"
        self._taken.add(name.lower())
        self.by_source[source] = name
        return name
