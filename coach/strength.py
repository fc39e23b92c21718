"""Habit strength, ported from Loop Habit Tracker (uhabits-core `ScoreList.recompute`).

Loop's rule, applied day by day from the habit's first day (values oldest first):

    strength = strength × m + value × (1 − m),   m = 0.5 ** (√f / 13)

with f = numerator / denominator, the habit's repetitions per interval (1/1 daily, 3/7 for
"3 times a week"). A skipped day leaves the strength unchanged. The value of a day:

- **yes/no habits**: min(1, done days in the last `denominator` days / `numerator`). For a
  non-daily habit (f < 1) Loop doubles both, so "N times a week" counts a 14-day window
  against 2N: a week with one extra and a week with one fewer still average out, and "once a
  week, on different weekdays" converges to 1.0 (Loop's `test_irregularNonDaily`).
- **measurable habits** (Loop's numerical "at least" habits): min(1, amount in the last
  `denominator` days / target), the window not doubled; a target of 0 counts any day as met.

`tests/coach/test_scores.py` holds Loop's own expected values (ScoreTest, ScoreListTest).
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def multiplier(frequency: float) -> float:
    """How much of yesterday's strength a day keeps: 0.5 ** (√f / 13)."""
    return 0.5 ** (math.sqrt(frequency) / 13.0)


def compute(frequency: float, previous: float, value: float) -> float:
    """One day's step (Loop's `Score.compute`)."""
    keep = multiplier(frequency)
    return previous * keep + value * (1 - keep)


def loop_scores(
    values: Sequence[float | None],
    numerator: int,
    denominator: int,
    *,
    numerical: bool = False,
    target: float = 0.0,
) -> list[float]:
    """The strength after each day of `values` (oldest first; None = skipped).

    Yes/no habits give 1.0 for a done day and 0.0 otherwise; measurable habits the amount.
    """
    if numerator == denominator:
        numerator = denominator = 1
    frequency = numerator / denominator
    if not numerical and frequency < 1.0:
        numerator, denominator = numerator * 2, denominator * 2
    scores, score, rolling = [], 0.0, 0.0
    for i, value in enumerate(values):
        rolling += max(0.0, value or 0.0)
        if i >= denominator:
            rolling -= max(0.0, values[i - denominator] or 0.0)
        if value is not None:
            score = compute(frequency, score, _completed(rolling, numerator, numerical, target))
        scores.append(score)
    return scores


def _completed(rolling: float, numerator: int, numerical: bool, target: float) -> float:
    """The share of the window's goal met (Loop's `percentageCompleted`)."""
    if not numerical:
        return min(1.0, rolling / numerator)
    return min(1.0, rolling / target) if target > 0 else 1.0
