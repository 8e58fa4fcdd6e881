"""External link status for §9.4 with ``--online``: does each URL answer?"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from . import Gathering, collector

USER_AGENT = "moocforge-linkcheck/1 (+course validation)"


@dataclass(frozen=True)
class LinkStatus:
    ok: bool
    status: int | None  # HTTP status, when there was one
    error: str | None = None


def check_url(url: str, timeout: float) -> LinkStatus:
    """HEAD first (cheap); some servers refuse HEAD, so fall back to GET."""
    # Imported here: the HTTP stack costs every run time, and only --online uses it.
    import urllib.error
    import urllib.request

    if url.lower().startswith("www."):
        url = "http://" + url
    last: LinkStatus = LinkStatus(False, None, "not tried")
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return LinkStatus(200 <= response.status < 400, response.status)
        except urllib.error.HTTPError as exc:
            last = LinkStatus(False, exc.code, exc.reason if isinstance(exc.reason, str) else str(exc.reason))
            if exc.code not in (403, 405, 501):
                return last
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return LinkStatus(False, None, str(reason))
    return last


@collector("links", to_json=dataclasses.asdict, wanted=lambda options: options.online)
def collect_links(g: Gathering) -> dict[str, LinkStatus]:
    timeout = float(g.profile.get("links.timeout_seconds"))
    urls = sorted({ref.path for ref in g.subject.refs if ref.is_url})
    if not urls:
        return {}
    with ThreadPoolExecutor(max_workers=min(8, len(urls))) as pool:
        results = pool.map(lambda u: check_url(u, timeout), urls)
        return dict(zip(urls, results))
