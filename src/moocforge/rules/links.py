"""LK: every learning material has a working link — ATU §9.4."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..course import filekind
from ..findings import Quantity, Severity
from .registry import RuleContext, rule


def _where(ref) -> dict:
    return {"module": ref.module, "lesson": ref.lesson}


def _place_of(ref) -> dict:
    """A file the convention found is pointed at itself; one the descriptor names, at its line."""
    place = {"file": ref.path} if ref.source == "convention" else {"field_path": ref.field}
    return {**place, **_where(ref)}


def _role(ref) -> dict:
    return {"i18n": "core.role." + ref.role.replace(":", ".")}


@rule("LK101", name="missing-file", area="links", severity=Severity.ERROR, clause="ATU §9.4",
      messages=("missing", "folder", "broken_link", "special"), needs=("files",), criteria=(3,))
def missing_file(ctx: RuleContext):
    for ref in ctx.course.refs:
        if ref.is_url:
            continue
        facts = ctx.evidence.files.get(ref.path)
        if facts is None or not facts.inside or facts.kind == filekind.FILE:
            continue  # LK102 reports what lies outside
        where = _place_of(ref)
        params = {"path": ref.path, "role": _role(ref)}
        if facts.kind == filekind.MISSING:
            yield ctx.finding("missing", params=params, **where)
        elif facts.kind == filekind.BROKEN_LINK:
            yield ctx.finding("broken_link", params={**params, "target": facts.link or "?"}, **where)
        elif facts.kind == filekind.FOLDER:
            if ref.role != "folder":
                yield ctx.finding("folder", params=params, **where)
        else:  # a named pipe, a socket, a device: never opened (reading a FIFO would hang the check)
            yield ctx.finding("special", params={**params, "kind": filekind.label(facts.kind)}, **where)


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
                yield ctx.finding("malformed", field_path=ref.field,
                                  params={"url": ref.path, "problem": {"i18n": f"LK103.problem.{problem}"}},
                                  **_where(ref))


# What the network stack says (in English, varying by system) → what went wrong, in words.
_FAILURES = (
    ("timeout", ("timed out", "timeout")),
    ("refused", ("refused",)),
    ("no_host", ("name or service not known", "nodename nor servname", "getaddrinfo", "name resolution",
                 "no address associated")),
    ("certificate", ("certificate", "ssl")),
)


def failure(error: str | None) -> str:
    """The kind of a failure without an HTTP answer: timeout, refused, no_host, certificate or other."""
    text = (error or "").lower()
    return next((kind for kind, needles in _FAILURES if any(n in text for n in needles)), "other")


@rule("LK104", name="dead-link", area="links", severity=Severity.ERROR, clause="ATU §9.4",
      messages=("dead",), thresholds=("links.timeout_seconds",), needs=("links",), criteria=(3,))
def dead_link(ctx: RuleContext):
    if not ctx.evidence.online:
        return  # only with --online: CI must not depend on the network by default
    for ref in ctx.course.refs:
        status = ctx.evidence.links.get(ref.path) if ref.is_url else None
        if status is not None and not status.ok:
            reason = f"HTTP {status.status}" if status.status else {"i18n": f"LK104.reason.{failure(status.error)}"}
            yield ctx.finding("dead", field_path=ref.field, params={"url": ref.path, "reason": reason},
                              measured=Quantity(status.status) if status.status else None, **_where(ref))
