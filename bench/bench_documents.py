"""Reading the course's documents: the sample course's PDFs and decks cold and warm, and memory on a long PDF.

Rows:
- cold: the ``pdf`` and ``slides`` evidence of the sample course with an
  empty cache (every PDF opened with pdfplumber, every deck with
  python-pptx: text, tables, pictures, font sizes), against a bare pdfplumber
  ``extract_text()`` of the same PDFs — what the least reading costs. The
  ratio says what the facts add (target ≤ 3×: tables and font inheritance are
  more than text).
- warm: the same evidence from the cache (a second ``check``), against the
  same bare extraction (target ≤ 0.2×: a warm check reads no document).
- memory: peak resident memory of a child process reading a 1,000-page PDF,
  against the same child reading a 10-page one (target ≤ 1.5×: pages are
  streamed and closed one at a time, so memory stays flat; what grows is the
  text kept, about 0.3 kB a page here). Measured in child processes so that
  one measurement cannot inherit the other's heap.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from timing import best_of

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_course"

_PEAK = """
import resource, sys
from moocforge.documents.pdf import read_pdf
facts = read_pdf(sys.argv[1], max_pages=100000)
assert facts.status == "ok" and len(facts.pages) == int(sys.argv[2]), (facts.status, len(facts.pages))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _bare_extraction(paths: list[Path]) -> None:
    import pdfplumber

    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()


def _inspect(cache_dir: Path, use_cache: bool) -> None:
    from moocforge.course.loader import load_course
    from moocforge.inspect import InspectOptions, gather_evidence
    from moocforge.profiles import load_profile

    options = InspectOptions(use_cache=use_cache, cache_dir=cache_dir)
    gather_evidence(load_course(SAMPLE), load_profile(), options, needs=["pdf", "slides"])


def _long_pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        for line in range(6):
            pdf.drawString(50, 800 - 16 * line, f"Page {number}, line {line}: lecture notes of a long textbook")
        pdf.showPage()
    pdf.save()


def _peak_kib(path: Path, pages: int) -> int:
    done = subprocess.run([sys.executable, "-c", _PEAK, str(path), str(pages)], capture_output=True, text=True,
                          check=True)
    return int(done.stdout.strip())


def run() -> list[dict]:
    pdfs = sorted(p for p in SAMPLE.rglob("*.pdf") if ".moocforge-cache" not in p.parts)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        bare = best_of(lambda: _bare_extraction(pdfs), repeat=3)
        cold = best_of(lambda: _inspect(folder / "cold", use_cache=False), repeat=3)
        _inspect(folder / "warm", use_cache=True)
        warm = best_of(lambda: _inspect(folder / "warm", use_cache=True), repeat=5)
        anchor = f"bare pdfplumber extract_text of the same {len(pdfs)} PDFs"
        rows.append({"name": "sample course documents, cold", "value": cold, "unit": "s", "anchor": anchor,
                     "anchor_value": bare, "ratio": cold / bare, "target": "≤ 3×"})
        rows.append({"name": "sample course documents, warm (cache)", "value": warm, "unit": "s", "anchor": anchor,
                     "anchor_value": bare, "ratio": warm / bare, "target": "≤ 0.2×"})
        short, long = folder / "10.pdf", folder / "1000.pdf"
        _long_pdf(short, 10)
        _long_pdf(long, 1000)
        small, large = _peak_kib(short, 10), _peak_kib(long, 1000)
        rows.append({"name": "peak memory reading a 1,000-page PDF", "value": large / 1024, "unit": "MiB",
                     "anchor": "the same reading of a 10-page PDF", "anchor_value": small / 1024,
                     "ratio": large / small, "target": "≤ 1.5×"})
    return rows
