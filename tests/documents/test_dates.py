"""Dates a document states, recognised with month names from CLDR, which are kept in the user cache."""

from __future__ import annotations

import os
import subprocess
import sys

from moocforge.documents.text import find_dates

PROBE = ("import sys; from moocforge.documents.text import find_dates; "
         "print(find_dates('Хаттама № 3, 12 қыркүйек 2025 ж.; утверждено 5 марта 2025 г.; approved March 5, 2025')); "
         "print('babel.dates' in sys.modules)")


def test_dates_in_kazakh_russian_and_english_with_digits_or_month_names():
    text = "«12» қыркүйек 2025 ж. · 5 марта 2025 г. · March 5, 2025 · 05.03.2025 · 2025-03-05 · « ____ » _____ 20__"
    assert find_dates(text) == ["«12» қыркүйек 2025", "5 марта 2025", "March 5, 2025", "05.03.2025", "2025-03-05"]


def test_a_second_run_reads_the_month_names_from_the_cache_without_loading_cldr(tmp_path):
    env = {**os.environ, "MOOCFORGE_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
            for _ in range(2)]
    first, second = (run.stdout.splitlines() for run in runs)
    assert first[0] == second[0] and "5 марта 2025" in first[0] and "March 5, 2025" in first[0]
    assert first[1] == "True"  # the first run reads CLDR through Babel
    assert second[1] == "False"  # the second needs none of Babel's date data
    assert list((tmp_path / "month-names").rglob("*.json"))
