"""Duplicate and near-duplicate questions across banks.

A question's *key* is its stem plus its answers (sorted, so reordered
options still match), lower-cased, without markup or extra spaces.
Punctuation stays: in a programming course ``a[::-1]`` and ``a[-1]`` are
different answers. Equal keys are duplicates. Near-duplicates are keys whose character
trigram sets have a Jaccard similarity at or above the threshold *and* the
same numbers: "2 + 3 = ?" and "2 + 4 = ?" are different questions however
alike they look.

Candidate pairs come from prefix filtering (a pair reaching similarity t must
share one of the first |A| − ⌈t·|A|⌉ + 1 trigrams of each set when trigrams
are ordered rarest first), so a bank of thousands is compared in well under
a second instead of pair by pair.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass

from .model import Kind, Question

_TAG = re.compile(r"<[^>]*>")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def visible(text: str) -> str:
    """Text as a reader sees it: no markup, entities resolved, single spaces."""
    if "<" in text or "&" in text:
        text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())


def normalise(text: str) -> str:
    """Text as questions are compared: what a reader sees, lower case."""
    return visible(text).casefold()


def answers_of(question: Question) -> list[str]:
    if question.kind in (Kind.MULTICHOICE, Kind.SHORTANSWER):
        return [c.text.text for c in question.choices]
    if question.kind is Kind.MATCH:
        return [f"{p.question.text} {p.answer}" for p in question.pairs]
    if question.kind is Kind.NUMERICAL:
        return [str(n.value) for n in question.numbers if n.value is not None]
    if question.kind is Kind.TRUEFALSE:
        return [str(question.truth)]
    return []


def question_key(question: Question) -> str:
    answers = sorted(normalise(a) for a in answers_of(question))
    return " | ".join([normalise(question.stem.text), *answers])


def _trigrams(key: str) -> set[str]:
    padded = f" {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True)
class DuplicatePair:
    """``later`` repeats ``earlier`` (indices into the list given); ``similarity`` 1.0 when equal."""

    earlier: int
    later: int
    similarity: float

    @property
    def exact(self) -> bool:
        return self.similarity >= 1.0


def find_duplicates(questions: list[Question], min_similarity: float) -> list[DuplicatePair]:
    """Each question that repeats an earlier one, paired with the earliest it repeats."""
    keys = [question_key(q) for q in questions]
    pairs: dict[int, DuplicatePair] = {}
    first_of: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key in first_of:
            pairs[index] = DuplicatePair(first_of[key], index, 1.0)
        else:
            first_of[key] = index
    if min_similarity >= 1.0:
        return sorted(pairs.values(), key=lambda p: p.later)

    unique = sorted(first_of.values())
    grams = {i: _trigrams(keys[i]) for i in unique}
    numbers = {i: _NUMBER.findall(keys[i]) for i in unique}
    frequency = Counter(g for i in unique for g in grams[i])
    index_of_prefix: dict[str, list[int]] = {}
    for i in unique:
        ordered = sorted(grams[i], key=lambda g: (frequency[g], g))
        prefix = len(ordered) - math.ceil(min_similarity * len(ordered)) + 1
        candidates: set[int] = set()
        for gram in ordered[:prefix]:
            candidates.update(index_of_prefix.get(gram, ()))
            index_of_prefix.setdefault(gram, []).append(i)
        best: DuplicatePair | None = None
        for j in sorted(candidates):
            if numbers[i] != numbers[j]:
                continue
            shared = len(grams[i] & grams[j])
            # Different keys are never "equal", even if their trigram sets happen to be.
            similarity = min(shared / (len(grams[i]) + len(grams[j]) - shared), 0.999)
            if similarity >= min_similarity and (best is None or similarity > best.similarity):
                best = DuplicatePair(j, i, similarity)
        if best is not None:
            pairs[i] = best
    return sorted(pairs.values(), key=lambda p: p.later)
