"""The press statement's commit: through a second pool whose commits skip the flush wait."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from coach.config import CoachSettings
from storage.checkins import record_and_read
from storage.db import Sessions, autocommit_engine

TODAY = date(2026, 6, 1)


async def a_habit(sessions: Sessions) -> tuple[uuid.UUID, uuid.UUID]:
    """(member id, habit id) of a member with one active daily habit."""
    async with sessions.begin() as session:
        user = await session.scalar(
            text("INSERT INTO users (name, timezone) VALUES ('Ana', 'UTC') RETURNING id")
        )
        goal = await session.scalar(
            text("INSERT INTO goals (user_id, title) VALUES (:u, 'Run') RETURNING id"), {"u": user}
        )
        habit = await session.scalar(
            text("INSERT INTO habits (goal_id, title, frequency) VALUES (:g, 'Run', 'daily') "
                 "RETURNING id"), {"g": goal},
        )  # fmt: skip
    assert user is not None and habit is not None
    return user, habit


async def press(conn: AsyncConnection, user: uuid.UUID, habit: uuid.UUID) -> None:
    done = await record_and_read(
        conn, user_id=user, habit_id=habit, day=TODAY, status="done", source="button", note=None,
        focus_since=TODAY - timedelta(days=400), since=TODAY,
    )  # fmt: skip
    assert done.recorded and done.previous is None


async def test_an_async_press_commits_on_its_own_pool_without_the_flush_wait(
    sessions: Sessions,
) -> None:
    user, habit = await a_habit(sessions)
    quick = autocommit_engine(sessions, durable=False)
    assert quick is autocommit_engine(sessions, durable=False)  # made once
    async with quick.connect() as conn:
        await press(conn, user, habit)
        assert await conn.scalar(text("SHOW synchronous_commit")) == "off"
    async with sessions() as session:  # committed (autocommit), seen by everyone else
        status = await session.scalar(text("SELECT status FROM checkins"))
        assert status == "done"
        assert await session.scalar(text("SHOW synchronous_commit")) == "on"


async def test_a_durable_press_uses_the_sessions_pool_in_autocommit(sessions: Sessions) -> None:
    user, habit = await a_habit(sessions)
    durable = autocommit_engine(sessions, durable=True)
    assert durable.pool is sessions.kw["bind"].pool
    async with durable.connect() as conn:
        await press(conn, user, habit)
        assert await conn.scalar(text("SHOW synchronous_commit")) == "on"
    async with sessions() as session:
        assert await session.scalar(text("SELECT count(*) FROM checkins")) == 1


def test_presses_commit_async_unless_configured_durable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert CoachSettings().checkin_commit == "async"
    monkeypatch.setenv("COACH_CHECKIN_COMMIT", "durable")
    assert CoachSettings().checkin_commit == "durable"
