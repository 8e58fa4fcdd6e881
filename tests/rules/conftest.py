"""Fixtures of the rule tests: run a rule case; the shared media factory and private user cache.

``run_rule_case(case)`` runs one case of src/moocforge/rules/cases/ the way a
user's check would: a descriptor case writes the complete test course with
its patch applied; a bank case writes the banks and lints them as loose files
from their own folder (so findings name them as a teacher would type them); a
media case writes a course with real media files. ``run_check`` then
evaluates the one rule with the case's profile and options, and the rule's
findings come back.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from course_factory import good_descriptor, write_course
from media_factory import media, private_user_cache, write_media_course
from moocforge.check import run_check
from moocforge.course.loose import ROLE_QUIZ, loose_files
from moocforge.findings import Finding
from moocforge.inspect import InspectOptions
from moocforge.profiles import DEFAULT_PROFILE
from moocforge.rules.cases import Case, apply_patch, lesson_numbers, substitute_server

__all__ = ["media", "private_user_cache", "run_rule_case"]  # media_factory's fixtures become this folder's too


@pytest.fixture
def run_rule_case(tmp_path, request):
    """``run_rule_case(case)``: the findings of the case's rule on its input."""
    def run(case: Case) -> list[Finding]:
        factory = request.getfixturevalue("media") if case.kind == "media" else None
        return run_case(case, tmp_path, factory)

    return run


def run_case(case: Case, folder: Path, factory=None) -> list[Finding]:
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
            root = folder / "course"
            if case.kind == "media":
                _write_media_course(data, root, factory)
            else:
                _write_patched_course(data, root)
            result = run_check(root, profile=profile, options=options, select=[case.rule_id])
    findings = [f for f in result.findings if f.rule_id == case.rule_id]
    # Name the server as the case file does, so expected parameters can say "{server}/gone".
    return [replace(f, params=_unserved(f.params, address)) for f in findings] if address else findings


def _unserved(node: Any, address: str) -> Any:
    if isinstance(node, str):
        return node.replace(address, "{server}")
    if isinstance(node, dict):
        return {key: _unserved(value, address) for key, value in node.items()}
    return node


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


def _write_media_course(spec: dict, root: Path, factory) -> None:
    videos = {lesson_numbers(lesson): items for lesson, items in (spec.get("videos") or {}).items()}
    write_media_course(root, factory, videos=videos, promo=spec.get("promo"), closing=spec.get("closing"))


def _write_patched_course(patch: dict, root: Path) -> None:
    data = apply_patch(good_descriptor(), patch)
    write_course(root, data, skip_files=tuple(patch.get("remove_files") or ()))
    if "documents" in patch:  # real PDFs and decks (the PD and SL rules read inside them)
        from documents.factory import write_documents

        write_documents(root, data, patch["documents"])
    for name, text in (patch.get("files") or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


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
