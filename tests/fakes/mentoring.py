"""A small mentoring world for tests: mentors, patients with plans, check-ins and journals.

Also `WarehouseDouble`, a stand-in for sync.analytics.Analytics with figures given by the test
(the mentor side reads analytics only through mentor.analytics.AnalyticsSource).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from cryptography.fernet import Fernet

from coach.config import GeminiSettings
from coach.llm import CoachEngine
from mentor.services import MentorServices
from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.journal import add_entry
from storage.models import Goal, Habit, Mentor, User
from tests.fakes.builder import Builder

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
_telegram_ids = iter(range(5_000_001, 6_000_000))


@dataclass
class Figures:
    """One patient's warehouse row (the fields of sync.analytics.PatientAnalytics)."""

    user_id: uuid.UUID
    name: str | None = None
    adherence_7d: float | None = 90.0  # percent, as the warehouse keeps it
    adherence_30d: float | None = 85.0
    adherence_90d: float | None = 80.0
    current_streak: int | None = 4
    longest_streak: int | None = 9
    last_completion: date | None = None
    risk_level: str | None = "low"
    risk_score: float | None = 0.1
    missed_count_3d: int | None = 0
    missed_count_7d: int | None = 1
    last_checkin_days_ago: int | None = 0
    mood_trend: float | None = 0.1
    computed_at: datetime | None = NOW - timedelta(minutes=30)


@dataclass
class WarehouseDouble:
    """Answers like the analytics reader; `down=True` makes every call fail like a dead link."""

    figures: dict[uuid.UUID, Figures] = field(default_factory=dict)
    synced_at: datetime | None = NOW - timedelta(minutes=12)
    down: bool = False

    async def for_patients(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Figures]:
        self._check()
        return {u: self.figures[u] for u in user_ids if u in self.figures}

    async def dashboard(self, user_ids: Iterable[uuid.UUID]) -> list[Figures]:
        self._check()
        rows = [self.figures[u] for u in user_ids if u in self.figures]
        return sorted(rows, key=lambda f: (-(f.risk_score or 0), f.adherence_7d or 0))

    async def last_sync(self) -> datetime | None:
        self._check()
        return self.synced_at

    def _check(self) -> None:
        if self.down:
            raise ConnectionError("warehouse unreachable")


def cipher() -> JournalCipher:
    """A fresh journal cipher."""
    return JournalCipher([Fernet.generate_key().decode()])


def services(sessions: Sessions, **overrides: object) -> MentorServices:
    """Mentor services with the offline coach engine and a fixed clock."""
    engine = CoachEngine(GeminiSettings(), sessions, clock=lambda: NOW)
    values: dict[str, object] = {"sessions": sessions, "engine": engine, "cipher": cipher(),
                                 "clock": lambda: NOW}  # fmt: skip
    values.update(overrides)
    return MentorServices(**values)  # type: ignore[arg-type]


async def add_mentor(sessions: Sessions, slack_user_id: str, name: str) -> Mentor:
    """A registered, active mentor."""
    return await Builder(sessions).add(Mentor(name=name, slack_user_id=slack_user_id))


async def add_patient(
    sessions: Sessions,
    mentor: Mentor | None,
    name: str,
    username: str | None = None,
    *,
    share_journal_text: bool = False,
    consent: bool = True,
) -> User:
    """A member with a Telegram identity, assigned to `mentor` (with consent unless told not)."""
    telegram_id = next(_telegram_ids)
    return await Builder(sessions).member(
        name, telegram_username=username, telegram_user_id=telegram_id,
        telegram_chat_id=telegram_id, mentor_id=mentor.id if mentor else None,
        mentor_consent_at=NOW - timedelta(days=10) if consent and mentor else None,
        share_journal_text=share_journal_text,
    )  # fmt: skip


async def add_plan(
    sessions: Sessions, user: User, title: str, habits: list[tuple[str, str]],
    *, since: datetime | None = None,
) -> tuple[Goal, list[Habit]]:  # fmt: skip
    """An active goal with habits (title, frequency), started `since` (default: now)."""
    build = Builder(sessions)
    goal = await build.goal(user, title, "weekly", category="fitness")
    return goal, await build.habits(goal, habits, since)


async def add_checkins(sessions: Sessions, user: User, habit: Habit, statuses: list[str]) -> None:
    """One check-in per day going back from NOW's date, newest first."""
    build = Builder(sessions)
    for back, status in enumerate(statuses):
        await build.checkin(habit, user, NOW.date() - timedelta(days=back), status)


async def add_journal(
    services: MentorServices, user: User, text: str, sentiment: float, tags: list[str]
) -> None:
    """An encrypted journal entry."""
    async with services.sessions.begin() as session:
        await add_entry(session, cipher=services.cipher, user_id=user.id, text=text,
                        sentiment_score=sentiment, mood_tags=tags)  # fmt: skip
