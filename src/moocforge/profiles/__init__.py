"""Profiles: every threshold the rules use, each with the clause it comes from.

A built-in profile is a folder ``profiles/data/NAME/`` of YAML fragments, one per
area (``profile.yaml`` holds the name and what it extends; ``structure.yaml``,
``quiz.yaml``, ``media.yaml`` … hold values). A user's profile is one YAML file
given with ``--profile path.yaml``. Both may say ``extends: OTHER`` and override
any value; overrides merge deeply, so a file can change one number and keep the
rest.

A leaf is written either plainly (``max: 6``) or with its source::

    modules:
      max: {value: 6, clause: "ATU §8.1"}
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any


from .. import yamlio
from ..errors import UserError
from ..fileio import names_a_file
from ..textio import read_settings_file

DEFAULT_PROFILE = "atu-2025"
_MISSING = object()
_META_KEYS = {"name", "title", "extends", "description", "source"}


class ProfileError(UserError):
    """A profile cannot be found or read; the message says which and why."""


@dataclass(frozen=True)
class Threshold:
    value: Any
    clause: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Change:
    """One setting a profile changes against its parent (``before`` None: the parent has no such setting)."""

    key: str
    before: Threshold | None
    after: Threshold


def _is_leaf(node: Any) -> bool:
    return isinstance(node, dict) and "value" in node and set(node) <= {"value", "clause", "note"}


def _to_thresholds(node: Any, default_clause: str | None) -> Any:
    """Turn a raw mapping into nested dicts whose leaves are Threshold."""
    if _is_leaf(node):
        return Threshold(node["value"], node.get("clause") or default_clause, node.get("note"))
    if isinstance(node, dict):
        return {str(k): _to_thresholds(v, default_clause) for k, v in node.items()}
    return Threshold(node, default_clause)


def _deep_merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@dataclass
class Profile:
    """Merged thresholds, addressed by dotted keys such as ``structure.modules.min``."""

    name: str
    title: str
    chain: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    parent: "Profile | None" = None  # the profile it extends, as loaded

    def changes(self) -> list["Change"]:
        """What this profile sets differently from the one it extends (nothing for a base profile).

        A value restated with another clause counts: the same number then rests on
        another text (mes-2020's subtitles rest on the Ministry, not on ATU §10.4).
        """
        if self.parent is None:
            return []
        before = self.parent.flat()
        return [Change(key, before.get(key), now) for key, now in self.flat().items() if before.get(key) != now]

    def threshold(self, key: str) -> Threshold:
        node: Any = self.values
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"profile {self.name!r} has no value {key!r}")
            node = node[part]
        if not isinstance(node, Threshold):
            raise KeyError(f"profile value {key!r} is a section, not a value")
        return node

    def get(self, key: str, default: Any = _MISSING) -> Any:
        try:
            return self.threshold(key).value
        except KeyError:
            if default is _MISSING:
                raise
            return default

    def clause(self, key: str) -> str | None:
        try:
            return self.threshold(key).clause
        except KeyError:
            return None

    def flat(self) -> dict[str, Threshold]:
        """Every leaf by dotted key (for ``moocforge profile show`` and tests)."""
        out: dict[str, Threshold] = {}

        def walk(node: Any, prefix: str) -> None:
            if isinstance(node, Threshold):
                out[prefix] = node
            else:
                for k, v in node.items():
                    walk(v, f"{prefix}.{k}" if prefix else k)

        walk(self.values, "")
        return out


def _builtin_root():
    return resources.files("moocforge") / "profiles" / "data"


def builtin_profiles() -> list[str]:
    return sorted(entry.name for entry in _builtin_root().iterdir() if entry.is_dir())


def _read_yaml(text: str, where: str) -> dict:
    data = yamlio.load_settings(text, where, ProfileError, "profile.error.yaml", "profile.error.yaml_hint") or {}
    if not isinstance(data, dict):
        raise ProfileError("profile.error.not_mapping", file=where, hint="profile.error.example_hint")
    return data


def _read_builtin(name: str) -> dict:
    folder = _builtin_root() / name
    if not folder.is_dir():
        raise ProfileError("profile.error.unknown", name=name, known=", ".join(builtin_profiles()),
                           hint="profile.error.unknown_hint")
    meta: dict = {}
    values: dict = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = _read_yaml(entry.read_text(encoding="utf-8"), f"profile {name}/{entry.name}")
        for key in list(data):
            if key in _META_KEYS:
                meta[key] = data.pop(key)
        values = _deep_merge(values, data)
    meta.setdefault("name", name)
    return {**meta, "_values": values}


def _read_user_file(path: Path) -> dict:
    text = read_settings_file(path, ProfileError, "profile.error", hint="profile.error.unknown_hint")
    data = _read_yaml(text, str(path))
    meta = {k: data.pop(k) for k in list(data) if k in _META_KEYS}
    meta.setdefault("name", path.stem)
    meta.setdefault("extends", DEFAULT_PROFILE)
    return {**meta, "_values": data, "_default_clause": f"profile {path.name}"}


def _leaf_keys(node: Any, prefix: str = "") -> list[str]:
    if isinstance(node, Threshold):
        return [prefix]
    return [key for k, v in node.items() for key in _leaf_keys(v, f"{prefix}.{k}" if prefix else k)]


def _refuse_unknown_settings(own: dict, parent: "Profile", where: str) -> None:
    """A user's profile may change any setting its parent has, and nothing else."""
    known = set(parent.flat())
    for key in _leaf_keys(own):
        if key not in known:
            closest = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            raise ProfileError("profile.error.unknown_setting", file=where, setting=key, parent=parent.name,
                               hint="profile.error.closest_setting" if closest else "profile.error.list_settings",
                               hint_params={"closest": closest[0] if closest else "", "parent": parent.name})


def load_profile(name_or_path: str | Path | None = None, _seen: tuple[str, ...] = ()) -> Profile:
    """Load a built-in profile by name, or a user's YAML file by path."""
    spec = str(name_or_path or DEFAULT_PROFILE)
    raw = _read_user_file(Path(spec)) if names_a_file(spec) else _read_builtin(spec)
    name = str(raw["name"])
    if name in _seen:
        raise ProfileError("profile.error.circle", chain=" → ".join(_seen + (name,)))

    own = _to_thresholds(raw["_values"], raw.get("_default_clause"))
    parent_name = raw.get("extends")
    if parent_name:
        parent = load_profile(parent_name, _seen + (name,))
        if raw.get("_default_clause"):  # a user's file: a misspelt setting must not be ignored
            _refuse_unknown_settings(own, parent, spec)
        values = _deep_merge(parent.values, own)
        chain = parent.chain + [name]
    else:
        parent, values, chain = None, own, [name]
    return Profile(name=name, title=str(raw.get("title") or name), chain=chain, values=values, parent=parent)
