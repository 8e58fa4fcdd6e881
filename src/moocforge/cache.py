"""One on-disk cache for every expensive result: media facts, analyses, PDF and slide facts, transcodes.

An entry is valid for one file as it is now — its absolute path, size and
modification time (``file_identity``) — plus the version of the tool that
produced the result and any settings that change it. Change any of these and
the key changes, so a stale entry is never read; it is simply not found.

Callers use ``cached(kind, identity, version, settings, compute)``; those that
want to look up first and compute later (in a batch, so that only the real
work shows as progress) use ``lookup`` and ``store`` with the same arguments.

Writes are atomic: the entry is written to a temporary name in the same
folder and renamed into place, so an interrupted run leaves either the whole
entry or none. The cache writes nowhere but its own folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

from .fileio import write_atomically

CACHE_FOLDER_NAME = ".moocforge-cache"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file marks a cache folder made by moocforge (https://bford.info/cachedir/).\n")

T = TypeVar("T")
Identity = dict[str, Any]


def default_user_cache_dir() -> Path:
    """Where results for files outside any course are kept."""
    override = os.environ.get("MOOCFORGE_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "moocforge" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "moocforge"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "moocforge"


def file_identity(path: Path) -> Identity | None:
    """Path, size and modification time of a file; None when it cannot be read."""
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return {"path": str(Path(path).resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


class ResultCache:
    """Cached results by kind ("probe", "frames", "qc", "pdf" …) and key.

    ``folder`` None gives a cache that stores nothing (``--no-cache`` still
    reads every file, and writing fresh results would only cost time).
    """

    def __init__(self, folder: Path | None, *, read: bool = True, write: bool = True):
        self.folder = folder
        self.read_enabled = read and folder is not None
        self.write_enabled = write and folder is not None
        self.write_failed: str | None = None  # first reason a write failed, for one warning

    # ------------------------------------------------------------ the generic interface

    def cached(self, kind: str, identity: Identity | None, version: str, settings: dict[str, Any] | None,
               compute: Callable[[], T], *, encode: Callable[[T], Any] = lambda value: value,
               decode: Callable[[Any], T] = lambda data: data, keep: Callable[[T], bool] = lambda value: True) -> T:
        """The stored result for (kind, file, tool version, settings), or ``compute()`` stored for next time.

        ``encode``/``decode`` turn the result into JSON data and back (a decode
        that raises TypeError or ValueError counts as a miss: an entry of an
        older shape). ``keep`` decides whether a fresh result is worth storing
        (a failed analysis is not). No identity (the file vanished) means no
        caching at all.
        """
        found = self.lookup(kind, identity, version, settings, decode)
        if found is not None:
            return found
        value = compute()
        if keep(value):
            self.store(kind, identity, version, settings, encode(value))
        return value

    def lookup(self, kind: str, identity: Identity | None, version: str, settings: dict[str, Any] | None = None,
               decode: Callable[[Any], T] = lambda data: data) -> T | None:
        if identity is None:
            return None
        data = self.get(kind, self.key(kind, identity, version, settings))
        if data is None:
            return None
        try:
            return decode(data)
        except (TypeError, ValueError, KeyError):
            return None

    def store(self, kind: str, identity: Identity | None, version: str, settings: dict[str, Any] | None,
              data: Any) -> None:
        if identity is not None:
            self.put(kind, self.key(kind, identity, version, settings), data)

    # ------------------------------------------------------------ keys and entries

    @staticmethod
    def key(kind: str, identity: Identity, version: str, settings: dict[str, Any] | None = None) -> str:
        material = json.dumps({"kind": kind, "file": identity, "version": version, "settings": settings or {}},
                              sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _entry_path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> Any | None:
        """The stored result, or None (absent, unreadable or of another key)."""
        if not self.read_enabled:
            return None
        try:
            with self._entry_path(kind, key).open(encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        return entry.get("data")

    def put(self, kind: str, key: str, data: Any) -> None:
        """Store a result atomically. A cache that cannot be written is not an error."""
        if not self.write_enabled:
            return
        target = self._entry_path(kind, key)
        try:
            self._prepare(target.parent)
            payload = json.dumps({"key": key, "kind": kind, "data": data}, ensure_ascii=False)
            # No fsync: the rename already makes an interrupted run leave the whole
            # entry or none; after a power cut a damaged entry reads as a miss
            # (get() rejects it), so syncing every entry would only cost time.
            write_atomically(target, payload.encode("utf-8"))
        except (OSError, TypeError, ValueError) as exc:
            self.write_failed = self.write_failed or f"{target}: {getattr(exc, 'strerror', None) or exc}"

    def _prepare(self, entry_folder: Path) -> None:
        """Create the folders; mark the top one as a cache (backup tools and git skip it)."""
        assert self.folder is not None
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
            (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
        entry_folder.mkdir(parents=True, exist_ok=True)
