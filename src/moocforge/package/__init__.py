"""Packaging: the approved course as each platform imports it, with a report of what changed.

One job per target, each working from the pre-flight check's result (the
descriptor as read, the parsed banks, media facts), never re-parsing the
course:

- ``openedx``: an OLX course archive for open.kaznu.kz and moocs.kz;
- ``coursera``: an upload kit (a folder and a zip) with a manifest in CSV and XLSX;
- ``moodle``: question banks (Moodle XML, GIFT) and an IMS Common Cartridge 1.1.

Shared pieces: ``preflight`` (check first, refuse errors unless forced; the
profile may forbid open platforms), ``report`` (converted / downgraded /
skipped, terminal and JSON), ``assets`` (safe ASCII names with a mapping),
``archive`` (deterministic, safe, streamed tar.gz and zip), ``output``
(written whole or not at all), ``media`` (transcode outputs or the course's
files), ``banks`` (questions from the evidence).
"""

from __future__ import annotations

TARGETS = ("openedx", "coursera", "moodle")
