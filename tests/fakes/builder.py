"""Rows written straight to PostgreSQL for tests: members, goals, habits, check-ins, journals.

`Builder` (the `build` fixture) writes one kind of row at a time; `add_member` is the member
with one goal and its habits that the reminder and scheduler tests start from.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from storage.db import Sessions
from storage.models import Checkin, Goal, Habit, JournalEntry, User

LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Builder:
    """Writes members, goals, habits, check-ins and journal entries straight to PostgreSQL."""

    sessions: Sessions

    async def add(self, row: Any) -> Any:
        """Insert one row of any model and return it."""
        async with self.sessions.begin() as session:
            session.add(row)
        return row

    async def member(self, name: str, tz: str = "UTC", day_start_hour: int = 3, **kw: Any) -> User:
        """A member in time zone `tz`; `kw` sets any other column."""
        return await self.add(User(name=name, timezone=tz, day_start_hour=day_start_hour, **kw))

    async def goal(
        self, user: User, title: str, frequency: str | None = "daily", **kw: Any
    ) -> Goal:
        """A goal of `user`; `kw` sets any other column."""
        return await self.add(Goal(user_id=user.id, title=title, frequency=frequency, **kw))

    async def habits(
        self, goal: Goal, habits: Iterable[tuple[str, str]], created: datetime | None = None
    ) -> list[Habit]:
        """Habits (title, frequency) of `goal`, written together, created at `created` (else now)."""
        times = {"created_at": created, "updated_at": created} if created else {}
        rows = [Habit(goal_id=goal.id, title=t, frequency=f, **times) for t, f in habits]
        async with self.sessions.begin() as session:
            session.add_all(rows)
        return rows

    async def habit(
        self, goal: Goal, frequency: str, created: datetime | None = None, *,
        title: str | None = None,
    ) -> Habit:  # fmt: skip
        """One habit of `goal`, titled "<goal> habit" unless told."""
        (row,) = await self.habits(goal, [(title or f"{goal.title} habit", frequency)], created)
        return row

    async def checkin(self, habit: Habit, user: User, day: date, status: str = "done") -> Checkin:
        """A check-in of `habit` for `day` (completed when `status` is "done")."""
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
        """A journal entry whose text is never read (sync leaves it out)."""
        return await self.add(
            JournalEntry(user_id=user.id, text="gAAAA-not-read", sentiment_score=sentiment,
                         mood_tags=["tired"], created_at=created, updated_at=created)
        )  # fmt: skip


async def add_member(
    sessions: Sessions, zone: str, chat_id: int, *, frequencies: tuple[str, ...] = ("daily",),
    reminder: time = time(7, 0),
) -> tuple[uuid.UUID, list[uuid.UUID]]:  # fmt: skip
    """A member in `zone` with one goal and a habit per frequency, created long ago."""
    build = Builder(sessions)
    user = await build.member(zone, zone, telegram_chat_id=chat_id, reminder_time=reminder)
    goal = await build.goal(user, "Get fit", None, created_at=LONG_AGO)
    habits = await build.habits(goal, [(f"habit {f}", f) for f in frequencies], LONG_AGO)
    return user.id, [h.id for h in habits]
