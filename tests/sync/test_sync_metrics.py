"""Warehouse metrics on a small hand-computed dataset, and equal to coach.schedule's figures.

As of Sunday 2026-11-15 10:00 UTC (every member's "today" is Nov 15):
- Ann (Berlin): daily habit done Nov 2–14 except Nov 9 (missed); weekday habit done Nov 2–6,
  9, 10. 7d: 7/12 = 58.33 %; 30d: 19/24 = 79.17 %; streak 13 (Nov 2–14), missed 2 in 3 days
  (weekday habit Thu, Fri) and 4 in 7 days, adherence drop 20.8 points → 0.30+0.20+0.15 = 0.65 high.
- Ben (New York): "weekly:3" done Nov 3, 5, 7, 10–13: 3 due a week, the 4th capped → 100 %;
  longest run 4, current 0; mood 0.5 → -0.1 (drop 0.6) → 0.15 low.
- Chie (Tokyo): the older system's rows (goal, no habit, no day) from Nov 10; one made at
  01:30 local on Nov 11 counts for Nov 10. 7d: 3 of 6 = 50 %; missed 2 in 3 days → 0.30 medium.
- Dan: no habits, an open safety flag → high (a crisis flag always is), score 0.5.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from coach.schedule import HabitDays, adherence, parse_frequency
from storage.calendar_rules import warehouse_frequency
from storage.models import SafetyEvent
from sync.analytics import Analytics

AS_OF = datetime(2026, 11, 15, 10, 0, tzinfo=UTC)
NOV = [date(2026, 11, d) if d else None for d in range(31)]


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@pytest.fixture
async def dataset(build, sessions):
    """Write the four members above; return what the Python-side check needs."""
    ann = await build.member("Ann", "Europe/Berlin")
    run = await build.habit(await build.goal(ann, "Run"), "daily", utc(2, 8))
    desk = await build.habit(await build.goal(ann, "Desk"), "weekdays", utc(2, 8))
    for d in [*range(2, 9), *range(10, 15)]:
        await build.checkin(run, ann, NOV[d])
    await build.checkin(run, ann, NOV[9], status="missed")
    for d in (2, 3, 4, 5, 6, 9, 10):
        await build.checkin(desk, ann, NOV[d])

    ben = await build.member("Ben", "America/New_York")
    gym = await build.habit(await build.goal(ben, "Gym"), "weekly:3", utc(2, 15))
    for d in (3, 5, 7, 10, 11, 12, 13):
        await build.checkin(gym, ben, NOV[d])
    for created, sentiment in ((utc(3, 18), 0.6), (utc(5, 18), 0.4), (utc(12, 18), -0.3),
                               (utc(14, 18), 0.1)):  # fmt: skip
        await build.journal(ben, created, sentiment)

    chie = await build.member("Chie", "Asia/Tokyo")
    read = await build.goal(chie, "Read", "daily", start_date=NOV[10])
    await build.seed_checkin(read, chie, utc(10, 16, 30), done=True)  # 01:30 Nov 11 in Tokyo
    await build.seed_checkin(read, chie, utc(11, 3), done=True)
    await build.seed_checkin(read, chie, utc(12, 10), done=False)
    await build.seed_checkin(read, chie, utc(13, 0), done=True)

    dan = await build.member("Dan", "UTC")
    await build.add(SafetyEvent(user_id=dan.id, category="self_harm", source="journal"))
    done = {
        "ann": [
            HabitDays(parse_frequency("daily"), NOV[2], frozenset(NOV[d] for d in [*range(2, 9), *range(10, 15)])),
            HabitDays(parse_frequency("weekdays"), NOV[2], frozenset(NOV[d] for d in (2, 3, 4, 5, 6, 9, 10))),
        ],
        "ben": [HabitDays(parse_frequency("weekly:3"), NOV[2], frozenset(NOV[d] for d in (3, 5, 7, 10, 11, 12, 13)))],
        "chie": [HabitDays(parse_frequency("daily"), NOV[10], frozenset(NOV[d] for d in (10, 11, 13)))],
    }  # fmt: skip
    return {"ann": ann, "ben": ben, "chie": chie, "dan": dan}, done


@pytest.mark.slow
async def test_metrics_hand_computed_equal_to_the_coach_and_shown_by_risk(
    dataset, sync_once, sessions, read_warehouse, wh_settings, sync_data_dir
) -> None:
    """One synced dataset, several checks (each sync pass on the emulator costs seconds)."""
    members, done = dataset
    report = await sync_once(as_of=AS_OF)
    assert report.status == "ok", report.error
    assert set(report.newly_high_risk) == {members["ann"].id, members["dan"].id}
    await check_hand_computed_figures(read_warehouse)
    await check_equal_to_coach_schedule(read_warehouse, members, done)
    await check_equal_to_the_member_facing_path(read_warehouse, sessions, members)
    await check_dashboard_and_analytics(wh_settings, sync_data_dir, members)

    async with sessions.begin() as session:  # the mentor reviews Dan's flag
        (await session.scalar(select(SafetyEvent))).reviewed = True
    again = await sync_once(as_of=AS_OF)
    assert again.newly_high_risk == []  # a rise is reported by the run that found it only
    [(level, flags)] = await read_warehouse(
        "SELECT risk_level, open_safety_flags FROM metrics_risk WHERE user_id = %(u)s",
        {"u": str(members["dan"].id)},
    )
    assert (level, flags) == ("low", 0)


async def check_hand_computed_figures(read_warehouse) -> None:
    rows = await read_warehouse(
        "SELECT u.name, a.adherence_7d, a.adherence_30d, s.current_streak, s.longest_streak, "
        "s.last_completion, r.missed_count_3d, r.missed_count_7d, r.last_checkin_days_ago, "
        "r.mood_trend, r.risk_score, r.risk_level, a.metric_date "
        "FROM dim_users u JOIN metrics_adherence a ON a.user_id = u.user_id "
        "JOIN metrics_streak s ON s.user_id = u.user_id JOIN metrics_risk r ON r.user_id = u.user_id"
    )
    got = {row[0]: row[1:] for row in rows}
    assert got["Ann"][:2] == (pytest.approx(700 / 12), pytest.approx(1900 / 24))
    assert got["Ann"][2:11] == (13, 13, NOV[14], 2, 4, 1, None, 0.65, "high")
    assert got["Ben"][:2] == (pytest.approx(100.0), pytest.approx(100.0))
    assert got["Ben"][2:8] == (0, 4, NOV[13], 0, 0, 2)
    assert got["Ben"][8] == pytest.approx(-0.6)
    assert got["Ben"][9:11] == (0.15, "low")
    assert got["Chie"][:2] == (pytest.approx(50.0), pytest.approx(50.0))
    assert got["Chie"][2:11] == (0, 2, NOV[13], 2, 2, 2, None, 0.3, "medium")
    assert got["Dan"][:2] == (None, None)
    assert got["Dan"][9:11] == (0.5, "high")
    assert {row[12] for row in rows} == {NOV[15]}


async def check_equal_to_coach_schedule(read_warehouse, members, done) -> None:
    """coach.schedule.adherence on the same habits and done days, every window."""
    for key in ("ann", "ben", "chie"):
        [(a7, a30, a90)] = await read_warehouse(
            "SELECT adherence_7d, adherence_30d, adherence_90d FROM metrics_adherence "
            "WHERE user_id = %(u)s",
            {"u": str(members[key].id)},
        )
        for days, figure in ((7, a7), (30, a30), (90, a90)):
            expected = adherence(done[key], NOV[15], days)
            assert expected is not None
            assert figure == pytest.approx(expected * 100, rel=1e-12), (key, days)


async def check_equal_to_the_member_facing_path(read_warehouse, sessions, members) -> None:
    """The path coach/progress.py takes from PostgreSQL, against the warehouse figure."""
    from coach.checkins import habit_start
    from coach.members import as_member
    from storage import checkins as checkin_store
    from storage import goals as goal_store
    from storage.models import User

    for key in ("ann", "ben"):  # habit-based members (the older system's rows are warehouse-only)
        async with sessions() as session:
            member = as_member(await session.get(User, members[key].id))
            pairs = await goal_store.habits_for_user(session, user_id=member.id)
            marks = await checkin_store.statuses_since(
                session, habit_ids=[h.id for h, _ in pairs], since=NOV[15] - timedelta(days=100)
            )
        days = [HabitDays(parse_frequency(h.frequency), habit_start(h, member),
                          frozenset(d for d, s in marks[h.id].items() if s == "done"))
                for h, _ in pairs]  # fmt: skip
        [(a7, a30)] = await read_warehouse(
            "SELECT adherence_7d, adherence_30d FROM metrics_adherence WHERE user_id = %(u)s",
            {"u": str(member.id)},
        )
        assert a7 == pytest.approx(adherence(days, NOV[15], 7) * 100, rel=1e-12)
        assert a30 == pytest.approx(adherence(days, NOV[15], 30) * 100, rel=1e-12)


async def check_dashboard_and_analytics(wh_settings, sync_data_dir, members) -> None:
    """mentor_dashboard through the read-only Analytics: highest risk, then lowest adherence."""
    analytics = Analytics(wh_settings, sync_data_dir)
    try:
        board = await analytics.dashboard([m.id for m in members.values()])
        assert [p.name for p in board] == ["Ann", "Dan", "Chie", "Ben"]
        ben = (await analytics.for_patients([members["ben"].id]))[members["ben"].id]
        assert (ben.adherence_7d, ben.longest_streak, ben.risk_level) == (100.0, 4, "low")
        assert ben.computed_at is not None and ben.computed_at.tzinfo is UTC
        assert await analytics.for_patients([]) == {}
        last = await analytics.last_sync()
        assert last is not None and abs(datetime.now(UTC) - last) < timedelta(minutes=5)
    finally:
        await analytics.close()


@pytest.mark.parametrize(
    "text",
    ["daily", "weekdays", "weekly:3", "weekly:7", "weekly:0", "weekly:8", "days:mon,wed,fri",
     "days:sun", " Days:Tue,Thu ", "days:mon,", "3x a week", "", None],
)  # fmt: skip
def test_frequency_parsing_matches_coach_schedule(text: str | None) -> None:
    per_week, mask = warehouse_frequency(text)
    freq = parse_frequency(text)
    assert per_week == freq.per_week
    assert {i for i, flag in enumerate(mask) if flag == "1"} == set(freq.weekdays)
