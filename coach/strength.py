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

from collections.abc import Sequence

from storage.score_rules import LoopShape, multiplier

__all__ = ["compute", "loop_scores", "multiplier"]


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
    The window and the goal (Loop's doubling included) are `storage.score_rules.LoopShape`'s.
    """
    shape = LoopShape(numerator, denominator, numerical, target)
    window, goal = shape.window, shape.goal
    scores, score, rolling = [], 0.0, 0.0
    for i, value in enumerate(values):
        rolling += max(0.0, value or 0.0)
        if i >= window:
            rolling -= max(0.0, values[i - window] or 0.0)
        if value is not None:
            done = min(1.0, rolling / goal) if goal > 0 else 1.0  # Loop's percentageCompleted
            score = compute(shape.frequency, score, done)
        scores.append(score)
    return scores
