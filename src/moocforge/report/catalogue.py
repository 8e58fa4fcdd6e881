"""`moocforge rules`: the catalogue as a table, and one rule explained (like `ruff rule`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..i18n import t


def print_rules(console: Console, rules, lang: str, profile) -> None:
    table = Table(show_lines=False)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column(t("core.severity", lang))
    table.add_column(t("core.clause", lang))
    table.add_column(t("core.title", lang))
    for item in rules:
        table.add_row(item.id, t(f"core.severity.{item.severity.value}", lang), item.clause, item.title(lang, profile))
    console.print(table)
    console.print(t("core.rules_footer", lang, count=len(rules)))


def print_rule(console: Console, item, lang: str, profile) -> None:
    console.print(f"[bold]{item.id}[/bold] ({item.name}) — {item.title(lang, profile)}", highlight=False)
    console.print(f"{t('core.severity', lang)}: {t('core.severity.' + item.severity.value, lang)} · "
                  f"{t('core.clause', lang)}: {item.clause} · {t('core.area', lang)}: {item.area}", highlight=False)
    console.print()
    console.print(item.doc(lang, profile), highlight=False)
    if item.thresholds:
        console.print()
        console.print(f"{t('core.thresholds', lang)} ({profile.name}):")
        for key in item.thresholds:
            try:
                threshold = profile.threshold(key)
            except KeyError:
                continue
            clause = f"  [{threshold.clause}]" if threshold.clause else ""
            console.print(f"  {key} = {threshold.value}{clause}", highlight=False)
