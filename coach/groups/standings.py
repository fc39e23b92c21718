"""What each member of a group shares, as figures: today's habits, this week, streaks.

Only what the member chose to share is read into a `Standing`: every habit ("all"), the habits
of chosen goals ("goals"), or only whether they checked in ("checked_in", the default). Journal,
messages, notes and safety events are never read here.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from coach.schedule import completed_count, parse_frequency, scheduled_count
from coach.scores import HabitHistory, streak
from coach.services import Services
from storage import groups as store

HISTORY_DAYS = 120  # streaks shown in a group are capped by this look-back
CHECKED = ("done", "skipped")
Marks = dict[uuid.UUID, dict[date, tuple[str, float | None]]]  # habit → day → (status, amount)


@dataclass(frozen=True)
class SharedHabit:
    """One shared habit on the group's day."""

    title: str
    done: bool
    streak: int
    answered: bool = False  # done or skipped today: checked in, as a rest day is


@dataclass(frozen=True)
class Standing:
    """One member's shared figures on the group's day (nothing beyond their share level)."""

    user_id: uuid.UUID
    name: str
    level: str
    rank_opt_out: bool
    habits: tuple[SharedHabit, ...]
    checked_in: bool
    week_done: int
    week_scheduled: int
    streak: int
    previous_done: int
    week_credit: float | None = None  # habits shared: this week's credits (12 of 20 pages = 0.6)

    @property
    def week_credited(self) -> float:
        """This week's credited check-ins: a part-amount counts its share, as the member's own."""
        return float(self.week_done) if self.week_credit is None else self.week_credit

    @property
    def week_ratio(self) -> float:
        """This week's credited share of the scheduled check-ins (0 when nothing was scheduled)."""
        return min(1.0, self.week_credited / self.week_scheduled) if self.week_scheduled else 0.0


@dataclass(frozen=True)
class _Habit:
    habit_id: uuid.UUID
    title: str
    frequency: str
    start: date
    goal_id: uuid.UUID
    target: float | None = None
    target_period: str | None = None

    def history(self, marks: Marks) -> HabitHistory:
        """The habit's days as the member's own scores read them (amounts and target too)."""
        days = marks.get(self.habit_id, {})
        return HabitHistory(parse_frequency(self.frequency), self.start,
                            {d: s for d, (s, _) in days.items()},
                            {d: a for d, (_, a) in days.items() if a is not None},
                            self.target, self.target_period)  # fmt: skip


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shared(level: str, goal_ids: list[uuid.UUID], habits: list[_Habit]) -> list[_Habit]:
    if level == "all":
        return habits
    if level == "goals":
        return [h for h in habits if h.goal_id in set(goal_ids)]
    return []


def _credited(history: HabitHistory, first: date, last: date) -> float:
    """Credited check-ins between the days, by the member's own adherence rule."""
    d = history.days()
    return completed_count(d.frequency, d.done_days, first, last, d.start, d.credit)


def _whole(credits: float) -> int:
    """Whole check-ins in a credit sum (0.6 of a check-in is not one yet)."""
    return math.floor(credits + 1e-9)


def _habit_figures(habits: list[_Habit], marks: Marks, day: date,
                   budget: int) -> tuple[list[SharedHabit], float, int, int, float]:  # fmt: skip
    monday = _monday(day)
    shown, done, planned, previous = [], 0.0, 0.0, 0.0
    for h in habits:
        history = h.history(marks)
        run = streak(history, day, budget)
        today = history.statuses.get(day)
        shown.append(SharedHabit(h.title, today == "done", run, today in CHECKED))
        done += _credited(history, monday, day)
        planned += scheduled_count(history.days().frequency, monday, day, h.start)
        previous += _credited(history, monday - timedelta(days=7), monday - timedelta(days=1))
    best = max((s.streak for s in shown), default=0)
    return shown, done, round(planned), best, previous


def _day_figures(habits: list[_Habit], marks: Marks,
                 day: date) -> tuple[int, int, int]:  # fmt: skip
    """For "checked in" sharing: days with a done check-in this week, days so far, last week's."""
    done_days = {d for h in habits for d, m in marks.get(h.habit_id, {}).items() if m[0] == "done"}
    monday = _monday(day)
    first = min((h.start for h in habits), default=day)
    week = sum(1 for i in range(day.weekday() + 1) if monday + timedelta(days=i) in done_days)
    elapsed = sum(1 for i in range(day.weekday() + 1) if monday + timedelta(days=i) >= first)
    previous = sum(1 for i in range(7) if monday - timedelta(days=7 - i) in done_days)
    return week, elapsed if habits else 0, previous


def _group_rows(rows: list[Any]) -> dict[uuid.UUID, tuple[Any, list[_Habit]]]:
    members: dict[uuid.UUID, tuple[Any, list[_Habit]]] = {}
    for r in rows:
        habits = members.setdefault(r.user_id, (r, []))[1]
        if r.habit_id is not None:
            # the stored first day, as every other figure reads it (a zone change moves no past day)
            target = None if r.target_amount is None else float(r.target_amount)  # numeric
            habits.append(_Habit(r.habit_id, r.title, r.frequency, r.first_day, r.goal_id,
                                 target, r.target_period))  # fmt: skip
    return members


async def standings(services: Services, *, group_id: uuid.UUID, day: date) -> list[Standing]:
    """Every active member's shared figures on the group's `day`, in joining order."""
    async with services.sessions() as session:
        return await standings_in(session, services, group_id=group_id, day=day)


async def standings_in(session: AsyncSession, services: Services, *, group_id: uuid.UUID,
                       day: date) -> list[Standing]:  # fmt: skip
    """`standings` within an open session (the board reads everything in one)."""
    rows = await store.member_habit_rows(session, group_id=group_id)
    ids = [r.habit_id for r in rows if r.habit_id is not None]
    since = _monday(day) - timedelta(days=HISTORY_DAYS)
    marks = await store.marks_since(session, habit_ids=ids, since=since, until=day)
    budget = services.settings.skip_budget_per_week
    result = []
    for user_id, (first, habits) in _group_rows(rows).items():
        checked = any(marks.get(h.habit_id, {}).get(day, ("",))[0] in CHECKED for h in habits)
        shared = _shared(first.share_level, list(first.shared_goal_ids or []), habits)
        credit: float | None = None
        if first.share_level == "checked_in":
            week, planned, previous = _day_figures(habits, marks, day)
            # the member's own longest current streak, as the coach tells them (skips in budget
            # keep it), never a second streak rule that a rest day would break
            run, shown = _habit_figures(habits, marks, day, budget)[3], []
        else:
            shown, credit, planned, run, earlier = _habit_figures(shared, marks, day, budget)
            week, previous = _whole(credit), _whole(earlier)
        result.append(Standing(user_id, first.name, first.share_level, first.rank_opt_out,
                               tuple(shown), checked, week, planned, run, previous,
                               credit))  # fmt: skip
    return result
