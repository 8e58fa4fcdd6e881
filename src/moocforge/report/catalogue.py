"""`moocforge rules`: the catalogue as a table, and one rule explained (like `ruff rule`).

A rule's explanation ends with its Example and Fix: the first failing case of
its case file (``rules/cases/<ID>.yml``), the finding that case gives, and the
passing case that fixes it (``rules.cases.rule_example``). The tests run those
very cases, so the example cannot drift from what the rule does. Like every
reporter this module renders what it is given and never reads the rule
registry: the caller passes the rules and their examples.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..i18n import t


def print_rules(console: Console, rules, lang: str, profile) -> None:
    table = Table(show_lines=False)
    table.add_column("id", style="bold", no_wrap=True, min_width=5)
    table.add_column(t("core.severity", lang))
    table.add_column(t("core.clause", lang))
    table.add_column(t("core.title", lang))
    for item in rules:
        table.add_row(item.id, t(f"core.severity.{item.severity.value}", lang), item.clause, item.title(lang, profile))
    console.print(table)
    console.print(t("core.rules_footer", lang, count=len(rules)))


def criteria_text(item) -> str:
    """The rubric criteria a rule informs, e.g. "1, 2" (a dash when none)."""
    return ", ".join(map(str, item.criteria)) or "—"


def print_rule(console: Console, item, lang: str, profile, example=None) -> None:
    """Explain one rule; ``example`` is its ``rules.cases.Example`` in ``lang`` (None: no Example)."""
    console.print(f"[bold]{item.id}[/bold] ({item.name}) — {item.title(lang, profile)}", highlight=False)
    console.print(f"{t('core.severity', lang)}: {t('core.severity.' + item.severity.value, lang)} · "
                  f"{t('core.clause', lang)}: {item.clause} · {t('core.area', lang)}: {item.area} · "
                  f"{t('catalogue.criteria', lang)}: {criteria_text(item)}", highlight=False, markup=False)
    console.print()
    console.print(item.doc(lang, profile), highlight=False, markup=False)
    if item.thresholds:
        console.print()
        console.print(f"{t('core.thresholds', lang)} ({profile.name}):", markup=False)
        for key in item.thresholds:
            try:
                threshold = profile.threshold(key)
            except KeyError:
                continue
            clause = f"  [{threshold.clause}]" if threshold.clause else ""
            console.print(f"  {key} = {setting_text(threshold.value)}{clause}", highlight=False, markup=False)
    if example is not None:
        _print_example(console, item, example, lang, profile)


def _print_example(console: Console, item, example, lang: str, profile) -> None:
    # The example's numbers are those of the profile its case was checked with; say so
    # when the reader asked for another, so "4–6 required" under a 5–6 profile is not a puzzle.
    heading = (t("catalogue.example", lang) if example.profile_shown or example.profile == profile.name
               else t("catalogue.example_with_profile", lang, profile=example.profile))
    # Snippets are course.yaml lines and quiz banks: "[tag:M1.1]" must print as written, not as markup.
    plain = {"highlight": False, "markup": False}
    console.print()
    console.print(f"{heading}:", **plain)
    for line in example.failing:
        console.print(f"  {line}", **plain)
    finding = example.finding
    where = ":".join(str(part) for part in (finding.file, finding.line) if part)
    where = f"{where}: " if where else ""
    console.print(f"  → {t('core.severity.' + finding.severity.value, lang)} {item.id}: {where}{finding.text(lang)}",
                  **plain)
    if example.fixing is not None:
        console.print()
        console.print(f"{t('catalogue.fix', lang)}:", **plain)
        for line in example.fixing:
            console.print(f"  {line}", **plain)


# ---------------------------------------------------------------- profiles

def print_profiles(console: Console, profiles, lang: str) -> None:
    """One line per built-in profile: its name, what it encodes, what it extends."""
    table = Table(show_edge=False)
    table.add_column(t("core.profile", lang), style="bold", no_wrap=True)
    table.add_column(t("core.profile.extends", lang), no_wrap=True)
    table.add_column(t("core.title", lang))
    for item in profiles:
        table.add_row(item.name, " → ".join(item.chain[:-1]) or "—", item.title)
    console.print(table)


def setting_text(value) -> str:
    """A profile value as people read it: lists joined, a choice inside a list as a | b, nothing as —."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ", ".join(" | ".join(map(str, item)) if isinstance(item, list) else str(item) for item in value)
    return str(value)


def _settings_table(profile, lang: str, title: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column(t("core.profile.setting", lang), no_wrap=True)
    table.add_column(t("core.profile.value", lang))
    table.add_column(t("core.clause", lang))
    for key, threshold in profile.flat().items():
        table.add_row(key, setting_text(threshold.value), threshold.clause or "")
    return table


def print_profile(console: Console, profile, lang: str, every_value: bool = False) -> None:
    """One profile: what it changes against the profile it extends (every value with ``every_value``,
    or when it extends none), each with the clause it comes from."""
    title = f"{profile.name}: {profile.title}"
    if profile.parent is None or every_value:
        console.print(_settings_table(profile, lang, title))
        return
    parent = profile.parent.name
    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column(t("core.profile.setting", lang), no_wrap=True)
    table.add_column(parent)
    table.add_column(profile.name)
    table.add_column(t("core.clause", lang))
    changes = profile.changes()
    for change in changes:
        before = setting_text(change.before.value) if change.before is not None else t("profiles.not_set", lang)
        table.add_row(change.key, before, setting_text(change.after.value), change.after.clause or "")
    console.print(table)
    unchanged = len(profile.flat()) - len(changes)
    console.print(t("profiles.changes_footer", lang, changed=len(changes), unchanged=unchanged, parent=parent,
                    name=profile.name), highlight=False)
