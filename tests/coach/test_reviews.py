"""Weekly review and monthly report: at the member's local time, once, with the week's figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from cryptography.fernet import Fernet

from bot.jobs import JobDeps, reviews_job
from bot.settings import load_settings
from coach.config import GeminiSettings
from coach.llm import CoachEngine
from coach.reminders import Sent
from coach.services import Services
from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.models import Checkin, Habit
from tests.coach.test_reminders import add_member

MONDAY_0900_BERLIN = datetime(2026, 6, 1, 7, 0, 30, tzinfo=UTC)  # also the 1st of the month


class Posts:
    """Records the posts the job sends."""

    def __init__(self) -> None:
        self.items: list[object] = []

    async def send_reminder(self, item: object) -> Sent:
        raise AssertionError("no reminders here")

    async def send_post(self, item: object) -> Sent:
        self.items.append(item)
        return Sent("sent", 1)


def deps_for(sessions: Sessions, posts: Posts, now: datetime) -> JobDeps:
    engine = CoachEngine(GeminiSettings(api_key=None), sessions)
    cipher = JournalCipher.from_setting(Fernet.generate_key().decode())
    coach = Services(sessions=sessions, engine=engine, cipher=cipher, clock=lambda: now)
    return JobDeps(sessions, load_settings(), coach=coach, sender=posts, clock=lambda: now)


async def test_weekly_review_and_monthly_report_once_at_local_0900(sessions: Sessions) -> None:
    user_id, habits = await add_member(sessions, "Europe/Berlin", 41, frequencies=("daily",))
    await add_member(sessions, "America/New_York", 42)  # 03:00 there: not yet
    async with sessions.begin() as session:
        goal_id = (await session.get(Habit, habits[0])).goal_id
        for offset in range(1, 5):  # done Thu..Sun of last week: 4 of 7
            session.add(Checkin(goal_id=goal_id, user_id=user_id, habit_id=habits[0],
                                day=date(2026, 6, 1) - timedelta(days=offset), status="done",
                                completed=True))  # fmt: skip
    posts = Posts()
    result = await reviews_job(deps_for(sessions, posts, MONDAY_0900_BERLIN), MONDAY_0900_BERLIN)
    assert result == {"weekly": {"sent": 1}, "monthly": {"sent": 1}}
    weekly, monthly = posts.items
    assert weekly.chat_id == 41 and weekly.kind == "weekly_review"
    assert weekly.text.startswith("Your week: 57% of planned check-ins done.")
    assert "habit daily: 57%" in weekly.text
    assert monthly.kind == "monthly_report" and monthly.text.startswith("Your May report:")
    later = MONDAY_0900_BERLIN + timedelta(minutes=10)
    again = await reviews_job(deps_for(sessions, posts, later), later)
    assert again == {"weekly": {}, "monthly": {}}
    tuesday = MONDAY_0900_BERLIN + timedelta(days=1)
    assert await reviews_job(deps_for(sessions, posts, tuesday), tuesday) == {
        "weekly": {},
        "monthly": {},
    }
    assert len(posts.items) == 2
