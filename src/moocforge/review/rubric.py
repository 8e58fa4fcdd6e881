"""The expert rubric as data: criteria with level descriptors, decision bands, form 11 columns.

The built-in rubric is ``rubrics/atu-2025.yaml`` (ATU forms 10 and 11),
shipped as ``moocforge.rubrics``; ``--rubric FILE`` reads another
institution's. A rubric is read with the line of every key, so a mistake is
reported as "file:line: field: what is wrong" rather than a traceback.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..course.yaml_lines import nearest_line
from ..errors import UserError
from ..fileio import names_a_file
from ..languages import LANGUAGES
from ..model_errors import format_path
from ..textio import read_settings_file
from .yamldoc import parse_yaml, validate

DEFAULT_RUBRIC = "atu-2025"
RUBRIC_FORMAT = 1


class RubricError(UserError):
    """A rubric file that cannot be used: names the file, the line and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Text(_Strict):
    """A text in every language moocforge speaks."""

    kk: str = Field(min_length=1)
    ru: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return getattr(self, lang if lang in LANGUAGES else "en")


class Level(_Strict):
    """A score column of form 10 (0–1, 2, 3) and the form 11 column it marks."""

    id: str
    scores: list[int] = Field(min_length=1)
    label: Text
    compliance: Text


class Criterion(_Strict):
    number: int = Field(ge=1)
    title: Text
    levels: dict[str, Text]
    expert_only: bool = Field(default=False, description="Only an expert can judge it (content, speaker).")
    media_stream: Literal["audio", "video"] | None = Field(
        default=None, description="A media finding about this stream (or about the file as a whole) counts here.")


class Band(_Strict):
    id: str
    min: int = Field(ge=0)
    max: int = Field(ge=0)
    name: Text
    text: Text
    requires_no_technical_faults: bool = False

    def holds(self, total: float) -> bool:
        return self.min <= total <= self.max


class Scale(_Strict):
    min: int = Field(ge=0)
    max: int = Field(ge=1)


class Experts(_Strict):
    min: int = Field(ge=1)
    discuss_spread: int = Field(default=2, ge=1, description="Scores this far apart are discussed.")


class TechnicalFaults(_Strict):
    areas: list[str] = Field(default_factory=list)
    severity: str = "error"


class Institution(_Strict):
    ministry: Text
    name: Text
    short_name: Text
    legal_name: Text
    city: Text
    placement_unit_head: Text


class Rubric(_Strict):
    format: int
    id: str
    title: Text
    source: str = ""
    institution: Institution
    forms: dict[str, str] = Field(default_factory=dict)
    scale: Scale
    levels: list[Level] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)
    experts: Experts
    technical_faults: TechnicalFaults = Field(default_factory=TechnicalFaults)

    def contradiction(self) -> tuple[tuple, str, dict[str, Any]] | None:
        """(path, message key, parameters) of the first part that contradicts another, else None."""
        scores = sorted(s for level in self.levels for s in level.scores)
        if scores != list(range(self.scale.min, self.scale.max + 1)):
            return ("levels",), "review.rubric.levels_cover", {"min": self.scale.min, "max": self.scale.max}
        level_ids = [level.id for level in self.levels]
        numbers: list[int] = []
        for index, criterion in enumerate(self.criteria):
            if criterion.number in numbers:
                return ("criteria", index, "number"), "review.rubric.duplicate_criterion", {"number": criterion.number}
            numbers.append(criterion.number)
            if sorted(criterion.levels) != sorted(level_ids):
                return ("criteria", index, "levels"), "review.rubric.criterion_levels", {"levels": ", ".join(level_ids)}
        covered = sorted(total for band in self.bands for total in range(band.min, band.max + 1))
        if covered != list(range(0, self.max_total + 1)):
            return ("bands",), "review.rubric.bands_cover", {"max": self.max_total}
        return None

    # ---------------------------------------------------------------- reading it

    @property
    def max_total(self) -> int:
        return self.scale.max * len(self.criteria)

    def criterion(self, number: int) -> Criterion:
        return next(c for c in self.criteria if c.number == number)

    def level_of(self, score: int) -> Level:
        return next(level for level in self.levels if score in level.scores)

    def band_of(self, total: int, technical_fault: bool = False) -> Band:
        """The decision for a total; a band that requires no technical faults is passed over when there is one."""
        band = next(b for b in self.bands if b.holds(total))
        if technical_fault and band.requires_no_technical_faults:
            lower = [b for b in self.bands if b.max < band.min and not b.requires_no_technical_faults]
            return max(lower, key=lambda b: b.max) if lower else band
        return band

    def is_technical_fault(self, area: str, severity: str) -> bool:
        return area in self.technical_faults.areas and severity == self.technical_faults.severity


# ---------------------------------------------------------------- loading

def load_rubric(name_or_path: str | Path | None = None) -> Rubric:
    """The built-in rubric by name (default atu-2025), or a rubric file."""
    spec = str(name_or_path or DEFAULT_RUBRIC)
    if names_a_file(spec):
        return parse_rubric(read_settings_file(Path(spec), RubricError, "review.rubric"), spec)
    return _builtin(spec)


@lru_cache(maxsize=None)
def _builtin(name: str) -> Rubric:
    entry = resources.files("moocforge.rubrics") / f"{name}.yaml"
    if not entry.is_file():
        known = sorted(e.name[:-5] for e in resources.files("moocforge.rubrics").iterdir() if e.name.endswith(".yaml"))
        raise RubricError("review.rubric.unknown", name=name, known=", ".join(known))
    return parse_rubric(entry.read_text(encoding="utf-8"), f"rubrics/{name}.yaml")


def parse_rubric(text: str, where: str) -> Rubric:
    """A validated rubric from YAML text; RubricError naming ``where``, the line and the field."""
    data, lines = parse_yaml(text, where, RubricError)
    if not isinstance(data, dict):
        raise RubricError("review.rubric.not_mapping", file=where)
    if data.get("format") not in (None, RUBRIC_FORMAT):
        raise RubricError("review.rubric.format", file=where, line=lines.get(("format",)), field="format",
                          found=data.get("format"), supported=RUBRIC_FORMAT)
    rubric = validate(Rubric, data, lines, where, RubricError)
    found = rubric.contradiction()
    if found is not None:
        path, key, params = found
        raise RubricError(key, file=where, line=nearest_line(lines, path), field=format_path(path), **params)
    return rubric
