"""The calendar rules every figure uses: a member's day, a habit's frequency, what is due.

The one home of these rules (docs/architecture.md, "Where each rule lives"). It sits in
storage, the bottom layer, so that coach/ (scores, reminders, reviews) and sync/ (the
warehouse's frequency columns and metrics SQL) import the same code; it is pure (no I/O, no
project imports). `coach.schedule` re-exports it under the names callers already use.

- A member's day is their local date after their day-start hour: with the default 03:00, a
  check-in at 01:30 local time counts for the day before (`local_day`).
- A habit's first day is the member's day it was created, stored once in `habits.first_day`
  (a database trigger fills it) and read through `coach.checkins.habit_start`, so a later
  time-zone change never moves it; a habit is due only on or after it.
- Frequencies: "daily"; "weekdays" (Mon–Fri); "days:mon,wed,fri" (those weekdays);
  "weekly:N" (N times per ISO week, on any days); anything else counts as daily. The
  warehouse stores the same parse as (per_week, a Mon..Sun mask) (`warehouse_frequency`).
- What is due on a day: a day-based habit on its weekdays, a "weekly:N" habit on any day;
  in SQL, `habits_on_day_sql` (active goal within its dates, active habit begun by then).
- Scheduled check-ins in a window of days (counting only days on or after the habit's start):
  day-based frequencies schedule one per scheduled day; "weekly:N" schedules N × days / 7.
- Completed scheduled check-ins: day-based, the scheduled days with status done; "weekly:N",
  the days with status done, capped at the number scheduled.
- Measurable habits (a target amount per day or per week): a check-in is credited with
  amount ÷ target instead of 1 (12 of 20 pages = 0.6), at most 1 per scheduled day; a week
  target schedules one check-in per week ("weekly:1"), credited with the week's amounts ÷
  target, capped at the number scheduled — the same share Loop's numerical habits score.
- Adherence = Σ completed ÷ Σ scheduled over a member's habits; adherent at ≥ 80 %.
- An easier frequency is "weekly:N" with N about 60 % of the weekly count ("daily" →
  "weekly:4", "weekdays" → "weekly:3", "weekly:3" → "weekly:2"); none below once a week. The
  weekly review's easier plan and the mentor copilot's offline plan patch both use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKLY = re.compile(r"^weekly:([1-7])$")
_DAYS = re.compile(r"^days:((?:mon|tue|wed|thu|fri|sat|sun)(?:,(?:mon|tue|wed|thu|fri|sat|sun))*)$")
EASIER_SHARE = 0.6  # an easier plan keeps about this share of a habit's weekly check-ins


@dataclass(frozen=True)
class Frequency:
    """A parsed habit frequency: fixed weekdays, or a count per ISO week."""

    weekdays: frozenset[int] = frozenset(range(7))  # 0 = Monday
    per_week: int | None = None  # set for "weekly:N"

    @property
    def flexible(self) -> bool:
        """True for "weekly:N": any N days of the week will do."""
        return self.per_week is not None

    @property
    def times_per_week(self) -> int:
        """How many check-ins a full week schedules."""
        return self.per_week if self.per_week is not None else len(self.weekdays)

    def scheduled_on(self, day: date) -> bool:
        """True when `day` is a day this habit is due (any day for weekly:N)."""
        return self.flexible or day.weekday() in self.weekdays


@lru_cache(maxsize=512)  # pure, and parsed for every habit on every check-in press
def parse_frequency(text: str | None) -> Frequency:
    """Parse a canonical frequency string; anything unknown counts as daily."""
    value = (text or "daily").strip().lower()
    if value == "weekdays":
        return Frequency(weekdays=frozenset(range(5)))
    if match := _WEEKLY.match(value):
        return Frequency(per_week=int(match.group(1)))
    if match := _DAYS.match(value):
        return Frequency(weekdays=frozenset(WEEKDAYS.index(d) for d in match.group(1).split(",")))
    return Frequency()


def warehouse_frequency(text: str | None) -> tuple[int | None, str]:
    """The warehouse's form of a frequency: (per_week, Mon..Sun mask "1111100")."""
    freq = parse_frequency(text)
    return freq.per_week, "".join("1" if d in freq.weekdays else "0" for d in range(7))


def describe_frequency(text: str | None) -> str:
    """A frequency in words: "3 times a week", "on weekdays", "on Mon, Thu", "every day"."""
    value = (text or "daily").strip().lower()
    if match := _WEEKLY.match(value):
        n = int(match.group(1))
        return "once a week" if n == 1 else f"{n} times a week"
    if _DAYS.match(value):
        return "on " + ", ".join(d.capitalize() for d in value[5:].split(","))
    return {"weekdays": "on weekdays"}.get(value, "every day")


def easier_frequency(text: str | None) -> str | None:
    """About 60 % of the habit's weekly count as "weekly:N"; None if it cannot go lower."""
    per_week = parse_frequency(text).times_per_week
    lower = max(1, round(per_week * EASIER_SHARE))
    return f"weekly:{lower}" if lower < per_week else None


def local_day(moment: datetime, timezone: str, day_start_hour: int) -> date:
    """The member's day for an aware UTC `moment`: local date, shifted back by day_start_hour."""
    local = moment.astimezone(ZoneInfo(timezone))
    return (local - timedelta(hours=day_start_hour)).date()


def member_day_sql(moment: str, zone: str, day_start_hour: str) -> str:
    """`local_day` in SQL: the member's day of the timestamptz expression `moment`."""
    return f"((({moment}) AT TIME ZONE {zone}) - make_interval(hours => {day_start_hour}))::date"


def habits_on_day_sql(member: str) -> str:
    """SQL joining goals g and habits h that exist on the day of `member` (a relation with
    id, day, timezone and day_start_hour): the goal active and within its dates, the habit
    active and begun on or before that day (its stored `first_day`)."""
    return f"""
JOIN goals g ON g.user_id = {member}.id AND g.status = 'active'
     AND (g.start_date IS NULL OR g.start_date <= {member}.day)
     AND (g.end_date IS NULL OR g.end_date >= {member}.day)
JOIN habits h ON h.goal_id = g.id AND h.active
     AND h.first_day <= {member}.day"""


def window(end: date, days: int) -> tuple[date, date]:
    """The `days`-day window ending on `end` (inclusive): (first day, last day)."""
    return end - timedelta(days=days - 1), end


def scheduled_count(freq: Frequency, first: date, last: date, habit_start: date) -> float:
    """Scheduled check-ins between `first` and `last`, inclusive, from the habit's start on."""
    first = max(first, habit_start)
    if last < first:
        return 0.0
    span = (last - first).days + 1
    if freq.per_week is not None:
        return freq.per_week * span / 7
    return float(sum(1 for i in range(span) if freq.scheduled_on(first + timedelta(days=i))))


def completed_count(
    freq: Frequency,
    done_days: set[date] | frozenset[date],
    first: date,
    last: date,
    habit_start: date,
    credit: Mapping[date, float] | None = None,
) -> float:
    """Completed scheduled check-ins in the window (see the module's definition).

    `credit` gives a measurable habit's done days their share of the target (default 1).
    """
    first = max(first, habit_start)
    inside = [d for d in done_days if first <= d <= last]
    worth = (lambda d: 1.0) if credit is None else (lambda d: credit.get(d, 1.0))
    if freq.per_week is not None:
        total = sum(worth(d) for d in inside)
        return min(float(total), scheduled_count(freq, first, last, habit_start))
    return float(sum(min(1.0, worth(d)) for d in inside if freq.scheduled_on(d)))


@dataclass(frozen=True)
class HabitDays:
    """One habit's inputs to the scores: frequency, first day, the days marked done, and
    for a measurable habit each done day's share of the target (`credit`)."""

    frequency: Frequency
    start: date
    done_days: frozenset[date]
    credit: Mapping[date, float] | None = None


def adherence(habits: list[HabitDays], end: date, days: int) -> float | None:
    """Adherence in [0, 1] over the `days`-day window ending on `end`; None if nothing was due."""
    first, last = window(end, days)
    scheduled = sum(scheduled_count(h.frequency, first, last, h.start) for h in habits)
    if scheduled == 0:
        return None
    completed = sum(
        completed_count(h.frequency, h.done_days, first, last, h.start, h.credit) for h in habits
    )
    return completed / scheduled
