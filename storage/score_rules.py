"""The score rules coach/ and sync/ share: a measurable check-in's credit, what a week target
schedules, and the shape of Loop Habit Tracker's score for each kind of habit.

Their one home, beside `storage/calendar_rules.py` and for the same reason: coach/ (scores,
chart, chat) and sync/ (the warehouse metrics) both need them and sync may not import coach.
Pure, no project imports but the calendar rules. Loop's recursion itself runs in
`coach/strength.py` (Python) and `sync/metrics.py` (SQL), both on the shape computed here.

- **Credit**: a done check-in of a measurable habit counts amount ÷ target (12 of 20 pages =
  0.6); a done without an amount counts as the target (1); a target of 0 counts as met. A
  yes/no habit's done counts 1. `credit_sql` is the same rule for the warehouse.
- **What adherence schedules**: a week target ("run 15 km a week") one check-in a week
  ("weekly:1") whatever the habit's frequency; otherwise the habit's frequency.
- **Loop's shape** (`loop_shape`): day-based habits step on their scheduled days as Loop's
  daily habits (f = 1, a 1-day window); "weekly:N" steps every day as Loop's N/7 habits; a
  week target steps every day as Loop's numerical 1/7 habit (a 7-day window against the
  target). Loop doubles the window and the goal of a non-daily yes/no habit (14 days, 2N).
  A day's value is min(1, Σ credit over the window ÷ goal); the goal counts in targets.
- **History**: scores look back at most `HISTORY_DAYS` days (strength from then on).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from storage.calendar_rules import Frequency, parse_frequency

HISTORY_DAYS = 400  # enough for any streak or strength a member sees
WINDOWS = (1, 7, 14)  # every window `loop_shape` gives (the warehouse's SQL has one per size)
TARGET_PERIODS = ("day", "week")


def multiplier(frequency: float) -> float:
    """How much of yesterday's strength a day keeps: 0.5 ** (√f / 13) (Loop's)."""
    return 0.5 ** (math.sqrt(frequency) / 13.0)


def credit(amount: float | None, target: float | None) -> float:
    """A done day's share of the target (1 for a yes/no habit or a done without an amount)."""
    if target is None or target <= 0 or amount is None:
        return 1.0
    return amount / target


def credit_sql(amount: str, target: str) -> str:
    """`credit` in SQL, for the amount and target column expressions."""
    return f"IFF({target} > 0 AND {amount} IS NOT NULL, {amount} / {target}, 1.0)"


def scheduled_frequency(frequency: Frequency, target_period: str | None) -> Frequency:
    """What adherence schedules: one check-in a week for a week target, else the frequency."""
    return Frequency(per_week=1) if target_period == "week" else frequency


@dataclass(frozen=True)
class LoopShape:
    """Loop's (numerator, denominator, numerical, target) of a habit, and what follows."""

    numerator: int
    denominator: int
    numerical: bool = False
    target: float = 0.0  # a numerical habit's amount per `denominator` days
    credit_amount: float = 1.0  # the amount one credit stands for (a measurable habit's target)

    @property
    def frequency(self) -> float:
        """Repetitions per day, f (Loop treats N per N days as daily)."""
        return 1.0 if self.numerator == self.denominator else self.numerator / self.denominator

    def _counts(self) -> tuple[int, int]:
        """(numerator, denominator) as Loop sums them: N per N days as 1 per 1, and a
        non-daily yes/no habit's both doubled."""
        n, d = (1, 1) if self.numerator == self.denominator else (self.numerator, self.denominator)
        return (n * 2, d * 2) if not self.numerical and self.frequency < 1.0 else (n, d)

    @property
    def window(self) -> int:
        """Counted days whose values a day's score sums (all days when `every_day`)."""
        return self._counts()[1]

    @property
    def goal(self) -> float:
        """What the window's sum is divided by: repetitions, or the target in its amounts."""
        return self.target if self.numerical else float(self._counts()[0])

    @property
    def credit_goal(self) -> float:
        """`goal` counted in credits (the warehouse sums credits, not amounts)."""
        if not self.numerical:
            return self.goal
        return self.goal / self.credit_amount if self.credit_amount > 0 else 0.0

    @property
    def every_day(self) -> bool:
        """True when the score steps every day, not only on the frequency's scheduled days."""
        return self.denominator == 7

    @property
    def multiplier(self) -> float:
        """The habit's `multiplier`."""
        return multiplier(self.frequency)


def loop_shape(frequency: Frequency, target: float | None, target_period: str | None) -> LoopShape:
    """The Loop habit a goalbot habit scores as (see the module's definition)."""
    measurable = target is not None and target_period in TARGET_PERIODS
    amount = float(target or 0.0)
    if measurable and target_period == "week":
        return LoopShape(1, 7, True, amount, amount)
    if frequency.flexible:
        n = frequency.per_week or 1
        return LoopShape(n, 7, True, amount * n, amount) if measurable else LoopShape(n, 7)
    return LoopShape(1, 1, measurable, amount, amount if measurable else 1.0)


def warehouse_scoring(
    frequency: str | None, target: float | None, target_period: str | None
) -> tuple[int | None, str, int, float, float, bool]:
    """A habit's rules as the warehouse stores them: (due per_week, due Mon..Sun mask,
    strength window, goal in credits, multiplier, steps every day)."""
    freq = parse_frequency(frequency)
    due = scheduled_frequency(freq, target_period)
    mask = "".join("1" if day in due.weekdays else "0" for day in range(7))
    shape = loop_shape(freq, target, target_period)
    return due.per_week, mask, shape.window, shape.credit_goal, shape.multiplier, shape.every_day
