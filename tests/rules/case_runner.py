"""Run one rule case (src/moocforge/rules/cases/*.yml) the way a user's check would.

A descriptor case writes the complete test course with its patch applied; a
bank case writes the banks and lints them as loose files from their own
folder (so findings name them as a teacher would type them); a media case
writes a course with real media files. Then ``run_check`` evaluates the one
rule, with the case's profile and options, and the rule's findings come back.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from pathlib import Path
from typing import Any, Iterator

import yaml

from course_factory import good_descriptor, write_course
from moocforge.check import run_check
from moocforge.course.loose import ROLE_QUIZ, loose_files
from moocforge.findings import Finding
from moocforge.inspect import InspectOptions
from moocforge.profiles import DEFAULT_PROFILE
from moocforge.rules.cases import Case, Expected, apply_patch, lesson_numbers, substitute_server


def run_case(case: Case, folder: Path, media=None) -> list[Finding]:
    """The findings of ``case.rule_id`` on the case's input, written under ``folder``."""
    with _loopback_server(case.server) as address:
        data = substitute_server(case.input, address) if address else case.input
        profile = _profile(case, folder)
        options = InspectOptions(**case.options)
        if case.kind == "bank":
            with contextlib.chdir(_write_banks(data, folder / "banks")):
                subject = loose_files([Path(name) for name in data], ROLE_QUIZ)
                result = run_check(subject, profile=profile, options=options, select=[case.rule_id])
        else:
            root = _write_course(case.kind, data, folder / "course", media)
            result = run_check(root, profile=profile, options=options, select=[case.rule_id])
    return [f for f in result.findings if f.rule_id == case.rule_id]


def _profile(case: Case, folder: Path) -> str:
    if not isinstance(case.profile, dict):
        return case.profile or DEFAULT_PROFILE
    path = folder / f"{case.name}.profile.yaml"
    path.write_text(yaml.safe_dump({"extends": DEFAULT_PROFILE, **case.profile}, allow_unicode=True),
                    encoding="utf-8")
    return str(path)


def _write_banks(bank: dict, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, content in bank.items():
        text, encoding = (content["text"], content.get("encoding", "utf-8")) if isinstance(content, dict) \
            else (content, "utf-8")
        (folder / name).write_bytes(text.encode(encoding))
    return folder


def _write_course(kind: str, data: dict, root: Path, media) -> Path:
    if kind == "media":
        from media_factory import write_media_course

        videos = {lesson_numbers(lesson): items for lesson, items in (data.get("videos") or {}).items()}
        return write_media_course(root, media, videos=videos, promo=data.get("promo"))
    write_course(root, apply_patch(good_descriptor(), data), skip_files=tuple(data.get("remove_files") or ()))
    for name, text in (data.get("files") or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# ---------------------------------------------------------------- the online cases' server

def _handler(routes: dict[str, Any]):
    class Routes(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            status = routes.get(self.path.split("?")[0], 404)
            if isinstance(status, dict):  # a status per method, e.g. a server refusing HEAD
                status = status.get(self.command, 404)
            self.send_response(int(status))
            self.end_headers()

        do_HEAD = _answer
        do_GET = _answer

        def log_message(self, *args):  # keep test output clean
            pass

    return Routes


@contextlib.contextmanager
def _loopback_server(routes: dict[str, Any] | None) -> Iterator[str | None]:
    """A server on 127.0.0.1 answering ``routes``: online cases never leave the machine."""
    if routes is None:
        yield None
        return
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# ---------------------------------------------------------------- comparing

def shown(value: Any) -> str:
    """A parameter as a report prints it (7 and 7.0 print differently, so they differ here)."""
    return value if isinstance(value, dict) else str(value)


def _matches(finding: Finding, expected: Expected) -> bool:
    wanted = {"message": expected.message, "line": expected.line, "file": expected.file,
              "module": expected.module, "lesson": expected.lesson, "severity": expected.severity}
    actual = {"message": finding.message, "line": finding.line, "file": finding.file, "module": finding.module,
              "lesson": finding.lesson, "severity": finding.severity}
    if any(value is not None and actual[key] != value for key, value in wanted.items()):
        return False
    return all(key in finding.params and shown(finding.params[key]) == shown(value)
               for key, value in expected.params.items())


def describe(finding: Finding) -> str:
    where = f"{finding.file}:{finding.line}" if finding.line else (finding.file or "")
    return f"{finding.message} at {where or '-'} {finding.params}"


def mismatches(case: Case, findings: list[Finding]) -> list[str]:
    """What differs between the findings and the case's expectations (empty: the case holds)."""
    wanted = [item for item in case.expect for _ in range(item.count)]
    if len(wanted) != len(findings):
        return [f"expected {len(wanted)} finding(s), got {len(findings)}:", *map(describe, findings)]
    return [f"finding {i + 1}: {describe(finding)} does not match {expected}"
            for i, (finding, expected) in enumerate(zip(findings, wanted)) if not _matches(finding, expected)]
