"""Loading: SCD-2 history, idempotent reruns, incremental = full reload, erasure, journal text."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select, text, update

from storage.crypto import JournalCipher
from storage.models import Checkin, Erasure, Goal, JournalEntry, Mentor, User
from storage.sync_state import MARK_SYNCED, mark_checkins_synced
from sync.config import SnowflakeSettings
from sync.pipeline import run_sync

pytestmark = pytest.mark.slow  # warehouse passes on the emulator: seconds each

AS_OF = datetime(2026, 11, 15, 10, tzinfo=UTC)
DAY = date(2026, 11, 2)
CURRENT_STATE = {
    "dim_users": "SELECT user_id, name, mentor_id, timezone, day_start_hour FROM dim_users WHERE is_current",
    "dim_goals": "SELECT goal_id, title, category, frequency, status, start_day FROM dim_goals WHERE is_current",
    "dim_habits": "SELECT habit_id, goal_id, frequency, per_week, weekday_mask, start_day, active FROM dim_habits",
    "fact_checkins": "SELECT checkin_id, habit_id, day, status, completed, updated_at FROM fact_checkins",
    "fact_journal_entries": "SELECT entry_id, day, sentiment_score, mood_tags, text FROM fact_journal_entries",
    "metrics_adherence": "SELECT user_id, metric_date, adherence_7d, adherence_30d, adherence_90d, total_7d FROM metrics_adherence",
    "metrics_streak": "SELECT user_id, current_streak, longest_streak, last_completion FROM metrics_streak",
    "metrics_risk": "SELECT user_id, risk_level, risk_score, missed_count_7d FROM metrics_risk",
}  # fmt: skip


async def snapshot(read_warehouse, queries: dict[str, str] = CURRENT_STATE) -> dict[str, list]:
    return {name: sorted(await read_warehouse(sql), key=str) for name, sql in queries.items()}


async def small_world(build) -> dict:
    mentor = await build.add(Mentor(name="Maya"))
    ann = await build.member("Ann", "Europe/Berlin", mentor_id=mentor.id)
    goal = await build.goal(ann, "Run", "daily")
    habit = await build.habit(goal, "daily", datetime(2026, 11, 2, 8, tzinfo=UTC))
    for i in range(4):
        await build.checkin(habit, ann, DAY + timedelta(days=i))
    await build.journal(ann, datetime(2026, 11, 3, 20, tzinfo=UTC), 0.2)
    return {"mentor": mentor, "ann": ann, "goal": goal, "habit": habit}


async def test_scd2_keeps_history_of_renames_and_mentor_changes(build, sessions, sync_once,
                                                                read_warehouse) -> None:  # fmt: skip
    world = await small_world(build)
    ann, goal = world["ann"], world["goal"]
    other = await build.add(Mentor(name="Omar"))
    await sync_once(metrics=False)
    stamps = []
    changes = [  # (member, goal): a rename; a new mentor; corrections kept in place
        ({"name": "Anna"}, {"title": "Run 5k"}),
        ({"mentor_id": other.id}, {}),
        ({"timezone": "Asia/Tokyo"}, {"status": "paused"}),
    ]
    for user_change, goal_change in changes:
        async with sessions.begin() as session:
            for row, change in ((await session.get(User, ann.id), user_change),
                                (await session.get(Goal, goal.id), goal_change)):  # fmt: skip
                for key, value in change.items():
                    setattr(row, key, value)
        async with sessions() as session:
            stamps.append(await session.scalar(select(User.updated_at).where(User.id == ann.id)))
        await sync_once(metrics=False)

    ms = "DATEDIFF(millisecond, '1970-01-01'::TIMESTAMP_NTZ, {})"
    rows = await read_warehouse(
        f"SELECT name, mentor_id, timezone, {ms.format('valid_from')}, {ms.format('valid_to')}, "
        "is_current FROM dim_users ORDER BY valid_from"
    )
    millis = [int(s.timestamp() * 1000) for s in stamps]
    created = int(ann.created_at.timestamp() * 1000)
    m1, m2 = str(world["mentor"].id), str(other.id)
    assert rows == [
        ("Ann", m1, "Europe/Berlin", created, millis[0], False),
        ("Anna", m1, "Europe/Berlin", millis[0], millis[1], False),
        ("Anna", m2, "Asia/Tokyo", millis[1], None, True),
    ]
    goals = await read_warehouse(
        "SELECT title, status, is_current FROM dim_goals ORDER BY valid_from"
    )
    assert goals == [("Run", "active", False), ("Run 5k", "paused", True)]


async def test_a_second_run_changes_nothing_and_increments_equal_a_full_reload(
    build, sessions, sync_once, read_warehouse, sync_settings, sync_data_dir
) -> None:
    world = await small_world(build)
    first = await sync_once(as_of=AS_OF)
    before = await snapshot(read_warehouse)
    history = "SELECT user_id, name, valid_from, is_current FROM dim_users"
    users_before = await read_warehouse(history)
    second = await sync_once(as_of=AS_OF)  # two runs in a row: the same warehouse
    assert first.rows["stg_checkins"] == 4 and second.rows["stg_checkins"] == 0
    assert await snapshot(read_warehouse) == before
    assert await read_warehouse(history) == users_before

    async with sessions.begin() as session:
        (await session.get(User, world["ann"].id)).name = "Anna"
        (await session.get(Goal, world["goal"].id)).frequency = "weekdays"
        first = await session.scalar(select(Checkin).where(Checkin.day == DAY))
        first.status, first.completed = "skipped", False
    ben = await build.member("Ben", "America/New_York")
    gym = await build.habit(
        await build.goal(ben, "Gym"), "weekly:3", datetime(2026, 11, 9, tzinfo=UTC)
    )
    for i in (0, 2, 4):
        await build.checkin(gym, ben, date(2026, 11, 9) + timedelta(days=i))
    await sync_once(as_of=AS_OF)
    incremental = await snapshot(read_warehouse)

    async with sessions.begin() as session:  # every row changed again: load from scratch
        for table in ("users", "goals", "habits", "checkins", "journal_entries"):
            await session.execute(text(f"INSERT INTO sync_changes (table_name, row_id) "
                                       f"SELECT '{table}', id FROM {table}"))  # fmt: skip
        await session.execute(text("UPDATE checkins SET synced_to_snowflake = false"))
    fresh = SnowflakeSettings(database=f"T_{uuid.uuid4().hex[:12]}")
    report = await run_sync(sessions, fresh, sync_settings, sync_data_dir, as_of=AS_OF)
    assert report.rows["stg_checkins"] == 7

    from sync.warehouse import connect

    warehouse = connect(fresh, sync_data_dir)
    try:
        full = {
            name: sorted(warehouse.execute(sql), key=str) for name, sql in CURRENT_STATE.items()
        }
    finally:
        warehouse.close()
    assert full == incremental
    assert len(incremental["fact_checkins"]) == 7


async def test_capped_runs_catch_up_across_rows_with_equal_timestamps(build, sessions,
                                                                      sync_settings, wh_settings,
                                                                      sync_data_dir,
                                                                      read_warehouse) -> None:  # fmt: skip
    world = await small_world(build)
    async with sessions.begin() as session:  # 5 more in one transaction: one updated_at
        for i in range(5):
            session.add(Checkin(goal_id=world["goal"].id, user_id=world["ann"].id, completed=True,
                                habit_id=world["habit"].id, day=DAY + timedelta(days=10 + i),
                                status="done"))  # fmt: skip
    # 4 per pass: the second pass ends inside the five rows that share one updated_at
    small = sync_settings.model_copy(update={"max_rows_per_run": 4})
    reports = []
    for _ in range(8):
        reports.append(await run_sync(sessions, wh_settings, small, sync_data_dir, metrics=False))
        if reports[-1].caught_up:
            break
    assert reports[-1].caught_up and len(reports) == 3
    [(count, distinct)] = await read_warehouse(
        "SELECT COUNT(*), COUNT(DISTINCT checkin_id) FROM fact_checkins"
    )
    assert (count, distinct) == (9, 9)
    async with sessions() as session:
        unsynced = await session.scalar(select(func.count()).where(~Checkin.synced_to_snowflake))
    assert unsynced == 0


async def test_erasure_removes_every_row_of_the_member(build, sessions, sync_once,
                                                       read_warehouse) -> None:  # fmt: skip
    world = await small_world(build)
    await build.member("Ben")
    await sync_once(as_of=AS_OF)
    ann_id = world["ann"].id
    async with sessions.begin() as session:
        await session.delete(await session.get(User, ann_id))
        session.add(Erasure(user_id=ann_id))
    report = await sync_once(metrics=False)  # the load itself removes the metrics rows
    assert report.status == "ok" and report.rows["stg_erasures"] == 1
    for table in ("dim_users", "dim_goals", "dim_habits", "fact_checkins", "fact_journal_entries",
                  "metrics_adherence", "metrics_streak", "metrics_risk"):  # fmt: skip
        rows = await read_warehouse(f"SELECT user_id FROM {table}")
        assert str(ann_id) not in {r[0] for r in rows}, table
    assert await read_warehouse("SELECT name FROM dim_users") == [("Ben",)]
    async with sessions() as session:
        erasure = await session.get(Erasure, ann_id)
    assert erasure is not None and erasure.warehouse_done_at is not None


async def test_journal_text_leaves_postgres_only_when_enabled_and_shared(
    build, sessions, wh_settings, sync_settings, sync_data_dir, read_warehouse
) -> None:
    cipher = JournalCipher([Fernet.generate_key().decode()])
    ann = await build.member("Ann", share_journal_text=True)
    ben = await build.member("Ben")  # never agreed to share
    for member in (ann, ben):
        await build.add(JournalEntry(user_id=member.id, text=cipher.encrypt(f"dear diary {member.name}"),
                                     sentiment_score=0.1, mood_tags=["calm", "ok"]))  # fmt: skip
    await run_sync(
        sessions, wh_settings, sync_settings, sync_data_dir, metrics=False, cipher=cipher
    )
    rows = await read_warehouse("SELECT text, mood_tags FROM fact_journal_entries")
    assert {r[0] for r in rows} == {None}
    assert {r[1].replace(" ", "").replace("\n", "") for r in rows} == {'["calm","ok"]'}

    with_text = sync_settings.model_copy(update={"include_journal_text": True})
    async with sessions.begin() as session:
        await session.execute(update(JournalEntry).values(sentiment_score=0.2))
    await run_sync(sessions, wh_settings, with_text, sync_data_dir, metrics=False, cipher=cipher)
    rows = await read_warehouse("SELECT text FROM fact_journal_entries")
    assert sorted(r[0] or "-" for r in rows) == ["-", "dear diary Ann"]


async def test_imported_rows_stamped_long_ago_past_the_cap_keep_the_runs_going(
    build, sessions, sync_settings, wh_settings, sync_data_dir, read_warehouse
) -> None:
    """Rows stamped long ago (an import) are changes like any other, capped too."""
    world = await small_world(build)
    await run_sync(sessions, wh_settings, sync_settings, sync_data_dir, metrics=False)
    long_ago = datetime(2020, 1, 1, 12, tzinfo=UTC)
    async with sessions.begin() as session:
        for i in range(6):
            session.add(Checkin(goal_id=world["goal"].id, user_id=world["ann"].id, completed=True,
                                habit_id=world["habit"].id, day=date(2020, 1, 1) + timedelta(days=i),
                                status="done", created_at=long_ago, updated_at=long_ago))  # fmt: skip
    small = sync_settings.model_copy(update={"max_rows_per_run": 4})
    first = await run_sync(sessions, wh_settings, small, sync_data_dir, metrics=False)
    second = await run_sync(sessions, wh_settings, small, sync_data_dir, metrics=False)
    assert (first.caught_up, second.caught_up) == (False, True)
    assert (first.rows["stg_checkins"], second.rows["stg_checkins"]) == (4, 2)
    [(count,)] = await read_warehouse("SELECT COUNT(*) FROM fact_checkins")
    assert count == 4 + 6


async def test_a_checkin_changed_after_extraction_is_not_marked_synced(build, sessions) -> None:
    await small_world(build)
    async with sessions() as session:
        rows = (await session.execute(select(Checkin.id, Checkin.updated_at))).all()
    stale, fresh = rows[0], rows[1]
    loaded = [(stale.id, stale.updated_at - timedelta(seconds=1)), (fresh.id, fresh.updated_at)]
    async with sessions.begin() as session:
        assert await mark_checkins_synced(session, loaded=loaded) == 1
    async with sessions() as session:
        flags = dict((await session.execute(select(Checkin.id, Checkin.synced_to_snowflake))).all())
        after = await session.scalar(select(Checkin.updated_at).where(Checkin.id == fresh.id))
    assert flags[stale.id] is False and flags[fresh.id] is True
    assert after == fresh.updated_at  # marking does not move updated_at


async def test_an_undone_checkin_leaves_the_warehouse(build, sessions, sync_once,
                                                      read_warehouse) -> None:  # fmt: skip
    from storage.checkins import delete_checkin  # what undoing a first press calls
    from storage.models import SyncDeletion

    world = await small_world(build)
    await sync_once(metrics=False)
    async with sessions.begin() as session:
        assert await delete_checkin(session, habit_id=world["habit"].id, day=DAY)
    report = await sync_once(metrics=False)
    assert report.status == "ok" and report.rows["stg_deleted_checkins"] == 1
    rows = await read_warehouse("SELECT day FROM fact_checkins ORDER BY day")
    assert [r[0] for r in rows] == [DAY + timedelta(days=i) for i in (1, 2, 3)]
    async with sessions() as session:  # applied, so forgotten
        assert await session.scalar(select(func.count()).select_from(SyncDeletion)) == 0


async def test_flagging_a_backlog_plans_no_nested_loop_on_stale_statistics(build, sessions) -> None:
    """Statistics from when every row was synced must not make the flag a quadratic join."""
    world = await small_world(build)
    async with sessions.begin() as session:
        await session.execute(update(Checkin).values(synced_to_snowflake=True))
    async with sessions() as session:  # ANALYZE: the statistics now say "all synced"
        await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        await session.execute(text("ANALYZE checkins"))
    backlog = 3000  # e.g. a warehouse outage: many rows unsynced since the statistics
    async with sessions.begin() as session:
        await session.execute(
            text("INSERT INTO checkins (goal_id, user_id, habit_id, day, status, completed) "
                 "SELECT :goal, :user, :habit, DATE '2000-01-01' + i, 'done', true "
                 "FROM generate_series(1, :n) AS i"),
            {"goal": world["goal"].id, "user": world["ann"].id, "habit": world["habit"].id,
             "n": backlog},
        )  # fmt: skip
    async with sessions() as session:
        rows = (await session.execute(
            select(Checkin.id, Checkin.updated_at).where(Checkin.synced_to_snowflake.is_(False))
        )).all()  # fmt: skip
    loaded = [(row.id, row.updated_at) for row in rows]
    params = {"ids": [r[0] for r in loaded], "stamps": [r[1] for r in loaded]}
    async with sessions.begin() as session:
        # the worst case: a plan made without the arrays' length (a cached, generic plan)
        await session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
        assert await mark_checkins_synced(session, loaded=loaded) == backlog
        plan = (await session.execute(text(f"EXPLAIN {MARK_SYNCED.text}"), params)).scalars()
        assert not [line for line in plan if "Nested Loop" in line]
