"""Morning reminders: one per member at their own 07:00, across DST, quiet hours, never late."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from coach.scheduled.delivery import Sent, deliver
from coach.scheduled.reminders import DueReminder, QuietHours, due, send_due_reminders
from storage.db import Sessions
from storage.models import Checkin, Habit, ReminderSent, User
from tests.fakes.builder import LONG_AGO, add_member

ZONES = ("UTC", "Europe/Berlin", "Asia/Kolkata", "America/New_York")


class Recorder:
    """A send function that records what it was given and when (the simulated clock)."""

    def __init__(self) -> None:
        self.items: list[tuple[datetime, DueReminder]] = []
        self.now = LONG_AGO

    async def __call__(self, item: DueReminder) -> Sent:
        self.items.append((self.now, item))
        return Sent("sent", len(self.items))


async def tick_through(sessions: Sessions, send: Recorder, start: datetime, days: int) -> None:
    """Run the reminder tick every 15 minutes (the window) from `start` for `days` days."""
    moment = start
    while moment < start + timedelta(days=days):
        send.now = moment
        await send_due_reminders(sessions, send, now=moment, window=timedelta(minutes=15))
        moment += timedelta(minutes=15)


def local_times(send: Recorder, zone: str) -> list[datetime]:
    return [at.astimezone(ZoneInfo(zone)) for at, item in send.items if item.name == zone]


@pytest.mark.slow
async def test_each_zone_gets_one_reminder_at_its_0700_across_dst(sessions: Sessions) -> None:
    for i, zone in enumerate(ZONES):
        await add_member(sessions, zone, 100 + i)
    send = Recorder()
    # Berlin leaves summer time on 2026-10-25, New York on 2026-11-01.
    await tick_through(sessions, send, datetime(2026, 10, 24, tzinfo=UTC), 3)
    await tick_through(sessions, send, datetime(2026, 10, 31, tzinfo=UTC), 3)
    for zone in ZONES:
        times = local_times(send, zone)
        assert len(times) == 6, (zone, times)
        assert {(t.hour, t.minute) for t in times} == {(7, 0)}, (zone, times)
        assert len({t.date() for t in times}) == 6
    berlin = [at for at, item in send.items if item.name == "Europe/Berlin"]
    assert [at.hour for at in berlin[:3]] == [5, 6, 6]  # CEST, then CET from the 25th
    new_york = [at for at, item in send.items if item.name == "America/New_York"]
    assert [at.hour for at in new_york[3:]] == [11, 12, 12]  # EDT, then EST from Nov 1st


@pytest.mark.slow
async def test_a_reminder_in_the_skipped_hour_comes_an_hour_later_that_day(
    sessions: Sessions,
) -> None:
    """Berlin skips 02:00-03:00 on 2027-03-28 and repeats 02:00-03:00 on 2026-10-25."""
    await add_member(sessions, "Europe/Berlin", 230, reminder=time(2, 30))
    send = Recorder()
    await tick_through(sessions, send, datetime(2027, 3, 27, tzinfo=UTC), 3)
    await tick_through(sessions, send, datetime(2026, 10, 24, tzinfo=UTC), 3)
    times = sorted(local_times(send, "Europe/Berlin"))
    assert [(t.date().isoformat(), t.hour, t.minute) for t in times] == [
        ("2026-10-24", 2, 30), ("2026-10-25", 2, 30), ("2026-10-26", 2, 30),  # once, not twice
        ("2027-03-27", 2, 30), ("2027-03-28", 3, 30), ("2027-03-29", 2, 30),
    ]  # fmt: skip


async def test_a_0700_reminder_never_arrives_at_noon(sessions: Sessions) -> None:
    await add_member(sessions, "Europe/Berlin", 7)
    async with sessions() as session:
        late = [r async for r in due(session, now=datetime(2026, 6, 1, 10, 0, tzinfo=UTC))]
        on_time = [r async for r in due(session, now=datetime(2026, 6, 1, 5, 14, tzinfo=UTC))]
    assert late == []
    assert [r.chat_id for r in on_time] == [7]


async def test_only_open_habits_are_listed_and_done_members_get_nothing(sessions: Sessions) -> None:
    user_id, habits = await add_member(sessions, "UTC", 1, frequencies=("daily", "weekdays"))
    other_id, others = await add_member(sessions, "UTC", 2)
    monday = date(2026, 6, 1)
    async with sessions.begin() as session:
        session.add(Checkin(goal_id=(await session.get(Habit, habits[0])).goal_id,
                            user_id=user_id, habit_id=habits[0], day=monday, status="done",
                            completed=True))  # fmt: skip
        session.add(Checkin(goal_id=(await session.get(Habit, others[0])).goal_id,
                            user_id=other_id, habit_id=others[0], day=monday, status="skipped"))  # fmt: skip
    async with sessions() as session:
        items = [r async for r in due(session, now=datetime(2026, 6, 1, 7, 0, tzinfo=UTC))]
    assert [(r.chat_id, [h.title for h in r.habits]) for r in items] == [(1, ["habit weekdays"])]
    async with sessions() as session:  # Saturday: the weekdays habit is not due
        saturday = [r async for r in due(session, now=datetime(2026, 6, 6, 7, 0, tzinfo=UTC))]
    assert sorted((r.chat_id, len(r.habits)) for r in saturday) == [(1, 1), (2, 1)]


async def test_weekly_habit_is_not_due_once_its_quota_is_met(sessions: Sessions) -> None:
    user_id, habits = await add_member(sessions, "UTC", 3, frequencies=("weekly:2",))
    async with sessions.begin() as session:
        goal_id = (await session.get(Habit, habits[0])).goal_id
        for day in (date(2026, 6, 1), date(2026, 6, 2)):
            session.add(Checkin(goal_id=goal_id, user_id=user_id, habit_id=habits[0], day=day,
                                status="done", completed=True))  # fmt: skip
    async with sessions() as session:
        wednesday = [r async for r in due(session, now=datetime(2026, 6, 3, 7, 0, tzinfo=UTC))]
        next_monday = [r async for r in due(session, now=datetime(2026, 6, 8, 7, 0, tzinfo=UTC))]
    assert wednesday == []
    assert len(next_monday) == 1


@pytest.mark.slow
async def test_quiet_hours_move_the_reminder_to_their_end(sessions: Sessions) -> None:
    await add_member(sessions, "Asia/Kolkata", 9)
    quiet = QuietHours(time(22, 0), time(8, 0))
    send = Recorder()
    moment = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    while moment < datetime(2026, 6, 2, tzinfo=UTC):
        send.now = moment
        await send_due_reminders(sessions, send, now=moment, quiet=quiet)
        moment += timedelta(minutes=15)
    assert [(t.hour, t.minute) for t in local_times(send, "Asia/Kolkata")] == [(8, 0)]


async def test_inactive_members_and_bad_time_zones_are_skipped(sessions: Sessions) -> None:
    await add_member(sessions, "UTC", 11)
    gone, _ = await add_member(sessions, "UTC", 12)
    await add_member(sessions, "Mars/Olympus_Mons", 13)
    async with sessions.begin() as session:
        (await session.get(User, gone)).active = False
    async with sessions() as session:
        items = [r async for r in due(session, now=datetime(2026, 6, 1, 7, 5, tzinfo=UTC))]
    assert [r.chat_id for r in items] == [11]


async def test_the_claim_row_is_written_and_a_failure_does_not_stop_the_batch(
    sessions: Sessions,
) -> None:
    for chat in (21, 22, 23):
        await add_member(sessions, "UTC", chat)

    async def flaky(item: DueReminder) -> Sent:
        if item.chat_id == 22:
            raise RuntimeError("network down")
        return Sent("blocked" if item.chat_id == 23 else "sent", 5)

    now = datetime(2026, 6, 1, 7, 1, tzinfo=UTC)
    counts = await send_due_reminders(sessions, flaky, now=now)
    assert counts == Counter({"sent": 1, "failed": 1, "blocked": 1})
    async with sessions() as session:
        rows = (await session.execute(select(ReminderSent.status))).scalars().all()
        active = dict((await session.execute(select(User.telegram_chat_id, User.active))).all())
    assert sorted(rows) == ["blocked", "failed", "sent"]
    assert active == {21: True, 22: True, 23: False}
    again = await send_due_reminders(sessions, flaky, now=now + timedelta(minutes=1))
    assert again == Counter()


@pytest.mark.slow
async def test_sending_stops_after_the_window_and_leaves_the_rest_unclaimed(
    sessions: Sessions,
) -> None:
    for chat in (31, 32, 33):
        await add_member(sessions, "UTC", chat)

    async def slow(item: DueReminder) -> Sent:
        await asyncio.sleep(0.3)
        return Sent("sent", 1)

    now = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    async with sessions() as session:
        counts = await deliver(sessions, due(session, now=now), slow, concurrency=1,
                               budget=timedelta(seconds=0.1))  # fmt: skip
    assert counts == Counter({"sent": 1, "expired": 2})
    async with sessions() as session:
        assert len((await session.execute(select(ReminderSent))).scalars().all()) == 1
    later = await send_due_reminders(sessions, slow, now=now + timedelta(minutes=1))
    assert later == Counter({"sent": 2})  # still within their window: the next tick sends them
