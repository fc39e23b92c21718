"""Measurable habits in the warehouse: the same adherence and strength as the core (#15).

One member in Lisbon (UTC in winter, day start 03:00) since Mon 2 Nov 2026, with
- "Read 20 pages" (every day, 20 pages a day): full, partial (12), over-target (30) days, a
  Done press with no amount, a missed and a skipped day, days with no check-in;
- "Run 15 km a week" (on the plan 3 times a week, the target is the week's 15 km): runs of
  4–10 km, one Done with no amount;
- "Stretch" (weekdays, done or not) beside them.

Each figure is computed twice, from the same rows: by the core (coach.checkins.habit_histories
→ coach.scores, coach.schedule) and by the real sync into the emulator (metrics_adherence,
metrics_strength); the test holds them equal, the night before, in the morning before today's
check-in, and after it.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

import pytest

from coach import checkins
from coach.members import as_member
from coach.schedule import HabitDays, adherence
from coach.scores import strength
from storage.models import Checkin, Habit, User
from sync.metrics import compute_metrics
from sync.schema import ensure_schema
from sync.warehouse import connect
from tests.handlers.telegram.harness import Clock, make_services

NIGHT = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 01:00 in Lisbon: still Tue 24 Nov
MORNING = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)  # Wed 25 Nov, nothing checked in yet
EVENING = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
NOV = [date(2026, 11, d) if d else None for d in range(31)]

READING = {2: 20, 3: 12, 4: 30, 5: None, 6: "missed", 7: 20, 8: "skipped", 10: 8, 11: 20,
           12: 25, 13: None, 15: 18, 16: 20, 17: 5, 18: 20, 19: 40, 20: "missed", 22: 20, 23: 15,
           24: 20}  # fmt: skip
RUNNING = {3: 5, 5: 4, 7: 8, 10: 6, 12: None, 17: 10, 19: 3, 21: 4, 24: 5}
STRETCH = {2: "done", 3: "done", 4: "missed", 5: "done", 9: "done", 10: "skipped", 11: "done",
           16: "done", 17: "done", 18: "done", 19: "done", 23: "done", 24: "done"}  # fmt: skip


def _row(user: User, habit: Habit, day: int, mark: object) -> Checkin:
    status = mark if isinstance(mark, str) else "done"
    amount = mark if isinstance(mark, int | float) else None
    return Checkin(user_id=user.id, goal_id=habit.goal_id, habit_id=habit.id, day=NOV[day],
                   status=status, completed=status == "done", amount=amount)  # fmt: skip


@pytest.fixture
async def member(build, sessions) -> tuple[User, dict[str, Habit]]:
    """The member above, written straight to PostgreSQL."""
    user = await build.member("Mia", "Europe/Lisbon")
    created = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    habits = {}
    for key, title, frequency, target in (
        ("read", "Read 20 pages", "daily", (20, "pages", "day")),
        ("run", "Run 15 km a week", "weekly:3", (15, "km", "week")),
        ("stretch", "Stretch", "weekdays", (None, None, None)),
    ):
        goal = await build.goal(user, title.split()[0], created_at=created)
        habits[key] = await build.add(Habit(
            goal_id=goal.id, title=title, frequency=frequency, target_amount=target[0],
            target_unit=target[1], target_period=target[2], created_at=created, updated_at=created,
        ))  # fmt: skip
    for key, marks in (("read", READING), ("run", RUNNING), ("stretch", STRETCH)):
        for day, mark in marks.items():
            await build.add(_row(user, habits[key], day, mark))
    return user, habits


async def _core(sessions, user: User, moment: datetime) -> tuple[dict[uuid.UUID, float], list]:
    """The core's strength per habit and its adherence inputs, as of `moment`."""
    services = make_services(sessions, Clock(moment))
    async with sessions() as session:
        me = as_member(await session.get(User, user.id))
    found = await checkins.habit_histories(services, member=me)
    today = checkins.local_day(moment, me.timezone, me.day_start_hour)
    return {h.id: strength(history, today) for h, _, history in found}, [
        history for _, _, history in found
    ]


async def _warehouse(read_warehouse, user: User, day: date) -> tuple[dict[str, float], tuple]:
    rows = await read_warehouse(
        "SELECT habit_id, strength FROM metrics_strength WHERE user_id = %(u)s "
        "AND metric_date = %(d)s",
        {"u": str(user.id), "d": day.isoformat()},
    )
    [figures] = await read_warehouse(
        "SELECT adherence_7d, adherence_30d, adherence_90d FROM metrics_adherence "
        "WHERE user_id = %(u)s AND metric_date = %(d)s",
        {"u": str(user.id), "d": day.isoformat()},
    )
    return {habit_id: value for habit_id, value in rows}, figures


async def _same_figures(sessions, read_warehouse, user: User, moment: datetime) -> dict[str, float]:
    """Assert the core and the warehouse agree as of `moment`; return the strengths by title."""
    core_strength, histories = await _core(sessions, user, moment)
    day = checkins.local_day(moment, user.timezone, user.day_start_hour)
    wh_strength, wh_adherence = await _warehouse(read_warehouse, user, day)
    assert {uuid.UUID(k): v for k, v in wh_strength.items()} == pytest.approx(
        core_strength, rel=1e-9
    )
    for days, figure in zip((7, 30, 90), wh_adherence, strict=True):
        expected = adherence([h.days() for h in histories], day, days)
        assert figure == pytest.approx(expected * 100, rel=1e-9), days
    # the amounts matter: counting every Done as a whole one would give another figure
    yes_no = adherence([HabitDays(h.frequency, h.start, h.done_days) for h in histories], day, 30)
    assert abs(wh_adherence[1] - yes_no * 100) > 1
    return {str(k): v for k, v in core_strength.items()}


@pytest.mark.slow
async def test_measurable_habits_score_the_same_in_the_warehouse_as_in_the_core(
    member, sessions, sync_once, read_warehouse, wh_settings, sync_data_dir, build
) -> None:
    user, habits = member
    assert (await sync_once(as_of=NIGHT)).status == "ok"
    night = await _same_figures(sessions, read_warehouse, user, NIGHT)

    def morning_metrics() -> None:
        warehouse = connect(wh_settings, sync_data_dir)
        try:
            compute_metrics(warehouse, as_of=MORNING, computed_at=MORNING)
        finally:
            warehouse.close()

    await asyncio.to_thread(morning_metrics)
    morning = await _same_figures(sessions, read_warehouse, user, MORNING)
    # today before its check-in counts as not done, in both: the morning figure is lower
    for key in ("read", "stretch"):
        assert morning[str(habits[key].id)] < night[str(habits[key].id)], key

    await build.add(_row(user, habits["read"], 25, 12))  # 12 of today's 20 pages
    await build.add(_row(user, habits["stretch"], 25, "done"))
    assert (await sync_once(as_of=EVENING)).status == "ok"
    evening = await _same_figures(sessions, read_warehouse, user, EVENING)
    for key in ("read", "stretch"):
        assert evening[str(habits[key].id)] > morning[str(habits[key].id)], key


@pytest.mark.slow
async def test_an_upgraded_warehouse_loads_the_amounts_and_targets_again(
    member, sessions, sync_once, read_warehouse, wh_settings, sync_data_dir
) -> None:
    """A warehouse from before these columns gets them filled by the passes after the upgrade."""
    user, habits = member
    assert (await sync_once(as_of=NIGHT)).status == "ok"

    def downgrade_then_upgrade() -> list[str]:
        warehouse = connect(wh_settings, sync_data_dir)
        try:
            warehouse.execute("ALTER TABLE dim_habits DROP COLUMN strength_window")
            warehouse.execute("ALTER TABLE fact_checkins DROP COLUMN amount")
            return ensure_schema(warehouse)
        finally:
            warehouse.close()

    added = await asyncio.to_thread(downgrade_then_upgrade)
    assert {"dim_habits.strength_window", "fact_checkins.amount"} <= set(added)
    assert await read_warehouse("SELECT COUNT(*) FROM fact_checkins WHERE amount IS NOT NULL") == [
        (0,)
    ]
    await sync_once(as_of=NIGHT)  # queues the rows again
    await sync_once(as_of=NIGHT)  # loads them
    amounts = await read_warehouse(
        "SELECT day, amount FROM fact_checkins WHERE habit_id = %(h)s AND amount IS NOT NULL",
        {"h": str(habits["read"].id)},
    )
    assert {day.day: amount for day, amount in amounts} == {
        d: m for d, m in READING.items() if isinstance(m, int)
    }
    assert await read_warehouse("SELECT COUNT(*) FROM sync_backfills") == [(0,)]
    await _same_figures(sessions, read_warehouse, user, NIGHT)
