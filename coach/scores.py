"""The scores a member sees for a habit: streak, strength, adherence and milestones.

Built on `coach.schedule` (the day, frequencies and adherence). Definitions:

- **Streak**: the done check-ins in the unbroken run of periods, counted back from today, in
  which the habit met its frequency. A period is a scheduled day for day-based frequencies
  ("daily", "weekdays", "days:…") and an ISO week for "weekly:N" (met with N done days), so a
  "3x a week" habit keeps its streak across rest days. A skip freezes the streak (neither
  adds nor breaks) while the week's skip budget (`coach.skip_budget_per_week`) lasts; a
  further skip, a miss, or a past scheduled day with no check-in breaks it. Today, and the
  current week, still open, never break it.
- **Strength**: an exponential moving average in the style of the Loop Habit Tracker score:
  each period, strength = strength × m + value × (1 − m) with m = 0.5 ** (√f / 13), f the
  share of days scheduled (1 for day-based frequencies, which update on scheduled days only;
  N/7 for "weekly:N", which update daily with value = min(1, done in the last 7 days / N)).
  Skipped days leave it unchanged. After a long run a single lapse costs about 5 %, so it
  forgives one lapse; a habit only weakens with repeated misses.
- **Adherence** over 7 and 30 days: `coach.schedule.adherence` for this habit alone.
- **Milestones**: a streak reaching 7, 21, 30 or 100 (`coach.milestones`), each celebrated
  once per habit (remembered in the habit's `schedule` JSON under "celebrated").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.schedule import Frequency, HabitDays, adherence, scheduled_count

DONE, SKIPPED, MISSED = "done", "skipped", "missed"


@dataclass(frozen=True)
class HabitHistory:
    """One habit's frequency, first day, and status per day."""

    frequency: Frequency
    start: date
    statuses: Mapping[date, str]

    @property
    def done_days(self) -> frozenset[date]:
        """The days marked done."""
        return frozenset(d for d, s in self.statuses.items() if s == DONE)


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


def strength(history: HabitHistory, today: date) -> float:
    """Habit strength in [0, 1] (see the module's definition)."""
    freq = history.frequency
    share = (freq.per_week or 7) / 7 if freq.flexible else 1.0
    keep = 0.5 ** (math.sqrt(share) / 13)
    score, day = 0.0, history.start
    while day <= today:
        status = history.statuses.get(day)
        if not (day == today and status is None) and status != SKIPPED:
            if freq.flexible:
                recent = sum(
                    1 for i in range(7) if history.statuses.get(day - timedelta(days=i)) == DONE
                )
                score = score * keep + min(1.0, recent / (freq.per_week or 1)) * (1 - keep)
            elif freq.scheduled_on(day):
                score = score * keep + (1.0 if status == DONE else 0.0) * (1 - keep)
        day += timedelta(days=1)
    return score


def score(history: HabitHistory, today: date, skip_budget: int) -> HabitScore:
    """All of one habit's figures for today."""
    days = [HabitDays(history.frequency, history.start, history.done_days)]
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
