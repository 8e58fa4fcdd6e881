"""Shared pieces of the reports: plural forms, paths, odd values, grouping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest

from moocforge.findings import Bound, Quantity, at_least, between, filled
from moocforge.i18n import plural_category
from moocforge.report.common import count_text, repository_path
from moocforge.report.values import format_bound, format_quantity, plain
from moocforge.report.grouping import group_findings
from moocforge.report.jsonable import to_jsonable
from moocforge.findings import Finding, Severity


@pytest.mark.parametrize("count, form", [(0, "many"), (1, "one"), (2, "few"), (4, "few"), (5, "many"), (11, "many"),
                                         (12, "many"), (21, "one"), (22, "few"), (111, "many"), (104, "few"),
                                         (1.5, "other"), ("203", "few")])
def test_russian_plural_forms_come_from_cldr(count, form):
    assert plural_category(count, "ru") == form


def test_kazakh_and_english_have_one_and_other():
    assert [plural_category(n, "kk") for n in (1, 2, 5)] == ["one", "other", "other"]
    assert [plural_category(n, "en") for n in (1, 2, 0)] == ["one", "other", "other"]


def test_counts_read_naturally_in_each_language():
    assert [count_text("error", n, "ru") for n in (1, 3, 5, 21)] == ["1 ошибка", "3 ошибки", "5 ошибок", "21 ошибка"]
    assert [count_text("warning", n, "en") for n in (1, 2)] == ["1 warning", "2 warnings"]
    assert [count_text("file", n, "kk") for n in (1, 7)] == ["1 файлда", "7 файлда"]


def test_repository_path_joins_the_folder_as_given(checked, monkeypatch, tmp_path):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    checked.course.root = Path("курс")
    assert repository_path(checked, "module-01/a.pdf") == "курс/module-01/a.pdf"
    assert repository_path(checked, None) == "курс/course.yaml"
    checked.course.root = Path(".")
    assert repository_path(checked, "a.pdf") == "a.pdf"
    # an absolute folder inside the workspace is written from the workspace root
    checked.course.root = tmp_path / "курс"
    assert repository_path(checked, None) == "курс/course.yaml"
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path.parent))
    assert repository_path(checked, None) == f"{tmp_path.name}/курс/course.yaml"


@dataclasses.dataclass
class Span:
    start: dt.time
    seconds: float


def test_every_odd_value_becomes_strict_json():
    odd = {
        "date": dt.date(2026, 1, 5), "tuple": (1, 2), "set": {"b", "a"}, "nan": float("nan"),
        "inf": math.inf, "delta": dt.timedelta(minutes=1, seconds=30), "path": PurePosixPath("a/b"),
        "decimal": Decimal("1.5"), "bytes": "қ".encode(), "severity": Severity.WARNING,
        "dataclass": Span(dt.time(4, 12), 19.0), 3: object,
    }
    value = to_jsonable(odd)
    text = json.dumps(value, allow_nan=False)  # raises on anything that is not strict JSON
    assert json.loads(text) == {
        "date": "2026-01-05", "tuple": [1, 2], "set": ["a", "b"], "nan": "nan", "inf": "inf", "delta": 90.0,
        "path": "a/b", "decimal": 1.5, "bytes": "қ", "severity": "warning",
        "dataclass": {"start": "04:12:00", "seconds": 19.0}, "3": "<class 'object'>",
    }


def test_values_read_as_a_person_writes_them():
    assert plain(3.5000001) == "3.5"
    assert plain(4.0) == "4"
    assert plain((3, 5)) == "3, 5"
    assert plain(dt.date(2026, 1, 5)) == "2026-01-05"


def test_typed_values_are_formatted_with_their_units_in_each_language():
    assert format_quantity(Quantity(899, "clock"), "en") == "14:59"
    assert format_bound(at_least(900, "clock"), "ru") == "≥ 15:00"
    assert format_bound(between(4, 6, "modules"), "kk") == "4–6"
    assert format_bound(between(3, 5, "h"), "ru") == "3–5 ч"
    assert format_quantity(Quantity(52_300_000, "bit/s"), "ru") == "52.3 Мбит/с"
    assert format_bound(at_least(48000, "Hz"), "en") == "≥ 48 kHz"
    assert format_quantity(Quantity((320, 180), "px"), "en") == "320×180"
    assert format_quantity(Quantity(0.4, "ratio"), "en") == "40 %"
    assert format_bound(filled(), "ru") == "заполнено"
    assert format_bound(Bound("in", ["beginner", "advanced"]), "en") == "one of: beginner, advanced"


def test_grouping_keeps_findings_the_model_does_not_know(checked):
    findings = [
        Finding("ST104", Severity.ERROR, "out_of_range", lesson="M1.L2"),  # module inferred from the lesson
        Finding("ST104", Severity.ERROR, "out_of_range", module="M9", lesson="M9.L1"),  # module not in the model
        Finding("ST101", Severity.INFO, "out_of_range"),
        Finding("ST101", Severity.ERROR, "out_of_range"),
    ]
    groups = group_findings(findings, checked.course.model)
    keys = [(g.module_id, g.lesson_id, len(g.findings)) for g in groups]
    assert keys == [(None, None, 2), ("M1", None, 0), ("M1", "M1.L2", 1), ("M9", None, 0), ("M9", "M9.L1", 1)]
    assert [f.severity for f in groups[0].findings] == [Severity.ERROR, Severity.INFO]  # errors first
    assert groups[2].lesson_title == "2-сабақ"
