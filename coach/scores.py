"""The scores a member sees for a habit: streak, strength, adherence and milestones.

Built on `coach.schedule` (the day, frequencies and adherence). Definitions:

- **Streak**: the done check-ins in the unbroken run of periods, counted back from today, in
  which the habit met its frequency. A period is a scheduled day for day-based frequencies
  ("daily", "weekdays", "days:…") and an ISO week for "weekly:N" (met with N done days), so a
  "3x a week" habit keeps its streak across rest days. A skip freezes the streak (neither
  adds nor breaks) while the week's skip budget (`coach.skip_budget_per_week`) lasts; a
  further skip, a miss, or a past scheduled day with no check-in breaks it. Today, and the
  current week, still open, never break it.
- **Strength**: Loop Habit Tracker's score, ported in `coach.strength` and checked against
  Loop's own unit tests. Day-based frequencies ("daily", "weekdays", "days:…") step on their
  scheduled days as Loop's daily habits (f = 1); "weekly:N" steps every day as Loop's N/7
  habits (a 14-day window against 2N). Measurable habits step as Loop's numerical "at least"
  habits: a day target on the scheduled days (value min(1, amount ÷ target)), a week target
  every day over a 7-day window (f = 1/7). A "done" without an amount counts as the target.
  Skipped days leave it unchanged. After a long run a single lapse costs about 5 %.
- **Today before its check-in** counts as not done, as in Loop: strength and adherence
  include today from the start of the member's day, so a check-in lifts them and the
  morning figure is a little lower than last night's. One rule for chat, chart and warehouse
  (`sync/metrics.py` windows end today, age 0). Only the streak waits for the day to end:
  an unchecked today never breaks it.
- **Adherence** over 7 and 30 days: `coach.schedule.adherence` for this habit alone.
- **Milestones**: a streak reaching 7, 21, 30 or 100 (`coach.milestones`), each celebrated
  once per habit (remembered in the habit's `schedule` JSON under "celebrated").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from coach.schedule import Frequency, HabitDays, adherence, scheduled_count
from coach.strength import loop_scores
from storage.score_rules import LoopShape, credit, loop_shape, scheduled_frequency

DONE, SKIPPED, MISSED = "done", "skipped", "missed"


@dataclass(frozen=True)
class HabitHistory:
    """One habit's frequency, first day, and status per day."""

    frequency: Frequency
    start: date
    statuses: Mapping[date, str]
    amounts: Mapping[date, float] = field(default_factory=dict)
    target: float | None = None  # a measurable habit's amount per `target_period`
    target_period: str | None = None  # "day" or "week"

    @property
    def done_days(self) -> frozenset[date]:
        """The days marked done."""
        return frozenset(d for d, s in self.statuses.items() if s == DONE)

    @property
    def measurable(self) -> bool:
        """True for a habit with a target amount."""
        return self.target is not None and self.target_period in ("day", "week")

    def amount_on(self, day: date) -> float:
        """A measurable habit's amount on `day` (a "done" without one counts as the target)."""
        if self.statuses.get(day) != DONE:
            return 0.0
        found = self.amounts.get(day)
        return float(self.target or 0.0) if found is None else float(found)

    def days(self) -> HabitDays:
        """The inputs to adherence: a week target schedules one check-in a week, a measurable
        done day is credited amount ÷ target (`storage.score_rules`)."""
        if not self.measurable:
            return HabitDays(self.frequency, self.start, self.done_days)
        freq = scheduled_frequency(self.frequency, self.target_period)
        credits = {d: credit(self.amounts.get(d), self.target) for d in self.done_days}
        return HabitDays(freq, self.start, self.done_days, credits)

    def shape(self) -> LoopShape:
        """The Loop habit this habit's strength is scored as."""
        return loop_shape(self.frequency, self.target, self.target_period)


@dataclass(frozen=True)
class HabitScore:
    """What the member sees about one habit today."""

    streak: int
    strength: float
    adherence_7d: float | None
    adherence_30d: float | None


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _frozen_skips(history: HabitHistory, budget: int) -> set[date]:
    """The skipped days covered by each ISO week's budget (the earliest ones in the week)."""
    per_week: dict[date, list[date]] = {}
    for day, status in sorted(history.statuses.items()):
        if status == SKIPPED and history.frequency.scheduled_on(day):
            per_week.setdefault(_week_start(day), []).append(day)
    return {d for days in per_week.values() for d in days[:budget]}


def _daily_streak(history: HabitHistory, today: date, frozen: set[date]) -> int:
    count, day = 0, today
    while day >= history.start:
        status = history.statuses.get(day)
        if history.frequency.scheduled_on(day) or status == DONE:
            if status == DONE:
                count += 1
            elif day in frozen or (status is None and day == today):
                pass
            elif history.frequency.scheduled_on(day):
                break
        day -= timedelta(days=1)
    return count


def _weekly_streak(history: HabitHistory, today: date, budget: int) -> int:
    per_week = history.frequency.per_week or 1
    count, week = 0, _week_start(today)
    while week + timedelta(days=6) >= history.start:
        days = [week + timedelta(days=i) for i in range(7)]
        done = sum(1 for d in days if d <= today and history.statuses.get(d) == DONE)
        skips = sum(1 for d in days if d <= today and history.statuses.get(d) == SKIPPED)
        count += done
        needed = math.floor(scheduled_count(history.frequency, week, days[-1], history.start))
        if week != _week_start(today) and done + min(skips, budget) < min(needed, per_week):
            count -= done
            break
        week -= timedelta(days=7)
    return count


def streak(history: HabitHistory, today: date, skip_budget: int) -> int:
    """The current streak in done check-ins (see the module's definition)."""
    if history.frequency.flexible:
        return _weekly_streak(history, today, skip_budget)
    return _daily_streak(history, today, _frozen_skips(history, skip_budget))


def _day_value(history: HabitHistory, day: date) -> float | None:
    """One day's input to the score: None skipped, the amount, or 1/0 done or not."""
    status = history.statuses.get(day)
    if status == SKIPPED:
        return None
    if history.measurable:
        return history.amount_on(day)
    return 1.0 if status == DONE else 0.0


def strength_series(history: HabitHistory, today: date) -> list[tuple[date, float]]:
    """The strength at the end of each day from the habit's first day to today (Loop's
    list, oldest first; today without a check-in counts as not done)."""
    shape = history.shape()
    all_days = [history.start + timedelta(days=i) for i in range((today - history.start).days + 1)]
    counted = [d for d in all_days if shape.every_day or history.frequency.scheduled_on(d)]
    values = [_day_value(history, d) for d in counted]
    scores = dict(zip(counted, loop_scores(values, shape.numerator, shape.denominator,
                                           numerical=shape.numerical, target=shape.target),
                      strict=True))  # fmt: skip
    series, last = [], 0.0
    for day in all_days:
        last = scores.get(day, last)
        series.append((day, last))
    return series


def strength(history: HabitHistory, today: date) -> float:
    """Habit strength in [0, 1] today (see the module's definition)."""
    series = strength_series(history, today)
    return series[-1][1] if series else 0.0


def score(history: HabitHistory, today: date, skip_budget: int) -> HabitScore:
    """All of one habit's figures for today."""
    days = [history.days()]
    return HabitScore(
        streak=streak(history, today, skip_budget),
        strength=strength(history, today),
        adherence_7d=adherence(days, today, 7),
        adherence_30d=adherence(days, today, 30),
    )


def new_milestones(
    current_streak: int, milestones: Sequence[int], celebrated: Sequence[int]
) -> list[int]:
    """The milestones this streak reaches that were not celebrated before, smallest first."""
    return [m for m in sorted(milestones) if current_streak >= m and m not in celebrated]
