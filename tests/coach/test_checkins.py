"""Check-ins in the core: the member's day, backfill, one row per day, undo, milestones once."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from coach import checkins, members, plans
from coach.checkins import CheckinOutcome, CheckinRefused
from coach.members import Member
from coach.services import Services
from storage.db import Sessions
from storage.models import Checkin, Habit
from tests.handlers.telegram.harness import Clock, make_services


async def _member_with_habit(
    services: Services, text: str = "I want to read 20 pages every day"
) -> tuple[Member, object]:
    welcome = await members.start_telegram(
        services, telegram_user_id=77, chat_id=77, name="Ada", username=None
    )
    await members.set_timezone(services, user_id=welcome.member.id, text="Berlin")
    member = await members.get(services, user_id=welcome.member.id)
    assert member is not None
    draft = await plans.draft(services, member=member, text=text)
    assert isinstance(draft, plans.PlanDraft)
    saved = await plans.save(services, user_id=member.id, draft_id=draft.draft_id)
    assert isinstance(saved, plans.GoalSaved)
    (due,) = await checkins.due_today(services, member=member)
    return member, due


async def test_a_check_in_at_half_past_one_counts_for_yesterday(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    services = make_services(sessions, clock)
    member, due = await _member_with_habit(services)
    clock.now = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)  # 01:30 in Berlin
    assert members.today(services, member) == date(2026, 11, 25)
    (still_due,) = await checkins.due_today(services, member=member)
    assert still_due.day == date(2026, 11, 25) == due.day
    result = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=still_due.day, status="done"
    )
    assert isinstance(result, CheckinOutcome) and result.day == date(2026, 11, 25)


async def test_backfill_reaches_back_the_configured_days_only(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    services = make_services(sessions, clock, backfill_days=2)
    member, due = await _member_with_habit(services)
    clock.advance(days=5)
    today = members.today(services, member)
    for back, ok in ((1, True), (2, True), (3, False)):
        result = await checkins.record(
            services,
            member=member,
            habit_id=due.habit_id,
            day=today - timedelta(days=back),
            status="done",
        )
        assert isinstance(result, CheckinOutcome) is ok, (back, result)
    assert result == CheckinRefused("too_old")


async def test_pressing_again_changes_the_row_and_undo_restores_it(sessions: Sessions) -> None:
    clock = Clock()
    services = make_services(sessions, clock)
    member, due = await _member_with_habit(services)
    first = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=due.day, status="done"
    )
    second = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=due.day, status="skipped"
    )
    assert isinstance(first, CheckinOutcome) and first.previous is None
    assert isinstance(second, CheckinOutcome) and second.previous == "done"
    await checkins.undo(
        services, member=member, habit_id=due.habit_id, day=due.day, previous="done"
    )
    async with sessions() as session:
        rows = (await session.scalars(select(Checkin))).all()
    assert [(r.status, r.completed) for r in rows] == [("done", True)]
    await checkins.undo(services, member=member, habit_id=due.habit_id, day=due.day, previous=None)
    async with sessions() as session:
        assert (await session.scalars(select(Checkin))).all() == []


async def test_a_seven_day_streak_is_celebrated_once(sessions: Sessions) -> None:
    clock = Clock()
    services = make_services(sessions, clock)
    member, due = await _member_with_habit(services)
    cheers = []
    for _ in range(7):
        day = members.today(services, member)
        result = await checkins.record(
            services, member=member, habit_id=due.habit_id, day=day, status="done"
        )
        assert isinstance(result, CheckinOutcome)
        cheers.append(result.milestone)
        clock.advance(days=1)
    assert cheers == [None] * 6 + [7]
    again = await checkins.record(
        services, member=member, habit_id=due.habit_id, day=day, status="done"
    )
    assert isinstance(again, CheckinOutcome) and again.score.streak == 7 and again.milestone is None


async def test_a_weekly_habit_is_not_due_once_its_quota_is_met(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # Monday
    services = make_services(sessions, clock)
    member, due = await _member_with_habit(services, "I want to go to the gym 2 times a week")
    assert due.frequency == "weekly:2"
    for _ in range(2):
        await checkins.record(
            services,
            member=member,
            habit_id=due.habit_id,
            day=members.today(services, member),
            status="done",
        )
        clock.advance(days=1)
    assert await checkins.due_today(services, member=member) == []
    clock.advance(days=5)  # next Monday
    assert len(await checkins.due_today(services, member=member)) == 1


async def test_saving_a_draft_twice_stores_one_goal(sessions: Sessions) -> None:
    from storage.models import Goal

    services = make_services(sessions, Clock())
    welcome = await members.start_telegram(
        services, telegram_user_id=5, chat_id=5, name=None, username=None
    )
    draft = await plans.draft(
        services, member=welcome.member, text="I want to meditate every morning"
    )
    assert isinstance(draft, plans.PlanDraft)
    first = await plans.save(services, user_id=welcome.member.id, draft_id=draft.draft_id)
    second = await plans.save(services, user_id=welcome.member.id, draft_id=draft.draft_id)
    assert first == second
    assert (
        await plans.cancel(services, user_id=welcome.member.id, draft_id=draft.draft_id)
        == plans.DraftGone()
    )
    async with sessions() as session:
        assert len((await session.scalars(select(Goal))).all()) == 1


async def test_presses_racing_on_day_seven_celebrate_it_once(sessions: Sessions) -> None:
    clock = Clock()
    services = make_services(sessions, clock)
    member, due = await _member_with_habit(services)
    for _ in range(6):
        day = members.today(services, member)
        await checkins.record(services, member=member, habit_id=due.habit_id, day=day,
                              status="done")  # fmt: skip
        clock.advance(days=1)
    day = members.today(services, member)
    results = await asyncio.gather(
        *(
            checkins.record(services, member=member, habit_id=due.habit_id, day=day, status="done")
            for _ in range(8)
        )
    )  # fmt: skip  (a double tap, and then some, each seeing streak 7)
    cheers = [r.milestone for r in results if isinstance(r, CheckinOutcome)]
    assert len(cheers) == 8 and cheers.count(7) == 1 and cheers.count(None) == 7
    async with sessions() as session:
        (habit,) = (await session.scalars(select(Habit))).all()
    assert habit.schedule["celebrated"] == [7]
