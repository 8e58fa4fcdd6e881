"""Terminal report (placeholder; the reports work replaces it with a rich layout)."""

from __future__ import annotations

from ..i18n import t


def render(result, lang: str) -> str:
    lines = []
    for f in result.findings:
        where = f.file or ""
        if f.line:
            where += f":{f.line}"
        lines.append(f"{where}: {f.rule_id} [{t('core.severity.' + f.severity.value, lang)}] {f.text(lang)}")
    return "\n".join(lines)
