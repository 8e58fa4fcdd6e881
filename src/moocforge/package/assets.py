"""Safe ASCII names for the files a package carries, unique within it, with a mapping back to
the course's names (the report lists every rename).

Open edX import and export break on asset names with non-ASCII characters,
spaces or commas (its own issue tracker: an asset "Лекция 1.pdf" imports
under a key that the export then cannot write back); ``names.safe_name``
transliterates ("Дәріс 1, кіріспе.pdf" → "Daris_1_kirispe.pdf").
"""

from __future__ import annotations

from ..names import safe_name


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
