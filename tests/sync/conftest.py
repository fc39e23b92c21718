"""Sync fixtures: a fresh warehouse database per test on the run's one emulator (sync_data_dir).

The emulator is the real fakesnow server on loopback, reached by the real connector; each
test gets its own database name, so its DuckDB file starts empty.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from storage.db import Sessions
from storage.models import Checkin, Goal, Habit, JournalEntry, User
from sync.config import SnowflakeSettings, SyncSettings
from sync.warehouse import connect


@pytest.fixture
def wh_settings(monkeypatch: pytest.MonkeyPatch) -> SnowflakeSettings:
    """Emulator settings naming a database of this test's own."""
    for name in ("SNOWFLAKE_ACCOUNT", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA", "SNOWFLAKE_HOST"):
        monkeypatch.delenv(name, raising=False)
    return SnowflakeSettings(database=f"T_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def sync_settings(monkeypatch: pytest.MonkeyPatch) -> SyncSettings:
    """Sync settings with no settle margin (test rows are final at once)."""
    for name in ("SYNC_SETTLE_SECONDS", "SYNC_INCLUDE_JOURNAL_TEXT", "SYNC_MAX_ROWS_PER_RUN"):
        monkeypatch.delenv(name, raising=False)
    return SyncSettings(settle_seconds=0)


@pytest.fixture
def read_warehouse(wh_settings: SnowflakeSettings, sync_data_dir: Path):
    """Run one query on the test's warehouse (a fresh session each time)."""

    async def query(sql: str, params: Any = None) -> list[tuple]:
        def run() -> list[tuple]:
            warehouse = connect(wh_settings, sync_data_dir)
            try:
                return warehouse.execute(sql, params)
            finally:
                warehouse.close()

        return await asyncio.to_thread(run)

    return query


@dataclass
class Builder:
    """Writes members, goals, habits, check-ins and journal entries straight to PostgreSQL."""

    sessions: Sessions

    async def add(self, row: Any) -> Any:
        async with self.sessions.begin() as session:
            session.add(row)
        return row

    async def member(self, name: str, tz: str = "UTC", day_start_hour: int = 3, **kw: Any) -> User:
        return await self.add(User(name=name, timezone=tz, day_start_hour=day_start_hour, **kw))

    async def goal(
        self, user: User, title: str, frequency: str | None = "daily", **kw: Any
    ) -> Goal:
        return await self.add(Goal(user_id=user.id, title=title, frequency=frequency, **kw))

    async def habit(self, goal: Goal, frequency: str, created: datetime, **kw: Any) -> Habit:
        return await self.add(
            Habit(goal_id=goal.id, title=f"{goal.title} habit", frequency=frequency,
                  created_at=created, updated_at=created, **kw)
        )  # fmt: skip

    async def checkin(self, habit: Habit, user: User, day: date, status: str = "done") -> Checkin:
        return await self.add(
            Checkin(goal_id=habit.goal_id, user_id=user.id, habit_id=habit.id, day=day,
                    status=status, completed=status == "done")
        )  # fmt: skip

    async def seed_checkin(self, goal: Goal, user: User, created: datetime, done: bool) -> Checkin:
        """A row from the older system: goal, user, completed and times only."""
        return await self.add(
            Checkin(goal_id=goal.id, user_id=user.id, completed=done, created_at=created,
                    updated_at=created)
        )  # fmt: skip

    async def journal(self, user: User, created: datetime, sentiment: float) -> JournalEntry:
        return await self.add(
            JournalEntry(user_id=user.id, text="gAAAA-not-read", sentiment_score=sentiment,
                         mood_tags=["tired"], created_at=created, updated_at=created)
        )  # fmt: skip


@pytest.fixture
def build(sessions: Sessions) -> Builder:
    """A builder on this test's emptied database."""
    return Builder(sessions)


@pytest.fixture
def sync_once(sessions: Sessions, wh_settings: SnowflakeSettings, sync_settings: SyncSettings,
              sync_data_dir: Path):  # fmt: skip
    """Run one sync pass against the test's warehouse."""
    from sync.pipeline import run_sync

    async def run(**kw: Any):
        return await run_sync(sessions, wh_settings, sync_settings, sync_data_dir, **kw)

    return run
