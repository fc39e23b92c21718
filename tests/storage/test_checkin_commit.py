"""The press statement's commit: without the flush wait only for its own transaction."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import asyncpg
import pytest

from coach.config import CoachSettings
from storage.checkins import record_and_read
from storage.db import Sessions

TODAY = date(2026, 6, 1)


@pytest.fixture
async def conn(database_url: str, sessions: Sessions) -> AsyncIterator[asyncpg.Connection]:
    """A plain asyncpg connection on the emptied test database."""
    connection = await asyncpg.connect(database_url)
    yield connection
    await connection.close()


async def a_habit(conn: asyncpg.Connection) -> tuple[uuid.UUID, uuid.UUID]:
    """(member id, habit id) of a member with one active daily habit."""
    user = await conn.fetchval(
        "INSERT INTO users (name, timezone) VALUES ('Ana', 'UTC') RETURNING id"
    )
    goal = await conn.fetchval(
        "INSERT INTO goals (user_id, title) VALUES ($1, 'Run') RETURNING id", user
    )
    habit = await conn.fetchval(
        "INSERT INTO habits (goal_id, title, frequency) VALUES ($1, 'Run', 'daily') RETURNING id",
        goal,
    )
    return user, habit


async def press(conn: asyncpg.Connection, user: uuid.UUID, habit: uuid.UUID, *, wait: bool) -> str:
    """Record a press; the synchronous_commit it committed with."""
    done = await record_and_read(
        conn, user_id=user, habit_id=habit, day=TODAY, status="done", source="button", note=None,
        focus_since=TODAY - timedelta(days=400), since=TODAY, wait_for_flush=wait,
    )  # fmt: skip
    assert done.recorded and done.commit is not None
    return done.commit


async def test_an_async_press_commits_without_the_flush_wait_and_leaves_the_session_alone(
    conn: asyncpg.Connection,
) -> None:
    user, habit = await a_habit(conn)
    assert await press(conn, user, habit, wait=False) == "off"
    assert await conn.fetchval("SHOW synchronous_commit") == "on"  # reverted at that commit
    assert await conn.fetchval("SELECT status FROM checkins WHERE habit_id = $1", habit) == "done"


async def test_a_durable_press_keeps_whatever_the_session_commits_with(
    conn: asyncpg.Connection,
) -> None:
    user, habit = await a_habit(conn)
    assert await press(conn, user, habit, wait=True) == "on"
    await conn.execute("SET synchronous_commit = remote_write")  # e.g. an operator's role setting
    assert await press(conn, user, habit, wait=True) == "remote_write"


def test_presses_commit_async_unless_configured_durable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert CoachSettings().checkin_commit == "async"
    monkeypatch.setenv("COACH_CHECKIN_COMMIT", "durable")
    assert CoachSettings().checkin_commit == "durable"
