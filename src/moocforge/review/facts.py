"""What a review works from: the descriptor, the rules that ran, their findings and the evidence.

Either a fresh ``check.run_check`` result or a saved ``check --format json``
result (``--from result.json``) gives the same ``CheckFacts``; the evidence is
kept in its JSON form in both cases, so the score of a saved result and of a
fresh check are computed by the same code from the same values.

A course's identity is its title and a fingerprint of its descriptor as read:
a sheet or a merged review names it, so one made for another course, or for
an older version of this one, is refused.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..course.model import Course
from ..errors import UserError
from ..findings import Bound, Finding, Location, Quantity, Severity
from ..media.probe import MediaFacts
from ..report.jsonable import to_jsonable

CHECK_FORMAT, CHECK_VERSION = "moocforge-check", 2
FINGERPRINT_DIGITS = 16


class ReviewInputError(UserError):
    """A saved check result, sheet or merged review that cannot be used as it is."""


@dataclass(frozen=True)
class CourseIdentity:
    title: str
    fingerprint: str

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "fingerprint": self.fingerprint}


def identify(model: Course) -> CourseIdentity:
    """Title and fingerprint of a descriptor: any change to the descriptor changes the fingerprint.

    Values left at their defaults are not part of it, so a newer moocforge that
    adds a field to the course format does not make every sheet look stale.
    """
    as_read = model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    canonical = json.dumps(as_read, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]
    return CourseIdentity(model.title or "", digest)


def ensure_same_course(expected: CourseIdentity, found: CourseIdentity, *, file: str, line: int | None = None,
                       **place: Any) -> None:
    """Refuse a sheet, review or result made for another course (or another version of this one)."""
    if found.fingerprint == expected.fingerprint:
        return
    key = "review.identity.other_version" if found.title == expected.title else "review.identity.other_course"
    raise ReviewInputError(key, file=file, line=line, found_title=found.title, found=found.fingerprint,
                           title=expected.title, expected=expected.fingerprint, hint="review.identity.hint", **place)


@dataclass(frozen=True)
class RuleFacts:
    """What a review needs to know of a rule: its area, severity and the rubric criteria it informs."""

    id: str
    area: str
    severity: str
    criteria: tuple[int, ...] = ()


@dataclass
class CheckFacts:
    model: Course
    rules: dict[str, RuleFacts]
    findings: list[Finding]
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)  # by kind, in the JSON result's form
    deep: bool = False

    @property
    def identity(self) -> CourseIdentity:
        return identify(self.model)

    def video_seconds(self, video) -> tuple[str | None, float | None]:
        """(path, seconds) of a lesson video as learners watch it, read as MD103–MD104 read it: the
        upload file, else the master, whichever was measured first; (None, None) when neither was."""
        media = self.evidence.get("media") or {}
        for path in (video.file, video.master):
            item = media.get(path or "")
            try:
                facts = MediaFacts.from_dict(item) if isinstance(item, dict) else None
            except (TypeError, ValueError):  # facts of another shape (a result saved by another version)
                facts = None
            if facts is not None and facts.readable and facts.duration is not None:
                return path, float(facts.duration)
        return None, None

    @classmethod
    def from_result(cls, result) -> "CheckFacts":
        rules = {rid: RuleFacts(rid, r.area, r.severity.value, tuple(r.criteria)) for rid, r in result.rules.items()}
        return cls(result.subject.model, rules, list(result.findings), to_jsonable(result.evidence.to_json()),
                   result.evidence.deep)


def read_check_document(path: str | Path) -> Any:
    """The JSON of a saved check result as read, not yet validated; ``-`` is standard input.

    Read once: the path may be a pipe or a FIFO, which gives its content only once.
    """
    where = str(path)
    try:
        if where == "-":
            return json.loads(sys.stdin.buffer.read().decode("utf-8-sig"))
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ReviewInputError("review.result.not_found", file=where) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReviewInputError("review.result.not_json", file=where, error=str(exc),
                               hint="review.result.hint") from None


def read_check_result(path: str | Path) -> CheckFacts:
    """A saved ``moocforge check --format json`` result of a course folder."""
    return check_facts(read_check_document(path), str(path))


def check_facts(document: Any, where: str) -> CheckFacts:
    """The facts of a saved check result's JSON document; ``where`` names it in errors."""
    if not isinstance(document, dict) or document.get("format") != CHECK_FORMAT:
        raise ReviewInputError("review.result.not_check", file=where, hint="review.result.hint")
    if document.get("version") != CHECK_VERSION:
        raise ReviewInputError("review.result.version", file=where, found=document.get("version"),
                               supported=CHECK_VERSION, hint="review.result.hint")
    course = document.get("course") or {}
    if course.get("kind") != "course" or not isinstance(course.get("model"), dict):
        raise ReviewInputError("review.result.not_course", file=where, hint="review.result.hint")
    try:
        model = Course.model_validate(course["model"])
        rules = {rid: RuleFacts(rid, item["area"], item["severity"], tuple(item.get("criteria") or ()))
                 for rid, item in document["rules"].items()}
        findings = [_finding(item) for item in document["findings"]]
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        raise ReviewInputError("review.result.damaged", file=where, error=f"{type(exc).__name__}: {exc}",
                               hint="review.result.hint") from None
    options = document.get("options") or {}
    return CheckFacts(model, rules, findings, document.get("evidence") or {}, bool(options.get("deep")))


def _finding(item: dict[str, Any]) -> Finding:
    place = item.get("location") or {}
    measured, expected = item.get("measured"), item.get("expected")
    return Finding(
        rule_id=item["rule"],
        severity=Severity.parse(item["severity"]),
        message=item["message_key"],
        params=item.get("params") or {},
        location=Location(file=item.get("file"),
                          **{key: place.get(key) for key in ("line", "page", "slide", "start", "end")}),
        module=item.get("module"),
        lesson=item.get("lesson"),
        measured=Quantity(**measured) if isinstance(measured, dict) else None,
        expected=Bound(**expected) if isinstance(expected, dict) else None,
        clause=item.get("clause"),
    )
