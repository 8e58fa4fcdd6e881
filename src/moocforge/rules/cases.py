"""Rule cases: for every rule, one small data file of inputs that make it fail and pass.

Like sqlfluff's ``std_rule_cases``, each registered rule has a file
``rules/cases/<RULE_ID>.yml``. The test suite runs every case
(``tests/rules/test_rule_cases.py``), and ``moocforge rules ID`` and
``docs/rules.md`` show the first failing case as the rule's Example and its
passing counterpart as the Fix, so an example in the catalogue is something
the tests prove. The files ship inside the wheel for that reason.

The format::

    rule: ST110
    fail:
      - name: week-too-heavy                  # test id: ST110-fail-week-too-heavy
        descriptor:                           # the input: descriptor, bank or media
          set:
            modules[0].workload_hours: 7
        expect:                               # every finding of the rule, in report order
          - message: out_of_range
            params: {module: M1, hours: 7.0, min: 3, max: 5}
    pass:
      - name: week-within-range
        fixes: week-too-heavy                 # shown as the Fix of that failing case
        descriptor:
          set:
            modules[0].workload_hours: 5

A case has a ``name`` (unique in its file), an optional ``description`` (for
maintainers, not shown) and exactly one input:

``descriptor``
    A patch of the complete course the test suite writes
    (``tests/course_factory.good_descriptor``), applied in this order:
    ``set: {path: value}``, ``delete: [path]``, ``truncate: {path: n}`` (keep
    the first n items). A path is dotted with ``[i]`` indexes, ``[*]`` for every
    item: ``modules[*].practical_task.parameterised`` (YAML takes such a key in
    block style only, as above, not inside ``{…}``). ``files: {name: text}``
    writes text files into the course afterwards; ``remove_files: [name]``
    leaves named files out. ``documents: {path: spec}`` makes the course's
    PDFs and slide decks real documents that pass every PD and SL rule, then
    makes each named path as its spec says (a PDF's pages, a scan, a
    password, raw bytes; a deck's changed fields, size, pictures …; the
    spec format is in ``tests/documents/factory.py``).
``bank``
    ``{file name: text}`` (or ``{file name: {text: …, encoding: cp1251}}``):
    quiz banks checked as loose files, as ``moocforge quiz lint`` does.
``media``
    ``videos: {M1.L1: [{file: RECIPE, master: RECIPE}]}`` and ``promo: RECIPE``:
    the course with real media files (``closing: RECIPE`` adds the closing
    video of form 08), made by the test suite's media factory from named
    recipes (each described in ``locales/catalogue.yaml`` under
    ``catalogue.recipe.<RECIPE>``). Without ``promo`` the course keeps the
    test course's 12-byte stand-in, which only MD101 looks at (and reports as
    no media file): an MD101 case names a real promo.

Optional with any input: ``profile`` (a built-in profile name, or a fragment
of a profile that extends atu-2025), ``options`` (``deep: true``,
``online: true``: as ``check --deep``/``--online``), and ``server``
(``{/path: status}`` or ``{/path: {HEAD: status, GET: status}}``): a loopback
HTTP server the test starts for online cases; ``{server}`` in the input
stands for its address.

A failing case lists in ``expect`` every finding the rule reports, in report
order: an entry matches ``count`` findings (default 1) with its ``message``
and, where given, its ``line``, ``file``, ``module``, ``lesson``,
``severity``, ``clause`` and ``params`` (a subset, compared as the report
prints them). Figures measured from real media by ffmpeg (a blur figure, the
length of a stretch) differ a little between ffmpeg builds: name them in
``measured: [param]`` and they are compared within a quarter of their value.
The first entry of an Example gives every parameter its message needs, so
the catalogue can print the finding without running anything. A passing case
expects no finding of its rule.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

import yaml

from .. import yamlio
from ..findings import Finding, Location, Severity
from ..i18n import t
from ..profiles import DEFAULT_PROFILE

INPUT_KINDS = ("descriptor", "bank", "media")
OPTIONS = ("deep", "online")
PATCH_KEYS = ("set", "delete", "truncate", "files", "remove_files", "documents")
MEDIA_ROLES = ("file", "master")
_CASE_KEYS = {"name", "description", "profile", "options", "server", "expect", "fixes", *INPUT_KINDS}
_EXPECT_KEYS = {"message", "count", "line", "file", "module", "lesson", "severity", "clause", "params", "measured"}
_LESSON_ID = re.compile(r"M(\d+)\.L(\d+)")
_SERVER_TOKEN = "{server}"


class CaseFileError(ValueError):
    """A case file that does not follow the format; the message names the file and the case."""


# ---------------------------------------------------------------- the model

@dataclass(frozen=True)
class Expected:
    """One expected finding (or ``count`` alike) of a failing case."""

    message: str
    count: int = 1
    line: int | None = None
    file: str | None = None
    module: str | None = None
    lesson: str | None = None
    severity: Severity | None = None
    clause: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    measured: tuple[str, ...] = ()  # params measured by ffmpeg: compared within a tolerance

    def as_finding(self, rule_id: str, default: Severity) -> Finding:
        """The finding as the catalogue prints it (no rule is run)."""
        return Finding(rule_id, self.severity or default, self.message, dict(self.params),
                       Location(file=self.file, line=self.line))


@dataclass(frozen=True)
class Case:
    rule_id: str
    outcome: str  # "fail" or "pass"
    name: str
    kind: str  # one of INPUT_KINDS
    input: Any
    profile: str | dict | None = None
    options: dict[str, bool] = field(default_factory=dict)
    server: dict[str, Any] | None = None
    expect: tuple[Expected, ...] = ()
    fixes: str | None = None
    description: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule_id}-{self.outcome}-{self.name}"

    @property
    def base_profile(self) -> str:
        """The profile the case is checked against (a fragment extends the default)."""
        return self.profile if isinstance(self.profile, str) else DEFAULT_PROFILE


@dataclass(frozen=True)
class RuleCases:
    rule_id: str
    failing: tuple[Case, ...]
    passing: tuple[Case, ...]

    @property
    def all(self) -> tuple[Case, ...]:
        return self.failing + self.passing

    def example(self) -> Case | None:
        return self.failing[0] if self.failing else None

    def fix(self) -> Case | None:
        """The passing case that fixes the Example: the one naming it, else the first."""
        example = self.example()
        named = [c for c in self.passing if example is not None and c.fixes == example.name]
        return (named or list(self.passing) or [None])[0]


# ---------------------------------------------------------------- loading

def _folder():
    return resources.files("moocforge") / "rules" / "cases"


def case_rule_ids() -> list[str]:
    """Rule ids that have a case file."""
    return sorted(entry.name[:-4] for entry in _folder().iterdir() if entry.name.endswith(".yml"))


@lru_cache(maxsize=None)
def load_cases(rule_id: str) -> RuleCases | None:
    """The cases of ``rule_id``, or None when it has no case file; CaseFileError when malformed."""
    entry = _folder() / f"{rule_id}.yml"
    if not entry.is_file():
        return None
    return parse_cases(rule_id, entry.read_text(encoding="utf-8"))


def parse_cases(rule_id: str, text: str) -> RuleCases:
    """The cases in ``text``, the content of ``rule_id``'s case file."""
    where = f"rules/cases/{rule_id}.yml"
    try:
        data = yamlio.load(text) or {}
    except yamlio.YAMLError as exc:
        raise CaseFileError(f"{where}: not valid YAML ({exc})") from None
    _require(isinstance(data, dict) and set(data) <= {"rule", "fail", "pass"},
             where, "a case file has the keys rule, fail and pass")
    _require(data.get("rule") == rule_id, where, f"says rule {data.get('rule')!r}, its name says {rule_id}")
    failing = tuple(_case(rule_id, "fail", raw, where) for raw in data.get("fail") or [])
    passing = tuple(_case(rule_id, "pass", raw, where) for raw in data.get("pass") or [])
    names = [c.name for c in failing + passing]
    _require(len(names) == len(set(names)), where, "case names must be unique")
    for case in passing:
        _require(case.fixes is None or case.fixes in {c.name for c in failing},
                 where, f"{case.name}: fixes names no failing case")
    return RuleCases(rule_id, failing, passing)


def _require(condition: bool, where: str, problem: str) -> None:
    if not condition:
        raise CaseFileError(f"{where}: {problem}")


def _case(rule_id: str, outcome: str, raw: Any, where: str) -> Case:
    _require(isinstance(raw, dict) and isinstance(raw.get("name"), str), where, f"a {outcome} case needs a name")
    where = f"{where} {raw['name']}"
    _require(set(raw) <= _CASE_KEYS, where, f"unknown keys {sorted(set(raw) - _CASE_KEYS)}")
    kinds = [kind for kind in INPUT_KINDS if kind in raw]
    _require(len(kinds) == 1, where, "give exactly one input: descriptor, bank or media")
    kind = kinds[0]
    {"descriptor": _check_patch, "bank": _check_bank, "media": _check_media}[kind](raw[kind], where)
    options = raw.get("options") or {}
    _require(isinstance(options, dict) and set(options) <= set(OPTIONS), where, f"options are {OPTIONS}")
    _require(isinstance(raw.get("profile"), (str, dict, type(None))), where, "profile is a name or a mapping")
    _check_server(raw.get("server"), where)
    expect = tuple(_expected(item, where) for item in raw.get("expect") or [])
    if outcome == "fail":
        _require(bool(expect), where, "a failing case lists the findings it expects")
        _require("fixes" not in raw, where, "only a passing case fixes another")
    else:
        _require(not expect, where, "a passing case expects no finding")
    return Case(rule_id, outcome, raw["name"], kind, raw[kind], raw.get("profile"), dict(options),
                raw.get("server"), expect, raw.get("fixes"), raw.get("description"))


def _expected(raw: Any, where: str) -> Expected:
    _require(isinstance(raw, dict) and "message" in raw and set(raw) <= _EXPECT_KEYS,
             where, f"an expected finding has a message and any of {sorted(_EXPECT_KEYS)}")
    severity = Severity.parse(raw["severity"]) if raw.get("severity") else None
    measured = tuple(raw.get("measured") or ())
    _require(set(measured) <= set(raw.get("params") or {}), where, "measured names params the case gives")
    return Expected(raw["message"], int(raw.get("count", 1)), raw.get("line"), raw.get("file"), raw.get("module"),
                    raw.get("lesson"), severity, raw.get("clause"), dict(raw.get("params") or {}), measured)


def _check_patch(patch: Any, where: str) -> None:
    _require(isinstance(patch, dict) and set(patch) <= set(PATCH_KEYS), where, f"a descriptor patch has {PATCH_KEYS}")
    _require(all(isinstance(spec, (dict, type(None))) for spec in (patch.get("documents") or {}).values()), where,
             "documents maps a path to the spec of the document made there")
    for path in [*(patch.get("set") or {}), *(patch.get("delete") or []), *(patch.get("truncate") or {})]:
        try:
            parse_path(path)
        except ValueError as exc:
            raise CaseFileError(f"{where}: {exc}") from None


def _check_server(routes: Any, where: str) -> None:
    if routes is None:
        return
    _require(isinstance(routes, dict) and all(str(path).startswith("/") for path in routes), where,
             "server maps paths such as /ok to a status")
    for status in routes.values():
        by_method = status if isinstance(status, dict) else {"any": status}
        _require(all(isinstance(code, int) for code in by_method.values()), where,
                 "a server answers with a status number, or one per method: {HEAD: 405, GET: 200}")


def _check_bank(bank: Any, where: str) -> None:
    _require(isinstance(bank, dict) and bank, where, "a bank input maps file names to text")
    for name, content in bank.items():
        _require(isinstance(content, str) or (isinstance(content, dict) and "text" in content), where,
                 f"bank {name}: give its text, or text and encoding")


def _check_media(spec: Any, where: str) -> None:
    _require(isinstance(spec, dict) and set(spec) <= {"videos", "promo", "closing"}, where,
             "media has videos, promo and closing")
    for lesson, items in (spec.get("videos") or {}).items():
        _require(bool(_LESSON_ID.fullmatch(str(lesson))), where, f"{lesson}: name a lesson as M1.L1")
        _require(isinstance(items, list) and all(isinstance(i, dict) and i and set(i) <= set(MEDIA_ROLES)
                                                 for i in items), where,
                 f"{lesson}: give a list of videos, each with a file and/or a master recipe")


def lesson_numbers(lesson_id: str) -> tuple[int, int]:
    """(module, lesson) numbers of an id such as ``M1.L2``."""
    match = _LESSON_ID.fullmatch(lesson_id)
    if not match:
        raise ValueError(f"{lesson_id}: not a lesson id such as M1.L1")
    return int(match.group(1)), int(match.group(2))


def media_recipes(case: Case) -> list[str]:
    """The media recipes a case names, in order of appearance."""
    if case.kind != "media":
        return []
    names = [name for items in (case.input.get("videos") or {}).values() for item in items for name in item.values()]
    names += [case.input[role] for role in ("promo", "closing") if case.input.get(role)]
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------- descriptor patches

_STEP = re.compile(r"(?:^|\.)([A-Za-z_][\w-]*)|\[(\d+|\*)\]")


def parse_path(text: str) -> tuple:
    """``modules[0].workload_hours`` → ("modules", 0, "workload_hours"); ``[*]`` → "*"."""
    steps: list = []
    position = 0
    while position < len(text):
        match = _STEP.match(text, position)
        if not match or match.end() == position:
            raise ValueError(f"{text!r}: not a path such as modules[0].workload_hours")
        key, index = match.groups()
        steps.append(key if key is not None else ("*" if index == "*" else int(index)))
        position = match.end()
    if not steps or not isinstance(steps[0], str) or steps[0] == "*":
        raise ValueError(f"{text!r}: a path starts with a field name")
    return tuple(steps)


def _places(node: Any, steps: tuple) -> Iterator[tuple[Any, Any]]:
    """(container, key) of every place a path names, ``*`` expanded."""
    head, rest = steps[0], steps[1:]
    keys = range(len(node)) if head == "*" else [head]
    for key in keys:
        if rest:
            yield from _places(node[key], rest)
        else:
            yield node, key


def apply_patch(data: dict, patch: dict) -> dict:
    """A copy of descriptor ``data`` with ``patch``'s set, delete and truncate applied."""
    data = copy.deepcopy(data)
    for path, value in (patch.get("set") or {}).items():
        for container, key in list(_places(data, parse_path(path))):
            container[key] = copy.deepcopy(value)
    for path in patch.get("delete") or []:
        # Deleting list items by index would shift the later ones: deletion is for fields.
        for container, key in list(_places(data, parse_path(path))):
            del container[key]
    for path, count in (patch.get("truncate") or {}).items():
        for container, key in list(_places(data, parse_path(path))):
            container[key] = container[key][:count]
    return data


def substitute_server(node: Any, address: str) -> Any:
    """``node`` with ``{server}`` in every string replaced by the test server's address."""
    if isinstance(node, str):
        return node.replace(_SERVER_TOKEN, address)
    if isinstance(node, dict):
        return {key: substitute_server(value, address) for key, value in node.items()}
    if isinstance(node, list):
        return [substitute_server(value, address) for value in node]
    return node


# ---------------------------------------------------------------- describing a case

def _yaml_value(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def _indented(text: str) -> list[str]:
    return [f"  {line}" if line else "" for line in text.rstrip("\n").split("\n")]


def _describe_descriptor(patch: dict, lang: str) -> list[str]:
    changes = [f"  {path}: {_yaml_value(value)}" for path, value in (patch.get("set") or {}).items()]
    changes += [f"  {path}: {t('catalogue.not_given', lang)}" for path in patch.get("delete") or []]
    changes += [f"  {path}: {t('catalogue.items', lang, count=count)}"
                for path, count in (patch.get("truncate") or {}).items()]
    files = [f"{name}: {t('catalogue.no_file', lang)}" for name in patch.get("remove_files") or []]
    for name, text in (patch.get("files") or {}).items():
        files += [f"{name}:", *_indented(text)]
    if not changes and not files:
        return [f"course.yaml: {t('catalogue.unchanged', lang)}"]
    return (["course.yaml:", *changes] if changes else []) + files


def _describe_bank(bank: dict, lang: str) -> list[str]:
    lines = []
    for name, content in bank.items():
        if isinstance(content, dict):
            lines += [f"{name} ({content.get('encoding', 'utf-8')}):", *_indented(content["text"])]
        else:
            lines += [f"{name}:", *_indented(content)]
    return lines


def _describe_media(spec: dict, lang: str) -> list[str]:
    lines = []
    for lesson, items in (spec.get("videos") or {}).items():
        for item in items:
            for role, recipe in item.items():
                label = t("core.role.video" if role == "file" else "core.role.master", lang)
                lines.append(f"{lesson} {label}: {t('catalogue.recipe.' + recipe, lang)}")
    for role in ("promo", "closing"):
        if spec.get(role):
            lines.append(f"{t('core.role.' + role, lang)}: {t('catalogue.recipe.' + spec[role], lang)}")
    return lines


def describe_input(case: Case, lang: str) -> list[str]:
    """The case as a reader sees it: the profile, the command's options, then the input."""
    lines: list[str] = []
    if isinstance(case.profile, dict):
        lines.append(t("catalogue.profile_fragment", lang, base=DEFAULT_PROFILE))
        lines += [f"  {key}: {_yaml_value(value)}" for key, value in case.profile.items()]
    elif case.profile:
        lines.append(f"{t('catalogue.profile', lang)}: {case.profile}")
    flags = [f"--{name}" for name in OPTIONS if case.options.get(name)]
    if flags:
        lines.append("moocforge check " + " ".join(flags))
    describe = {"descriptor": _describe_descriptor, "bank": _describe_bank, "media": _describe_media}[case.kind]
    return lines + describe(case.input, lang)


@dataclass(frozen=True)
class Example:
    """A rule's Example as the catalogue shows it: input, the finding it gives, and the fix."""

    profile: str  # the profile the example is checked against
    profile_shown: bool  # whether the input lines already name it (a case's own profile)
    failing: list[str]
    finding: Finding
    fixing: list[str] | None


def rule_example(rule: Any, lang: str) -> Example | None:
    """The Example of ``rule`` (a registry Rule) in ``lang``, from its case file; None without one."""
    cases = load_cases(rule.id)
    example = cases.example() if cases else None
    if example is None:
        return None
    fix = cases.fix()
    return Example(example.base_profile, example.profile is not None, describe_input(example, lang),
                   example.expect[0].as_finding(rule.id, rule.severity),
                   describe_input(fix, lang) if fix is not None else None)
