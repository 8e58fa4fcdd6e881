"""How far the experts agree: Krippendorff's alpha for ordinal scores, with its meaning in words.

Alpha compares the disagreement observed between experts with the
disagreement expected if scores were handed out at random from the same
pool: 1 is perfect agreement, 0 no better than chance, below 0 systematic
disagreement. Ordinal, because 3 vs 2 is a smaller disagreement than 3 vs 0.
The computation is the maintained ``krippendorff`` package; the thresholds
for the words are Krippendorff's own (α ≥ 0.800 reliable, ≥ 0.667 tentative
conclusions only).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

RELIABLE, TENTATIVE = 0.800, 0.667


@dataclass(frozen=True)
class Agreement:
    alpha: float | None  # None: undefined (one expert, or every score the same)
    verdict: str  # catalogue key below review.agreement.

    def as_dict(self) -> dict:
        return {"statistic": "krippendorff-alpha-ordinal",
                "alpha": None if self.alpha is None else round(self.alpha, 3), "verdict": self.verdict}


def ordinal_alpha(scores_by_expert: list[list[int]], scale: range) -> Agreement:
    """Alpha over every criterion (the units) scored by every expert (the coders)."""
    import krippendorff

    if len(scores_by_expert) < 2:
        return Agreement(None, "single")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 when every score is the same: undefined
        alpha = float(krippendorff.alpha(reliability_data=scores_by_expert, level_of_measurement="ordinal",
                                         value_domain=list(scale)))
    if math.isnan(alpha):
        return Agreement(None, "no_variation")
    verdict = "reliable" if alpha >= RELIABLE else "tentative" if alpha >= TENTATIVE else "unreliable"
    return Agreement(alpha, verdict)
