"""The conversion report every package comes with: what became of each course item, and why.

Platforms cannot hold everything a course folder holds (Open edX has no
matching question, Coursera imports no quiz file, a video may have no
transcript). Nothing is dropped silently: each course item the packager meets
is recorded once as **converted** (it is in the package as it is),
**downgraded** (it is there, changed — the reason says how) or **skipped** (it
is not there — the reason says why). Reasons are catalogue keys with their
parameters, so one report renders in Kazakh, Russian or English, and its JSON
form (``--report FILE``) keeps the keys for programs.

The report also carries the renamed assets (the course's file name → the safe
ASCII name in the package) and package-wide warnings (an archive nearing the
platform's import limit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import translated_params
from ..i18n import t

CONVERTED, DOWNGRADED, SKIPPED = "converted", "downgraded", "skipped"
STATUSES = (CONVERTED, DOWNGRADED, SKIPPED)
REPORT_FORMAT = "moocforge-package-report/1"
# Marks that read the same without colour, like the check report's.
_MARK = {CONVERTED: "✓", DOWNGRADED: "▲", SKIPPED: "✖"}


@dataclass(frozen=True)
class Reason:
    """Why an item was changed or left out: a catalogue key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **translated_params(self.params, lang))


@dataclass
class ReportItem:
    """One course item (a video, a reading, a bank, a question, a forum …) and what became of it."""

    status: str
    kind: str  # a key below package.kind. (video, reading, bank, question, forum, task …)
    label: str  # its title or file, as the author wrote it
    source: str | None = None  # course-relative path, or where in the course (M1/M1.L2)
    target: str | None = None  # where it is in the package
    reasons: list[Reason] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "kind": self.kind, "label": self.label, "source": self.source,
                "target": self.target,
                "reasons": [{"key": r.key, "params": r.params, "text": r.text("en")} for r in self.reasons]}


@dataclass
class ConversionReport:
    """Everything one packaging run did; ``items`` in course order."""

    target: str
    platform: str | None = None
    items: list[ReportItem] = field(default_factory=list)
    assets: dict[str, str] = field(default_factory=dict)  # course file → name in the package
    warnings: list[Reason] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)  # what was written (archive, folder, zip …)
    size: int | None = None  # bytes of the main archive

    # ---------------------------------------------------------------- recording
    def add(self, status: str, kind: str, label: str, *, source: str | None = None, target: str | None = None,
            reasons: list[Reason] | None = None) -> ReportItem:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        item = ReportItem(status, kind, label, source, target, list(reasons or []))
        self.items.append(item)
        return item

    def converted(self, kind: str, label: str, **where) -> ReportItem:
        return self.add(CONVERTED, kind, label, **where)

    def downgraded(self, kind: str, label: str, key: str, /, source: str | None = None, target: str | None = None,
                   **params) -> ReportItem:
        return self.add(DOWNGRADED, kind, label, source=source, target=target, reasons=[Reason(key, params)])

    def skipped(self, kind: str, label: str, key: str, /, source: str | None = None, **params) -> ReportItem:
        return self.add(SKIPPED, kind, label, source=source, reasons=[Reason(key, params)])

    def warn(self, key: str, **params) -> None:
        self.warnings.append(Reason(key, params))

    def with_status(self, status: str) -> list[ReportItem]:
        return [item for item in self.items if item.status == status]

    def counts(self) -> dict[str, int]:
        return {status: len(self.with_status(status)) for status in STATUSES}

    # ---------------------------------------------------------------- output
    def to_json(self) -> dict[str, Any]:
        return {"format": REPORT_FORMAT, "target": self.target, "platform": self.platform, "outputs": self.outputs,
                "size": self.size, "counts": self.counts(), "items": [item.to_json() for item in self.items],
                "assets": [{"source": source, "name": name} for source, name in self.assets.items()],
                "warnings": [{"key": w.key, "params": w.params, "text": w.text("en")} for w in self.warnings]}

    def render_text(self, lang: str) -> str:
        """The report for a person: every item with its mark, the reasons indented under it,
        the renamed assets and the warnings, then the counts."""
        lines = [t("package.report.heading", lang, target=t(f"package.target.{self.target}", lang),
                   platform=self.platform or "-")]
        for item in self.items:
            where = f" ({item.source})" if item.source and item.source != item.label else ""
            lines.append(f"  {_MARK[item.status]} {t(f'package.status.{item.status}', lang)}: "
                         f"{t(f'package.kind.{item.kind}', lang)} «{item.label}»{where}")
            lines += [f"      {reason.text(lang)}" for reason in item.reasons]
        if self.assets:
            lines.append(t("package.report.renamed", lang, n=len(self.assets)))
            lines += [f"  {source} → {name}" for source, name in self.assets.items()]
        lines += ["▲ " + warning.text(lang) for warning in self.warnings]
        counts = self.counts()
        lines.append(t("package.report.summary", lang, converted=counts[CONVERTED], downgraded=counts[DOWNGRADED],
                       skipped=counts[SKIPPED]))
        lines += [t("package.report.wrote", lang, path=path) for path in self.outputs]
        return "\n".join(lines) + "\n"
