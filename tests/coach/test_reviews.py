"""Weekly review and monthly report: at the member's local time, once, with the week's figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.jobs import JobDeps, reviews_job
from bot.settings import load_settings
from coach.config import GeminiSettings
from coach.llm import CoachEngine
from coach.scheduled.delivery import Sent
from coach.scheduled.easier_plans import EasierPlan, easier_frequency
from coach.scheduled.reviews import slots
from coach.services import Services
from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.models import Checkin, Group, GroupMembership, Habit, PlanSuggestion
from tests.fakes.builder import LONG_AGO, Builder, add_member

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

    async def send_suggestion(self, item: object) -> Sent:
        self.items.append(item)
        return Sent("sent", 2)


def deps_for(sessions: Sessions, posts: Posts, now: datetime) -> JobDeps:
    engine = CoachEngine(GeminiSettings(api_key=None), sessions)
    cipher = JournalCipher.from_setting(Fernet.generate_key().decode())
    coach = Services(sessions=sessions, engine=engine, cipher=cipher, clock=lambda: now)
    return JobDeps(sessions, load_settings(), coach=coach, sender=posts, clock=lambda: now)


@pytest.mark.slow
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
    assert result == {"weekly": {"sent": 1}, "monthly": {"sent": 1}, "groups": {}}
    weekly, monthly = posts.items
    assert weekly.chat_id == 41 and weekly.kind == "weekly_review"
    assert weekly.text.startswith("Your week: 57% of planned check-ins done.")
    assert "habit daily: 57%" in weekly.text
    assert monthly.kind == "monthly_report" and monthly.text.startswith("Your May report:")
    later = MONDAY_0900_BERLIN + timedelta(minutes=10)
    again = await reviews_job(deps_for(sessions, posts, later), later)
    assert again == {"weekly": {}, "monthly": {}, "groups": {}}
    tuesday = MONDAY_0900_BERLIN + timedelta(days=1)
    nothing = {"weekly": {}, "monthly": {}, "groups": {}}
    assert await reviews_job(deps_for(sessions, posts, tuesday), tuesday) == nothing
    assert len(posts.items) == 2


def test_easier_frequencies() -> None:
    assert [easier_frequency(f) for f in ("daily", "weekdays", "weekly:3", "days:mon,thu",
                                          "weekly:1")] == ["weekly:4", "weekly:3", "weekly:2",
                                                           "weekly:1", None]  # fmt: skip


async def test_a_goal_under_half_two_weeks_running_gets_an_easier_plan_once(
    sessions: Sessions,
) -> None:
    user_id, habits = await add_member(sessions, "UTC", 51, frequencies=("daily", "weekdays"))
    async with sessions.begin() as session:
        goal_id = (await session.get(Habit, habits[0])).goal_id
        for offset in (2, 9):  # one done day in each of the last two weeks
            session.add(Checkin(goal_id=goal_id, user_id=user_id, habit_id=habits[0],
                                day=date(2026, 6, 1) - timedelta(days=offset), status="done",
                                completed=True))  # fmt: skip
    monday = datetime(2026, 6, 1, 9, 0, 30, tzinfo=UTC)
    posts = Posts()
    result = await reviews_job(deps_for(sessions, posts, monday), monday)
    assert result["weekly"] == {"sent": 1}
    review, suggestion = posts.items[:2]  # then June 1st's monthly report
    assert review.kind == "weekly_review"
    assert isinstance(suggestion, EasierPlan) and suggestion.chat_id == 51
    assert len(suggestion.changes) == 2
    async with sessions() as session:
        row = (await session.execute(select(PlanSuggestion))).scalar_one()
    assert (row.status, row.origin, row.goal_id) == ("pending", "weekly_review", goal_id)
    assert sorted(h["frequency"] for h in row.patch["habits"]) == ["weekly:3", "weekly:4"]
    next_monday = monday + timedelta(days=7)
    await reviews_job(deps_for(sessions, posts, next_monday), next_monday)
    async with sessions() as session:  # still pending: no second suggestion for that goal
        assert len((await session.execute(select(PlanSuggestion))).scalars().all()) == 1


@pytest.mark.slow
async def test_group_recap_once_at_0900_group_time(sessions: Sessions) -> None:
    members = [await add_member(sessions, "UTC", chat) for chat in (61, 62)]
    async with sessions.begin() as session:
        group = Group(telegram_chat_id=-100123, title="Morning runners", timezone="Asia/Kolkata")
        session.add(group)
        await session.flush()
        session.add_all([GroupMembership(group_id=group.id, user_id=u) for u, _ in members])
        user_id, habits = members[0]
        goal_id = (await session.get(Habit, habits[0])).goal_id
        session.add(Checkin(goal_id=goal_id, user_id=user_id, habit_id=habits[0],
                            day=date(2026, 5, 30), status="done", completed=True))  # fmt: skip
    kolkata_0900 = datetime(2026, 6, 1, 3, 30, 10, tzinfo=UTC)
    posts = Posts()
    result = await reviews_job(deps_for(sessions, posts, kolkata_0900), kolkata_0900)
    assert result == {"weekly": {}, "monthly": {}, "groups": {"sent": 1}}
    (recap,) = posts.items
    assert recap.chat_id == -100123 and recap.text
    again = await reviews_job(deps_for(sessions, posts, kolkata_0900), kolkata_0900)
    assert again["groups"] == {"duplicate": 1}
    tuesday = kolkata_0900 + timedelta(days=1)
    assert (await reviews_job(deps_for(sessions, posts, tuesday), tuesday))["groups"] == {}


async def test_a_post_time_near_midnight_matches_across_it(sessions: Sessions) -> None:
    await add_member(sessions, "UTC", 71)
    at, window = time(23, 55), timedelta(minutes=15)
    async with sessions() as session:
        before = [s async for s in slots(session, now=datetime(2026, 6, 1, 23, 50, tzinfo=UTC),
                                         at=at, window=window, kind="weekly_review")]  # fmt: skip
        after = [s async for s in slots(session, now=datetime(2026, 6, 2, 0, 5, tzinfo=UTC),
                                        at=at, window=window, kind="weekly_review")]  # fmt: skip
    assert before == []
    assert [s.chat_id for s in after] == [71]


async def test_a_spanish_members_easier_plan_is_written_in_spanish(sessions: Sessions) -> None:
    build = Builder(sessions)
    ana = await build.member("Ana", "UTC", telegram_chat_id=52, language="es")
    goal = await build.goal(ana, "Correr más", None, created_at=LONG_AGO)
    await build.habits(goal, [("Correr", "daily")], LONG_AGO)
    monday = datetime(2026, 6, 1, 9, 0, 30, tzinfo=UTC)
    posts = Posts()
    await reviews_job(deps_for(sessions, posts, monday), monday)
    (plan,) = [item for item in posts.items if isinstance(item, EasierPlan)]
    assert plan.language == "es"
    assert plan.summary == "Un plan más ligero para «Correr más» durante las próximas semanas"
    assert plan.changes == ["Hábito «Correr»: frecuencia todos los días → 4 veces por semana"]
