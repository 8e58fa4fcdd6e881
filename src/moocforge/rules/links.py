"""LK: every learning material has a working link — ATU §9.4."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..findings import Quantity, Severity
from .registry import RuleContext, rule


def _where(ref) -> dict:
    return {"module": ref.module, "lesson": ref.lesson}


@rule("LK101", name="missing-file", area="links", severity=Severity.ERROR, clause="ATU §9.4",
      messages=("missing", "not_a_file"), needs=("files",), criteria=(3,))
def missing_file(ctx: RuleContext):
    for ref in ctx.course.refs:
        if ref.is_url:
            continue
        facts = ctx.evidence.files.get(ref.path)
        if facts is None or not facts.inside:
            continue  # LK102
        if not facts.exists:
            role = {"i18n": "core.role." + ref.role.replace(":", ".")}
            yield ctx.finding("missing", field_path=ref.field, params={"path": ref.path, "role": role}, **_where(ref))
        elif not facts.is_file and ref.role != "folder":
            yield ctx.finding("not_a_file", field_path=ref.field, params={"path": ref.path}, **_where(ref))


@rule("LK102", name="outside-course", area="links", severity=Severity.ERROR, clause="ATU §9.4",
      messages=("outside",), needs=("files",), criteria=(3,))
def outside_course(ctx: RuleContext):
    for ref in ctx.course.refs:
        facts = None if ref.is_url else ctx.evidence.files.get(ref.path)
        if facts is not None and not facts.inside:
            yield ctx.finding("outside", field_path=ref.field, params={"path": ref.path}, **_where(ref))


def url_problem(url: str, schemes: list[str]) -> str | None:
    """Why a URL is malformed, or None when it is well-formed."""
    if any(ch.isspace() for ch in url.strip()):
        return "space"
    candidate = "http://" + url if url.lower().startswith("www.") else url
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in schemes:
        return "scheme"
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost" and not host.replace(".", "").isdigit()):
        return "host"
    return None


@rule("LK103", name="malformed-url", area="links", severity=Severity.ERROR, clause="ATU §9.4",
      messages=("malformed",), thresholds=("links.schemes",), criteria=(3,))
def malformed_url(ctx: RuleContext):
    schemes = [s.lower() for s in ctx.threshold("links.schemes")]
    for ref in ctx.course.refs:
        if ref.is_url:
            problem = url_problem(ref.path, schemes)
            if problem:
                yield ctx.finding("malformed", field_path=ref.field, params={"url": ref.path, "problem": problem},
                                  **_where(ref))


@rule("LK104", name="dead-link", area="links", severity=Severity.ERROR, clause="ATU §9.4",
      messages=("dead",), thresholds=("links.timeout_seconds",), needs=("links",), criteria=(3,))
def dead_link(ctx: RuleContext):
    if not ctx.evidence.online:
        return  # only with --online: CI must not depend on the network by default
    for ref in ctx.course.refs:
        status = ctx.evidence.links.get(ref.path) if ref.is_url else None
        if status is not None and not status.ok:
            reason = f"HTTP {status.status}" if status.status else (status.error or "no answer")
            yield ctx.finding("dead", field_path=ref.field, params={"url": ref.path, "reason": reason},
                              measured=Quantity(reason), **_where(ref))
