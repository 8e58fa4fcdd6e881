"""Facts about Moodle's importers that the readers and rules must agree on.

Moodle is written in PHP, and several of its import quirks come from PHP
string functions: ``trim`` strips only `` \\t\\n\\r\\0\\x0B`` (not the
non-breaking space), ``empty("0")`` is true, ``is_numeric`` has its own idea
of a number. Matching them here is what makes the readers exact.
"""

from __future__ import annotations

import re

# PHP trim()'s default character list; str.strip() without it would also eat NBSP.
PHP_WHITESPACE = " \t\n\r\0\x0b"

# PHP 8 is_numeric(): optional surrounding whitespace, sign, digits, fraction, exponent.
_PHP_NUMERIC = re.compile(r"[ \t\n\r\x0b\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\x0b\f]*\Z")

# GIFT answer weight, as qformat_gift matches it: '%', any '-', 1–2 digits, optional fraction, '%'.
WEIGHT_PREFIX = re.compile(r"%-*[0-9]{1,2}\.?[0-9]*%")

# question_bank::fraction_options_full(): the only grades the importer accepts
# (anything else is "invalid grade" and the question is not imported).
_POSITIVE_GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
                    0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
GRADE_FRACTIONS = tuple(sorted({0.0, *_POSITIVE_GRADES, *(-g for g in _POSITIVE_GRADES)}, reverse=True))
# match_grade_options() in its default 'error' mode compares with this slack.
GRADE_TOLERANCE = 0.00001
# Moodle stores grades with 7 decimals; a fraction this close to 1 is full credit.
FULL_CREDIT = 0.9999999


def php_empty(text: str) -> bool:
    """PHP's empty() on a string: '' and '0' are empty."""
    return text == "" or text == "0"


def is_numeric(text: str) -> bool:
    """PHP 8 is_numeric() on a string."""
    return bool(_PHP_NUMERIC.match(text))


def allowed_grade(fraction: float) -> float | None:
    """The Moodle grade option a fraction stands for, or None if it has none."""
    for option in GRADE_FRACTIONS:
        if abs(fraction - option) < GRADE_TOLERANCE:
            return option
    return None


def nearest_grade(fraction: float) -> float:
    return min(GRADE_FRACTIONS, key=lambda option: abs(option - fraction))
