"""Per-habit reminder times (several a day), habits never reminded, and reminders off (#15)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from sqlalchemy import update

from storage.db import Sessions
from storage.models import Habit, User
from tests.coach.test_reminders import Recorder, tick_through
from tests.fakes.builder import add_member


async def _times(sessions: Sessions, habit_id: object, times: list[time] | None) -> None:
    async with sessions.begin() as session:
        await session.execute(
            update(Habit).where(Habit.id == habit_id).values(reminder_times=times)
        )


@pytest.mark.slow
async def test_a_habit_with_its_own_times_is_reminded_then_and_not_in_the_morning(
    sessions: Sessions,
) -> None:
    _, (walk, guitar, floss) = await add_member(
        sessions, "UTC", 501, frequencies=("daily", "daily", "daily")
    )
    await _times(sessions, guitar, [time(18, 0), time(21, 30)])
    await _times(sessions, floss, [])  # never reminded
    send = Recorder()
    await tick_through(sessions, send, datetime(2026, 11, 24, tzinfo=UTC), 1)
    sent = [(at.strftime("%H:%M"), item.kind, [h.habit_id for h in item.habits])
            for at, item in send.items]  # fmt: skip
    assert sent == [
        ("07:00", "morning", [walk]),
        ("18:00", "morning@18:00", [guitar]),
        ("21:30", "morning@21:30", [guitar]),
    ]
    again = Recorder()  # the same day again: each reminder went out once
    await tick_through(sessions, again, datetime(2026, 11, 24, tzinfo=UTC), 1)
    assert again.items == []


@pytest.mark.slow
async def test_reminders_off_stops_them_all_and_on_brings_them_back(sessions: Sessions) -> None:
    user_id, (walk,) = await add_member(sessions, "UTC", 502)
    await _times(sessions, walk, [time(7, 0), time(19, 0)])
    async with sessions.begin() as session:
        await session.execute(
            update(User).where(User.id == user_id).values(reminders_enabled=False)
        )
    send = Recorder()
    await tick_through(sessions, send, datetime(2026, 11, 24, tzinfo=UTC), 1)
    assert send.items == []
    async with sessions.begin() as session:
        await session.execute(update(User).where(User.id == user_id).values(reminders_enabled=True))
    await tick_through(sessions, send, datetime(2026, 11, 25, tzinfo=UTC), 1)
    assert [(at.hour, item.kind) for at, item in send.items] == [(7, "morning"),
                                                                 (19, "morning@19:00")]  # fmt: skip
