"""Titles and docs take their numbers from the active profile, and `moocforge rules ID` shows an example.

A department that asks for five modules runs `moocforge rules ST101 --profile
theirs.yaml` and must read "5–6", not the atu-2025 "4 to 6", in every
language; `moocforge rules ID` ends with the rule's Example (a failing case)
and its Fix (the passing case), labelled in the reader's language.
"""

from __future__ import annotations

import io
import re
import string
import subprocess
import sys

import pytest
from rich.console import Console

from moocforge.i18n import catalogue, t
from moocforge.languages import LANGUAGES
from moocforge.profiles import load_profile
from moocforge.report.catalogue import print_rule
from moocforge.rules.cases import rule_example
from moocforge.rules.registry import all_rules, get_rule, threshold_param


def run(*args):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "200",
           "PYTHONPATH": ":".join(sys.path)}
    proc = subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def five_modules(tmp_path):
    path = tmp_path / "five-modules.yaml"
    path.write_text("structure: {modules: {min: 5}}\n", encoding="utf-8")
    return path


def _templates(item, parts=("title", "doc")):
    for part in parts:
        for lang in LANGUAGES:
            yield f"{item.id}.{part} [{lang}]", catalogue()[f"{item.id}.{part}"][lang]


def test_title_and_doc_placeholders_are_the_rules_thresholds():
    strays = []
    for item in all_rules():
        params = {threshold_param(key) for key in item.thresholds}
        for where, template in _templates(item):
            # "{{true}}" is GIFT and "`forum: {title, prompt}`" YAML: only a bare name is a placeholder.
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name and name.isidentifier()}
            strays += [f"{where}: {{{name}}}" for name in sorted(names - params)]
    assert strays == []


def test_titles_write_no_threshold_as_a_literal_number():
    """A number a profile sets is a placeholder; written out, it would not follow --profile.

    (Docs cite "form 10 criterion 2" and "85–100 %" too, so only titles can be held to this.)
    """
    profile = load_profile()
    literals = []
    for item in all_rules():
        values = [profile.get(key, None) for key in item.thresholds]
        numbers = {value for value in values if isinstance(value, (int, float)) and not isinstance(value, bool)}
        for where, template in _templates(item, parts=("title",)):
            for number in numbers:
                if re.search(rf"(?<![\d.,]){re.escape(str(number))}(?![\d.,])", template):
                    literals.append(f"{where}: {number}")
    assert literals == []


def explain(rule_id: str, lang: str, profile=None) -> str:
    """What `moocforge rules ID` prints: the rule, then its Example and Fix from the case file."""
    item = get_rule(rule_id)
    console = Console(file=io.StringIO(), width=200, no_color=True)
    print_rule(console, item, lang, profile or load_profile(), rule_example(item, lang))
    return console.file.getvalue()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explained_rule_follows_the_users_profile(five_modules, lang):
    out = run("rules", "ST101", "--profile", five_modules, "--lang", lang)
    title = out.splitlines()[0]
    assert "5" in title and "6" in title and "4" not in title, title
    assert "structure.modules.min = 5" in out
    assert not any(old in out for old in ("4 to 6", "от 4 до 6", "4-тен 6-ға"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule_list_follows_the_users_profile(five_modules, lang):
    [row] = [line for line in run("rules", "--profile", five_modules, "--lang", lang).splitlines() if "ST101" in line]
    assert "5" in row and "4" not in row.split("ATU §8.1")[-1], row


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explained_rule_shows_criteria_example_and_fix(lang):
    assert f"{t('catalogue.criteria', lang)}: 3" in run("rules", "ST110", "--lang", lang)
    out = explain("ST110", lang)
    example, fix = out.split(f"\n{t('catalogue.example', lang)}:\n")[1].split(f"\n{t('catalogue.fix', lang)}:\n")
    assert "modules[0].workload_hours: 7" in example
    finding = t("ST110.out_of_range", lang, module="M1", hours=7.0, min=3, max=5)
    assert f"{t('core.severity.error', lang)} ST110: {finding}" in example
    assert "modules[0].workload_hours: 5" in fix


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_example_under_another_profile_names_its_own(five_modules, lang):
    """The example was checked against atu-2025: it says so rather than contradict a 5–6 profile's thresholds."""
    out = explain("ST101", lang, load_profile(str(five_modules)))
    assert t("catalogue.example_with_profile", lang, profile="atu-2025") in out
    assert f"\n{t('catalogue.example', lang)}:\n" in explain("ST101", lang)


def test_bank_examples_print_as_written():
    """Quiz banks hold [brackets] that a terminal library would take for markup."""
    out = explain("QZ113", "en")
    assert "// [tag:M1.1]" in out and "$CATEGORY: $course$/top/M1.4" in out


def test_the_command_shows_the_example():
    assert f"\n{t('catalogue.example', 'en')}:\n" in run("rules", "ST110", "--lang", "en")
