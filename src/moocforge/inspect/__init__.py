"""Inspect: the only stage that reads course files for the rules.

Evidence comes in kinds (file facts, texts, quiz banks, media facts, deep
analysis, policy outcomes, link status …). Each kind has a registered
*collector*: a thin function that asks a domain package (``quiz``, ``media``
…) about the subject's files, through the shared cache where reading is
expensive, and returns the evidence keyed by path (or URL). A collector may
build on other kinds (``requires``).

``gather_evidence`` runs only the collectors that the selected rules need
(``Rule.needs``) and what those build on, so ``check --select ST101`` reads no
media at all. Adding a kind is one module with one ``@collector`` function and
its name in ``COLLECTOR_MODULES``; nothing else changes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ..profiles import Profile

# One module per evidence area; importing one registers its collectors.
COLLECTOR_MODULES = ("files", "quiz", "media", "links", "pdf", "slides")


@dataclass
class InspectOptions:
    online: bool = False  # ask external links whether they answer (§9.4)
    deep: bool = False  # decode media for loudness, silence, black frames … (slow)
    use_cache: bool = True
    cache_dir: Path | None = None  # default: <course>/.moocforge-cache, or the user cache for loose files
    jobs: int | None = None  # parallel workers; None = number of cores
    progress: bool = False  # show a rich progress display
    policy: str | None = None  # media policy for loose media files (`media check --policy`)


@dataclass
class Gathering:
    """What a collector is given: the subject, the profile, the options and the evidence so far."""

    subject: Any  # LoadedCourse or LooseFiles
    profile: Profile
    options: InspectOptions
    evidence: "Evidence"


@dataclass(frozen=True)
class Collector:
    kind: str
    collect: Callable[[Gathering], dict[str, Any]]
    requires: tuple[str, ...] = ()
    to_json: Callable[[Any], Any] | None = None  # one entry's evidence as JSON (None: not in the result)
    wanted: Callable[[InspectOptions], bool] = lambda options: True  # e.g. links only --online


_COLLECTORS: dict[str, Collector] = {}
_loaded = False


def collector(kind: str, *, requires: Iterable[str] = (), to_json: Callable[[Any], Any] | None = None,
              wanted: Callable[[InspectOptions], bool] | None = None):
    """Register the collector of one evidence kind."""

    def register(func: Callable[[Gathering], dict[str, Any]]):
        if kind in _COLLECTORS:
            raise RuntimeError(f"evidence kind {kind} registered twice")
        _COLLECTORS[kind] = Collector(kind, func, tuple(requires), to_json, wanted or (lambda options: True))
        return func

    return register


def collectors() -> dict[str, Collector]:
    global _loaded
    if not _loaded:
        _loaded = True
        for name in COLLECTOR_MODULES:
            importlib.import_module(f"{__name__}.{name}")
    return dict(_COLLECTORS)


def evidence_kinds() -> list[str]:
    return sorted(collectors())


class Evidence:
    """What the collectors found: one mapping per kind, keyed by path (or URL).

    ``evidence.media`` is the media kind's mapping; a kind that was not
    gathered reads as an empty mapping. ``deep`` and ``online`` say whether
    the slow kinds were asked for at all (a rule must not call a file clean
    when it was never analysed).
    """

    def __init__(self, kinds: dict[str, dict[str, Any]] | None = None, *, deep: bool = False, online: bool = False):
        self.kinds: dict[str, dict[str, Any]] = dict(kinds or {})
        self.deep = deep
        self.online = online

    def __getattr__(self, name: str) -> dict[str, Any]:
        if name.startswith("_") or name in ("kinds", "deep", "online"):
            raise AttributeError(name)
        if name not in collectors():
            raise AttributeError(f"no evidence kind {name!r}; known: {', '.join(evidence_kinds())}")
        return self.kinds.get(name, {})

    def gathered(self) -> list[str]:
        return sorted(self.kinds)

    def to_json(self) -> dict[str, Any]:
        """Every gathered kind that has a JSON form, entry by entry (for the JSON result)."""
        out: dict[str, Any] = {}
        registry = collectors()
        for kind in sorted(self.kinds):
            encode = registry[kind].to_json if kind in registry else None
            if encode is not None:
                out[kind] = {key: encode(value) for key, value in sorted(self.kinds[kind].items())}
        return out


def _with_requirements(needs: Iterable[str]) -> list[str]:
    """The kinds asked for and those they build on, each after what it requires."""
    registry = collectors()
    ordered: list[str] = []

    def visit(kind: str, path: tuple[str, ...]) -> None:
        if kind in ordered:
            return
        if kind not in registry:
            raise KeyError(f"a rule needs evidence {kind!r}, which no collector provides")
        if kind in path:
            raise RuntimeError(f"evidence kinds require each other in a circle: {' → '.join(path + (kind,))}")
        for required in registry[kind].requires:
            visit(required, path + (kind,))
        ordered.append(kind)

    for kind in sorted(set(needs)):
        visit(kind, ())
    return ordered


def gather_evidence(subject, profile: Profile, options: InspectOptions | None = None,
                    needs: Iterable[str] | None = None) -> Evidence:
    """Collect the evidence kinds in ``needs`` (default: every kind) and what they build on."""
    options = options or InspectOptions()
    evidence = Evidence(deep=options.deep, online=options.online)
    registry = collectors()
    wanted = registry if needs is None else needs
    gathering = Gathering(subject, profile, options, evidence)
    for kind in _with_requirements(wanted):
        item = registry[kind]
        if item.wanted(options):
            evidence.kinds[kind] = item.collect(gathering)
    return evidence
