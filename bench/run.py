"""Run every benchmark in bench/ and print one table of ratios against named anchors.

Each ``bench/bench_*.py`` exposes ``run() -> list[dict]``; a row has
``name`` (what is measured), ``value`` and ``unit`` (our figure), ``anchor``
(what it is compared with, e.g. "bare pymediainfo loop"), ``anchor_value``,
``ratio`` (value / anchor_value, or anchor/value for rates — the module says),
and ``target`` (the goal as text, e.g. "≤ 1.3×"). Timings are not asserted in
tests; this table is where they are read.

Usage:  python bench/run.py [NAME …]      (NAME filters bench modules)
        python bench/run.py --json out.json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # bench modules share bench/timing.py


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return "" if value is None else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only bench modules whose name contains one of these")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    args = parser.parse_args(argv)

    rows: list[dict] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if args.names and not any(n in path.stem for n in args.names):
            continue
        started = time.perf_counter()
        try:
            module_rows = _load(path).run()
        except Exception as exc:  # one broken bench must not hide the others
            module_rows = [{"name": path.stem, "value": None, "unit": "", "anchor": f"FAILED: {exc}"}]
        for row in module_rows:
            row.setdefault("bench", path.stem)
        rows.extend(module_rows)
        print(f"# {path.stem}: {time.perf_counter() - started:.1f}s", file=sys.stderr)

    headers = ("bench", "name", "value", "unit", "anchor", "anchor value", "ratio", "target")
    table = [[_fmt(r.get(k.replace(" ", "_"))) for k in headers] for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
