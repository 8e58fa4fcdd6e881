"""Pause Python's cyclic garbage collector while a bank is read.

Reading a bank of thousands of questions creates hundreds of thousands of
small objects, none of them in a reference cycle. The cyclic collector is
triggered by allocation counts, so it walks the growing heap again and
again looking for cycles that cannot exist; pausing it for the read doubles
the reader's speed (see bench/bench_quiz.py). Reference counting still
frees everything as usual, and the collector is resumed (if it was on) even
when the reader raises.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
