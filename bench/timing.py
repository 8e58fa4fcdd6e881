"""Timing helper shared by the benchmarks."""

from __future__ import annotations

import time


def best_of(func, repeat: int = 3) -> float:
    """Fastest of ``repeat`` runs, in seconds: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best
