"""The effective settings of a check, and where each came from.

A course keeps its settings in the ``check:`` section of course.yaml or in a
``moocforge.toml`` beside it (a ``[check]`` table with the same keys) — one
of the two, so no one has to wonder which wins. Options on the command line
override them; ``moocforge check --show-config`` prints the result with the
source of every value (``course.yaml:41``, ``moocforge.toml``, ``command line``,
``default``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..course.check_config import CheckConfig, CheckException
from ..course.validation import validate_descriptor
from ..errors import UserError
from ..findings import Location
from ..profiles import DEFAULT_PROFILE
from .exceptions import Suppression, configured

TOML_NAME = "moocforge.toml"
TOML_TABLE = "check"
# Every setting the command line can also give, in the order --show-config lists them.
NAMES = ("profile", "select", "ignore", "fail_on", "lang", "deep", "online")
DEFAULTS: dict[str, Any] = {"profile": DEFAULT_PROFILE, "select": None, "ignore": None, "fail_on": "error",
                            "lang": None, "deep": False, "online": False}
DEFAULT, COMMAND_LINE = "default", "command line"


class ConfigError(UserError):
    """moocforge.toml cannot be read, or the settings are written in two places."""


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # DEFAULT, COMMAND_LINE, "course.yaml:41" or "moocforge.toml"


@dataclass(frozen=True)
class CheckSettings:
    """Every setting with its source, and the configured exceptions with where each is written."""

    values: dict[str, Setting] = field(default_factory=lambda: {n: Setting(v, DEFAULT) for n, v in DEFAULTS.items()})
    exceptions: tuple[CheckException, ...] = ()
    exception_origins: tuple[Location, ...] = ()

    def value(self, name: str) -> Any:
        return self.values[name].value

    def source(self, name: str) -> str:
        return self.values[name].source

    def overridden(self, **given: Any) -> "CheckSettings":
        """These settings with the command line's values (None: not given) in front."""
        values = dict(self.values)
        for name, value in given.items():
            if value is not None:
                values[name] = Setting(value, COMMAND_LINE)
        return replace(self, values=values)

    def suppressions(self) -> list[Suppression]:
        origins = self.exception_origins
        return configured(self.exceptions, lambda index: origins[index])


def read_toml(root: Path) -> CheckConfig | None:
    """The ``[check]`` table of ``root/moocforge.toml``, validated; None when there is no such file."""
    path = root / TOML_NAME
    if not path.is_file():
        return None
    where = {"file": str(path)}
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ConfigError("ci.config.unreadable", **where, error=exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise ConfigError("ci.config.not_utf8", **where, hint="ci.config.not_utf8_hint") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("ci.config.toml_syntax", **where, problem=str(exc), hint="ci.config.toml_hint") from None
    unknown = sorted(set(data) - {TOML_TABLE})
    if unknown:
        raise ConfigError("ci.config.toml_unknown_table", **where, name=unknown[0], hint="ci.config.toml_hint")
    if not isinstance(data.get(TOML_TABLE, {}), dict):
        raise ConfigError("ci.config.toml_unknown_table", **where, name=TOML_TABLE, hint="ci.config.toml_hint")
    # The course model validates the table, so its messages (and their hints) are the descriptor's.
    return validate_descriptor({"check": data.get(TOML_TABLE, {})}, {}, str(path)).check


def _is_empty(config: CheckConfig | None) -> bool:
    return config is None or not config.model_dump(exclude_defaults=True)


def settings_for(subject) -> CheckSettings:
    """The settings a course keeps (course.yaml ``check:`` or moocforge.toml); defaults for loose files."""
    if not subject.is_course:
        return CheckSettings()
    in_descriptor = subject.model.check
    in_toml = read_toml(Path(subject.root))
    descriptor = subject.descriptor_name
    if not _is_empty(in_descriptor) and in_toml is not None:
        raise ConfigError("ci.config.two_homes", file=str(Path(subject.root) / TOML_NAME), descriptor=descriptor,
                          hint="ci.config.two_homes_hint", hint_params={"descriptor": descriptor})
    settings = CheckSettings()
    values = dict(settings.values)
    if subject.model.profile:
        values["profile"] = Setting(subject.model.profile, _at(descriptor, subject.line_of(("profile",))))
    if in_toml is not None:
        config, source = in_toml, lambda path: TOML_NAME
    elif in_descriptor is not None:
        config, source = in_descriptor, lambda path: _at(descriptor, subject.line_of(("check",) + path))
    else:
        return replace(settings, values=values)
    for name in NAMES:
        value = getattr(config, name)
        if value is not None:
            values[name] = Setting(value, source((name,)))
    origins = tuple(Location(file=TOML_NAME) if in_toml is not None else
                    Location(file=descriptor, line=subject.line_of(("check", "exceptions", i)))
                    for i in range(len(config.exceptions)))
    return CheckSettings(values, tuple(config.exceptions), origins)


def _at(file: str, line: int | None) -> str:
    return f"{file}:{line}" if line else file
