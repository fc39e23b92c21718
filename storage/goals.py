"""Query functions for goals, their subgoals and habits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Goal, Habit, Subgoal


async def create_goal(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    title: str,
    category: str | None,
    frequency: str | None,
    ai_plan: dict[str, Any],
    start_date: date,
    end_date: date | None,
    subgoals: Sequence[str],
    habits: Sequence[tuple[str, str, dict[str, Any] | None]],
    at: datetime | None = None,
) -> tuple[Goal, list[Habit]]:
    """Store a goal with its subgoals and habits (title, frequency, schedule), created `at`."""
    stamp = {"created_at": at} if at is not None else {}
    goal = Goal(
        **stamp,
        user_id=user_id,
        title=title,
        category=category,
        frequency=frequency,
        ai_plan=ai_plan,
        start_date=start_date,
        end_date=end_date,
    )
    session.add(goal)
    await session.flush()
    for order, sub in enumerate(subgoals):
        session.add(Subgoal(goal_id=goal.id, title=sub, order=order))
    # One microsecond apart, so the plan's order survives every "ORDER BY created_at, id"
    # (with one shared stamp the random ids decided, and /checkin shuffled the habits).
    base = at or datetime.now(UTC)
    made = [Habit(goal_id=goal.id, title=t, frequency=f, schedule=s,
                  created_at=base + timedelta(microseconds=n))
            for n, (t, f, s) in enumerate(habits)]  # fmt: skip
    session.add_all(made)
    await session.flush()
    return goal, made


async def goals_for_user(
    session: AsyncSession, *, user_id: uuid.UUID, statuses: Sequence[str] | None = None
) -> list[Goal]:
    """The member's goals, oldest first, optionally only some statuses."""
    query = select(Goal).where(Goal.user_id == user_id).order_by(Goal.created_at, Goal.id)
    if statuses is not None:
        query = query.where(Goal.status.in_(statuses))
    return list(await session.scalars(query))


async def goal_for_user(
    session: AsyncSession, *, user_id: uuid.UUID, goal_id: uuid.UUID
) -> Goal | None:
    """One of the member's goals, or None (also for another member's goal)."""
    return await session.scalar(select(Goal).where(Goal.id == goal_id, Goal.user_id == user_id))


async def set_goal_status(
    session: AsyncSession, *, user_id: uuid.UUID, goal_id: uuid.UUID, status: str
) -> Goal | None:
    """Change a goal's status (active, paused, archived); None when it is not the member's."""
    goal = await goal_for_user(session, user_id=user_id, goal_id=goal_id)
    if goal is not None:
        goal.status = status
        await session.flush()
    return goal


async def habits_for_user(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    goal_statuses: Sequence[str] = ("active",),
    only_active: bool = True,
) -> list[tuple[Habit, Goal]]:
    """The member's habits with their goals, in goal then habit creation order."""
    query = (
        select(Habit, Goal)
        .join(Goal, Habit.goal_id == Goal.id)
        .where(Goal.user_id == user_id, Goal.status.in_(goal_statuses))
        .order_by(Goal.created_at, Goal.id, Habit.created_at, Habit.id)
    )
    if only_active:
        query = query.where(Habit.active.is_(True))
    return [(habit, goal) for habit, goal in (await session.execute(query)).all()]


async def habit_for_user(
    session: AsyncSession, *, user_id: uuid.UUID, habit_id: uuid.UUID
) -> tuple[Habit, Goal] | None:
    """One of the member's habits with its goal, or None (also for another member's habit)."""
    row = (
        await session.execute(
            select(Habit, Goal)
            .join(Goal, Habit.goal_id == Goal.id)
            .where(Habit.id == habit_id, Goal.user_id == user_id)
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


async def set_habit_schedule(
    session: AsyncSession, *, habit_id: uuid.UUID, schedule: dict[str, Any]
) -> None:
    """Replace a habit's schedule detail (JSON)."""
    await session.execute(update(Habit).where(Habit.id == habit_id).values(schedule=schedule))


async def subgoals_of(session: AsyncSession, *, goal_ids: Sequence[uuid.UUID]) -> list[Subgoal]:
    """The subgoals of these goals, in order."""
    if not goal_ids:
        return []
    query = select(Subgoal).where(Subgoal.goal_id.in_(goal_ids)).order_by(Subgoal.order)
    return list(await session.scalars(query))


async def set_habit_target(
    session: AsyncSession,
    *,
    habit_id: uuid.UUID,
    amount: float | None,
    unit: str | None,
    period: str | None,
) -> None:
    """Make a habit measurable (amount unit per period), or yes/no again with None."""
    await session.execute(
        update(Habit)
        .where(Habit.id == habit_id)
        .values(target_amount=amount, target_unit=unit, target_period=period)
    )


async def edit_habit(session: AsyncSession, *, habit_id: uuid.UUID, **values: Any) -> None:
    """Change some of a habit's columns (title, frequency, reminder_times)."""
    allowed = {"title", "frequency", "reminder_times"}
    if unknown := set(values) - allowed:
        raise ValueError(f"not editable: {sorted(unknown)}")
    await session.execute(update(Habit).where(Habit.id == habit_id).values(**values))


async def rename_goal(
    session: AsyncSession, *, user_id: uuid.UUID, goal_id: uuid.UUID, title: str
) -> Goal | None:
    """Give one of the member's goals a new title; None when it is not theirs."""
    goal = await goal_for_user(session, user_id=user_id, goal_id=goal_id)
    if goal is not None:
        goal.title = title
        await session.flush()
    return goal
