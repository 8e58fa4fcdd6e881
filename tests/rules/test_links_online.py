"""LK104 with --online, against a real HTTP server on loopback."""

from __future__ import annotations

import http.server
import threading

import pytest

from course_factory import good_descriptor, write_course
from moocforge.check import run_check
from moocforge.inspect import InspectOptions

pytestmark = pytest.mark.online


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        if self.path.startswith("/ok"):
            self.send_response(200)
        elif self.path.startswith("/head-refused"):
            # Some servers refuse HEAD but serve GET: the checker must retry with GET.
            self.send_response(405 if self.command == "HEAD" else 200)
        else:
            self.send_response(404)
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _course(tmp_path, urls):
    """A course whose only external links are ``urls`` (all on loopback: tests never leave the machine)."""
    data = good_descriptor()
    for module in data["modules"]:
        for lesson in module["lessons"]:
            for video in lesson["videos"]:
                del video["url"]
    data["modules"][0]["lessons"][0]["reading"] = urls
    return write_course(tmp_path / "c", data)


def test_dead_link_found_only_online(tmp_path, server):
    root = _course(tmp_path, [f"{server}/ok", f"{server}/gone", f"{server}/head-refused"])
    offline = run_check(root, select=["LK104"])
    assert offline.findings == []
    online = run_check(root, select=["LK104"], options=InspectOptions(online=True))
    assert [(f.params["url"], f.params["reason"]) for f in online.findings] == [(f"{server}/gone", "HTTP 404")]


def test_live_links_pass(tmp_path, server):
    root = _course(tmp_path, [f"{server}/ok"])
    assert run_check(root, select=["LK104"], options=InspectOptions(online=True)).findings == []


def test_unreachable_host_is_reported(tmp_path, server):
    # Port 9 on loopback: nothing listens, the connection is refused at once.
    root = _course(tmp_path, ["http://127.0.0.1:9/page"])
    [finding] = run_check(root, select=["LK104"], options=InspectOptions(online=True)).findings
    assert finding.rule_id == "LK104"
