"""End-of-day rollover: a miss for each scheduled, unchecked habit of the day just closed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from coach.scheduled.rollover import record_misses
from storage.db import Sessions
from storage.models import Checkin, Habit
from tests.fakes.builder import add_member


async def statuses(sessions: Sessions) -> list[tuple[str, date, str | None, str]]:
    async with sessions() as session:
        rows = await session.execute(
            select(Habit.title, Checkin.day, Checkin.status, Checkin.source)
            .join(Habit, Habit.id == Checkin.habit_id)
            .order_by(Checkin.day, Habit.title)
        )
        return [tuple(r) for r in rows.all()]  # type: ignore[misc]


async def test_misses_are_recorded_once_for_the_closed_day_only(sessions: Sessions) -> None:
    user_id, habits = await add_member(
        sessions, "Europe/Berlin", 1, frequencies=("daily", "days:tue", "weekly:3", "weekdays")
    )
    async with sessions.begin() as session:
        goal_id = (await session.get(Habit, habits[0])).goal_id
        session.add(Checkin(goal_id=goal_id, user_id=user_id, habit_id=habits[0],
                            day=date(2026, 6, 1), status="done", completed=True))  # fmt: skip
    # 02:30 Berlin on Tuesday: Monday is still open (day starts at 03:00); Sunday closed
    assert await record_misses(sessions, now=datetime(2026, 6, 2, 0, 30, tzinfo=UTC)) == 1
    # 03:30 Berlin on Tuesday: Monday closes; daily was done, weekdays was not
    now = datetime(2026, 6, 2, 1, 30, tzinfo=UTC)
    assert await record_misses(sessions, now=now) == 1
    assert await record_misses(sessions, now=now) == 0  # idempotent
    assert await statuses(sessions) == [
        ("habit daily", date(2026, 5, 31), "missed", "rollover"),
        ("habit daily", date(2026, 6, 1), "done", "button"),
        ("habit weekdays", date(2026, 6, 1), "missed", "rollover"),
    ]


async def test_rollover_hour_later_than_day_start_waits(sessions: Sessions) -> None:
    await add_member(sessions, "UTC", 2)
    four, five = datetime(2026, 6, 2, 4, 0, tzinfo=UTC), datetime(2026, 6, 2, 5, 0, tzinfo=UTC)
    assert await record_misses(sessions, now=four, rollover_hour=5) == 1  # May 31 only
    assert await record_misses(sessions, now=five, rollover_hour=5) == 1
    assert [s[1:3] for s in await statuses(sessions)] == [
        (date(2026, 5, 31), "missed"),
        (date(2026, 6, 1), "missed"),
    ]
    # weekly:3 has no fixed days, so no single day of it is a miss
