"""A habit's first day is stored once: a time-zone change moves future days only (#15)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from coach import checkins, members, plans, progress
from coach.checkins import CheckinOutcome
from storage.db import Sessions
from tests.fakes.builder import Builder
from tests.handlers.telegram.harness import Clock, make_services


async def test_the_database_fills_first_day_from_creation_in_the_owners_zone(
    build: Builder, sessions: Sessions
) -> None:
    ada = await build.member("Ada", tz="America/New_York", day_start_hour=3)
    goal = await build.goal(ada, "Read")
    # 02:30 UTC on the 2nd is 21:30 on the 1st in New York
    habit = await build.habit(goal, "daily", datetime(2026, 11, 2, 2, 30, tzinfo=UTC))
    async with sessions() as session:
        stored = await session.scalar(
            text("SELECT first_day FROM habits WHERE id = :id"), {"id": habit.id}
        )
    assert stored == date(2026, 11, 1) == habit.first_day


@pytest.mark.slow
async def test_moving_from_new_york_to_tokyo_keeps_history(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 2, 2, 30, tzinfo=UTC))  # 21:30 on the 1st in New York
    services = make_services(sessions, clock)
    welcome = await members.start_telegram(
        services, telegram_user_id=91, chat_id=91, name="Ada", username=None
    )
    await members.set_timezone(services, user_id=welcome.member.id, text="New York")
    member = await members.get(services, user_id=welcome.member.id)
    draft = await plans.draft(services, member=member, text="I want to read 20 pages every day")
    await plans.save(services, user_id=member.id, draft_id=draft.draft_id)
    (due,) = await checkins.due_today(services, member=member)
    assert due.day == date(2026, 11, 1)
    for back in range(5):
        if back:
            clock.advance(days=1)
        result = await checkins.record(
            services, member=member, habit_id=due.habit_id,
            day=members.today(services, member), status="done",
        )  # fmt: skip
        assert isinstance(result, CheckinOutcome)
    before = await progress.progress(services, member=member)
    assert before.adherence_7d == 1.0 and before.habits[0].score.streak == 5
    await members.set_timezone(services, user_id=member.id, text="Tokyo")
    moved = await members.get(services, user_id=member.id)
    assert members.today(services, moved) == members.today(services, member) + timedelta(days=1)
    (habit, _, figures), *_ = await checkins.habit_scores(services, member=moved)
    assert checkins.habit_start(habit, moved) == date(2026, 11, 1)  # not 2 Nov, as Tokyo says
    after = await progress.progress(services, member=moved)
    # the five done days stay; only the new, still open Tokyo day is added
    assert figures.streak == 5 and after.habits[0].score.streak == 5
    assert after.adherence_7d == 5 / 6
