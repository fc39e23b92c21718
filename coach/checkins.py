"""Check-ins: what is due today, record by button or message, undo, backfill, with scores.

One check-in per habit and day (pressing again changes it). The day is the member's day
(`coach.schedule.local_day`); a check-in may be recorded for today or, by backfill, up to
`coach.backfill_days` days before — never for the future.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from coach.members import Member
from coach.schedule import local_day, parse_frequency
from coach.scores import HabitHistory, HabitScore, new_milestones, score
from coach.services import Services
from coach.targets import Target, target_of
from storage import checkins as store
from storage import goals as goal_store
from storage.checkins import GoalRow, HabitRow
from storage.db import autocommit_engine
from storage.milestones import claim_milestones
from storage.models import CHECKIN_STATUSES, Goal, Habit
from storage.score_rules import HISTORY_DAYS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueHabit:
    """A habit due on a member's day, with its check-in so far (None: not yet)."""

    habit_id: uuid.UUID
    goal_id: uuid.UUID
    title: str
    goal_title: str
    frequency: str
    day: date
    status: str | None
    target: Target | None = None  # a measurable habit's target (the Done button gives it)


@dataclass(frozen=True)
class CheckinOutcome:
    """A recorded check-in with the habit's figures after it."""

    habit_id: uuid.UUID
    title: str
    day: date
    status: str
    previous: str | None
    score: HabitScore
    milestone: int | None = None
    items: tuple[DueHabit, ...] = ()  # the day's habits after this check-in
    target: Target | None = None  # a measurable habit's target
    progress: float | None = None  # its amount so far in the target's period (day or week)


@dataclass(frozen=True)
class Undone:
    """A check-in put back to what it was (`status` None: no check-in)."""

    habit_id: uuid.UUID
    title: str
    day: date
    status: str | None
    items: tuple[DueHabit, ...] = ()  # the day's habits after the undo


@dataclass(frozen=True)
class CheckinEvent:
    """A check-in was recorded or undone (by button, message or reminder): what listeners get."""

    user_id: uuid.UUID
    habit_id: uuid.UUID
    day: date
    status: str | None
    previous: str | None
    in_boards: bool = True  # False: the member is in no group with a board (nothing to mark)


@dataclass(frozen=True)
class CheckinRefused:
    """Why a check-in was not recorded: unknown, inactive, too_old, future, bad_status."""

    reason: str


def habit_start(habit: Habit | HabitRow, member: Member) -> date:
    """A habit's first day, stored when it was created (`habits.first_day`).

    Stored, not recomputed from `created_at` in the member's current zone, so a time-zone
    change moves future days only. Every figure (scores, reviews, reminders, chat, chart,
    warehouse) reads this one column. `member` is kept for callers' sake.
    """
    del member
    return habit.first_day


def _week_dones(statuses: dict[date, str], day: date) -> int:
    monday = day - timedelta(days=day.weekday())
    return sum(1 for d, s in statuses.items() if monday <= d < day and s == "done")


def due_on(
    pairs: Sequence[tuple[Habit, Goal] | tuple[HabitRow, GoalRow]],
    statuses: dict[uuid.UUID, dict[date, str]],
    member: Member,
    day: date,
) -> list[DueHabit]:
    """Which of these habits are due on `day`, given their statuses of that ISO week."""
    due = []
    for habit, goal in pairs:
        freq, marks = parse_frequency(habit.frequency), statuses.get(habit.id, {})
        if habit_start(habit, member) > day or not freq.scheduled_on(day):
            continue
        if freq.flexible and day not in marks and _week_dones(marks, day) >= (freq.per_week or 0):
            continue  # this week's N are done already
        target = target_of(habit)
        item = DueHabit(
            habit.id, goal.id, habit.title, goal.title, habit.frequency, day, marks.get(day), target
        )
        due.append(item)
    return due


async def _due_items(
    session: AsyncSession, member: Member, pairs: list[tuple[Habit, Goal]], day: date
) -> list[DueHabit]:
    """`due_on` for these habits, with the statuses of `day`'s ISO week read."""
    monday = day - timedelta(days=day.weekday())
    marks = await store.statuses_since(session, habit_ids=[h.id for h, _ in pairs], since=monday)
    return due_on(pairs, marks, member, day)


async def due_today(services: Services, *, member: Member, back: int = 0) -> list[DueHabit]:
    """Habits due on the member's day `back` days ago (0 = today)."""
    day = local_day(services.clock(), member.timezone, member.day_start_hour) - timedelta(days=back)
    async with services.sessions() as session:
        pairs = await goal_store.habits_for_user(session, user_id=member.id)
        return await _due_items(session, member, pairs, day)


def _check_day(services: Services, member: Member, day: date) -> CheckinRefused | None:
    today = local_day(services.clock(), member.timezone, member.day_start_hour)
    if day > today:
        return CheckinRefused("future")
    if (today - day).days > services.settings.backfill_days:
        return CheckinRefused("too_old")
    return None


def _history(
    habit: Habit | HabitRow,
    member: Member,
    marks: dict[date, str],
    today: date,
    amounts: dict[date, float] | None = None,
) -> HabitHistory:
    start = max(habit_start(habit, member), today - timedelta(days=HISTORY_DAYS))
    target = target_of(habit)
    return HabitHistory(
        parse_frequency(habit.frequency), start, marks, amounts or {},
        target.amount if target else None, target.period if target else None,
    )  # fmt: skip


def period_progress(history: HabitHistory, day: date) -> float | None:
    """A measurable habit's amount in the period holding `day` (that day, or its ISO week)."""
    if not history.measurable:
        return None
    if history.target_period == "day":
        return history.amount_on(day)
    monday = day - timedelta(days=day.weekday())
    return sum(history.amount_on(monday + timedelta(days=i)) for i in range(7))


async def _owned(
    session: AsyncSession, member: Member, habit_id: uuid.UUID
) -> tuple[Habit, Goal, list[tuple[Habit, Goal]]] | CheckinRefused:
    """The habit (one of the member's active ones), its goal, and all their active habits."""
    pairs = await goal_store.habits_for_user(session, user_id=member.id)
    for habit, goal in pairs:
        if habit.id == habit_id:
            return habit, goal, pairs
    return await _refusal(session, member, habit_id)


async def _refusal(session: AsyncSession, member: Member, habit_id: uuid.UUID) -> CheckinRefused:
    """Why a habit that is not among the member's active ones was refused."""
    found = await goal_store.habit_for_user(session, user_id=member.id, habit_id=habit_id)
    return CheckinRefused("unknown" if found is None else "inactive")


async def record(
    services: Services,
    *,
    member: Member,
    habit_id: uuid.UUID,
    day: date,
    status: str,
    source: str = "button",
    note: str | None = None,
    amount: float | None = None,
) -> CheckinOutcome | CheckinRefused:
    """Record (or change) the member's check-in of one habit on one day; scores after it.

    `amount` is the quantity a check-in in words gave ("ran 7k" -> 7), kept in checkins.amount.

    One autocommit statement (storage.db.autocommit_engine) upserts (checking ownership) and reads
    the habits with the statuses for the scores and the day's list; a reached milestone is
    remembered with a second one. This is the press hot path: no Session, no ORM rows.
    """
    if status not in CHECKIN_STATUSES:
        return CheckinRefused("bad_status")
    if refused := _check_day(services, member, day):
        return refused
    today = local_day(services.clock(), member.timezone, member.day_start_hour)
    durable = services.settings.checkin_commit == "durable"
    async with autocommit_engine(services.sessions, durable=durable).connect() as conn:
        done = await store.record_and_read(
            conn, user_id=member.id, habit_id=habit_id, day=day, status=status, source=source,
            note=note, focus_since=today - timedelta(days=HISTORY_DAYS),
            since=day - timedelta(days=day.weekday()), amount=amount,
        )  # fmt: skip
    if not done.recorded:
        async with services.sessions() as session:
            return await _refusal(session, member, habit_id)
    pairs, marks, previous = done.pairs, done.marks, done.previous
    habit = next(h for h, _ in pairs if h.id == habit_id)
    history = _history(habit, member, marks[habit.id], today, done.amounts.get(habit.id))
    figures = score(history, today, services.settings.skip_budget_per_week)
    milestone = await _celebrate(services, habit, figures.streak, services.settings.milestones)
    items = tuple(due_on(pairs, marks, member, day))
    await announce(
        services, CheckinEvent(member.id, habit.id, day, status, previous, done.in_boards)
    )
    return CheckinOutcome(
        habit.id, habit.title, day, status, previous, figures, milestone, items,
        target_of(habit), period_progress(history, day),
    )  # fmt: skip


async def announce(services: Services, event: CheckinEvent) -> None:
    """Tell the listeners (group boards) about a check-in; a failing listener is only logged."""
    for listener in services.checkin_listeners:
        try:
            await listener(event)
        except Exception:
            log.exception("check-in listener failed for member %s", event.user_id)


async def _celebrate(
    services: Services, habit: HabitRow, streak: int, milestones: list[int]
) -> int | None:
    """The highest milestone reached for the first time, claimed atomically so it is told
    once even when presses race (the read list only saves a statement when nothing is new)."""
    fresh = new_milestones(streak, milestones, (habit.schedule or {}).get("celebrated", []))
    if not fresh:
        return None
    async with services.sessions.begin() as session:
        claimed = await claim_milestones(session, habit_id=habit.id, milestones=fresh)
    return claimed[-1] if claimed else None


async def undo(
    services: Services, *, member: Member, habit_id: uuid.UUID, day: date, previous: str | None
) -> Undone | CheckinRefused:
    """Put a check-in back to `previous` (None removes it)."""
    if previous is not None and previous not in CHECKIN_STATUSES:
        return CheckinRefused("bad_status")
    if refused := _check_day(services, member, day):
        return refused
    async with services.sessions.begin() as session:
        found = await _owned(session, member, habit_id)
        if isinstance(found, CheckinRefused):
            return found
        habit, goal, pairs = found
        if previous is None:
            await store.delete_checkin(session, habit_id=habit.id, day=day)
        else:
            await store.upsert_checkin(
                session, user_id=member.id, goal_id=goal.id, habit_id=habit.id, day=day,
                status=previous, source="undo",
            )  # fmt: skip
        items = await _due_items(session, member, pairs, day)
    await announce(services, CheckinEvent(member.id, habit.id, day, previous, "undo"))
    return Undone(habit.id, habit.title, day, previous, tuple(items))


async def habit_histories(
    services: Services, *, member: Member
) -> list[tuple[Habit, Goal, HabitHistory]]:
    """Every active habit of the member with its history (statuses, amounts, target)."""
    today = local_day(services.clock(), member.timezone, member.day_start_hour)
    async with services.sessions() as session:
        pairs = await goal_store.habits_for_user(session, user_id=member.id)
        since = today - timedelta(days=HISTORY_DAYS)
        ids = [h.id for h, _ in pairs]
        marks = await store.statuses_since(session, habit_ids=ids, since=since)
        amounts = await store.amounts_since(session, habit_ids=ids, since=since)
    return [(h, g, _history(h, member, marks[h.id], today, amounts[h.id])) for h, g in pairs]


async def habit_scores(
    services: Services, *, member: Member
) -> list[tuple[Habit, Goal, HabitScore]]:
    """Every active habit of the member with its figures today."""
    today = local_day(services.clock(), member.timezone, member.day_start_hour)
    budget = services.settings.skip_budget_per_week
    found = await habit_histories(services, member=member)
    return [(h, g, score(history, today, budget)) for h, g, history in found]
