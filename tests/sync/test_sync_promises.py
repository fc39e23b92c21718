"""What the sync promises (#19): late commits loaded, staging and stages empty after every pass,
erasure and withdrawn consent reach every table, dead runs closed, one pass at a time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import func, select, text, update

from storage.crypto import JournalCipher
from storage.models import (
    Erasure,
    Goal,
    Group,
    GroupMembership,
    JournalEntry,
    SafetyEvent,
    SyncRun,
    User,
)
from storage.sync_state import sync_lock
from sync.pipeline import run_sync
from sync.schema import STAGING, TABLES
from sync.warehouse import Warehouse, WarehouseError, connect

pytestmark = pytest.mark.slow  # warehouse passes on the emulator: seconds each

CREATED = datetime(2026, 11, 2, 8, tzinfo=UTC)


async def member_with_data(build, name: str, goal: str, **kw):
    member = await build.member(name, **kw)
    habit = await build.habit(await build.goal(member, goal), "daily", CREATED)
    await build.checkin(habit, member, CREATED.date())
    return member


async def test_a_transaction_committed_long_after_it_began_is_loaded(
    build, sessions, sync_once, read_warehouse
) -> None:
    """A rename and a retitle held open past any settle margin reach the warehouse."""
    ann = await member_with_data(build, "Ann", "Walk")
    assert (await sync_once(metrics=False)).status == "ok"
    late = sessions()
    async with late.begin():
        await late.execute(update(User).where(User.id == ann.id).values(name="Anna"))
        await late.execute(update(Goal).where(Goal.user_id == ann.id).values(title="Walk 5k"))
        # open while passes run: its updated_at (its start) falls behind everything they load
        for _ in range(2):
            await build.member("Ben")
            assert (await sync_once(metrics=False)).status == "ok"
    await late.close()
    after = await sync_once(metrics=False)
    assert after.rows["stg_users"] == 1 and after.rows["stg_goals"] == 1
    names = await read_warehouse("SELECT name FROM dim_users WHERE is_current ORDER BY name")
    titles = await read_warehouse("SELECT title FROM dim_goals WHERE is_current")
    assert ("Anna",) in names and ("Ann",) not in names and titles == [("Walk 5k",)]


async def on_one_session(wh_settings, sync_data_dir, queries: list[str]) -> list[list[tuple]]:
    """Run several queries on one warehouse session (a session per query costs seconds)."""

    def run() -> list[list[tuple]]:
        warehouse = connect(wh_settings, sync_data_dir)
        try:
            return [warehouse.execute(sql) for sql in queries]
        finally:
            warehouse.close()

    return await asyncio.to_thread(run)


async def staged(wh_settings, sync_data_dir) -> dict[str, int]:
    """Rows and stage files per staging table."""
    queries = [q for t in STAGING for q in (f"SELECT COUNT(*) FROM {t}", f"LIST @%{t}")]
    answers = await on_one_session(wh_settings, sync_data_dir, queries)
    return {t: int(answers[2 * i][0][0]) + len(answers[2 * i + 1]) for i, t in enumerate(STAGING)}


class BreaksOnMerge(Warehouse):
    """Our warehouse interface failing on its first MERGE (after staging was filled)."""

    def execute(self, sql, params=None):  # type: ignore[override]
        if sql.lstrip().upper().startswith("MERGE INTO"):
            raise WarehouseError("connection reset by peer (injected)")
        return super().execute(sql, params)


def breaking(settings, data_dir) -> Warehouse:
    real = connect(settings, data_dir)
    return BreaksOnMerge(real._connection, emulated=real.emulated)


async def test_staging_and_stage_files_hold_nothing_after_a_pass_whatever_happened(
    build, sessions, wh_settings, sync_settings, sync_data_dir, sync_once, read_warehouse
) -> None:
    await member_with_data(build, "Ann", "Walk")
    failed = await run_sync(sessions, wh_settings, sync_settings, sync_data_dir,
                            warehouse_factory=breaking, metrics=False)  # fmt: skip
    assert failed.status == "failed" and set(
        (await staged(wh_settings, sync_data_dir)).values()
    ) == {0}
    assert (await sync_once(metrics=False)).status == "ok"
    assert set((await staged(wh_settings, sync_data_dir)).values()) == {0}


async def test_a_run_killed_mid_pass_is_closed_and_its_leftovers_cleared(
    build, sessions, sync_once, wh_settings, sync_data_dir, read_warehouse, tmp_path
) -> None:
    """What kill -9 leaves: a `running` row, rows in a staging table, a file in its stage."""
    await member_with_data(build, "Ann", "Walk")
    assert (await sync_once(metrics=False)).status == "ok"
    async with sessions.begin() as session:
        session.add(SyncRun(status="running"))
    leftover = tmp_path / "left.parquet"
    leftover.write_bytes(b"PAR1")
    warehouse = connect(wh_settings, sync_data_dir)
    try:
        warehouse.execute("INSERT INTO stg_users (user_id, name) VALUES ('x', 'Zoe')")
        warehouse.execute(f"PUT 'file://{leftover}' @%stg_users/load_dead AUTO_COMPRESS = FALSE")
    finally:
        warehouse.close()
    assert (await staged(wh_settings, sync_data_dir))["stg_users"] == 2

    report = await sync_once(metrics=False)
    assert report.status == "ok" and report.abandoned == 1
    assert set((await staged(wh_settings, sync_data_dir)).values()) == {0}
    async with sessions() as session:
        statuses = list(await session.scalars(select(SyncRun.status).order_by(SyncRun.started_at)))
    assert statuses == ["ok", "abandoned", "ok"]


async def test_an_erased_member_is_in_no_table_of_the_warehouse(
    build, sessions, wh_settings, sync_settings, sync_data_dir, read_warehouse
) -> None:
    cipher = JournalCipher([Fernet.generate_key().decode()])
    with_text = sync_settings.model_copy(update={"include_journal_text": True})
    ann = await member_with_data(build, "Annika", "Marathon prep", share_journal_text=True)
    await member_with_data(build, "Ben", "Walk")
    await build.add(JournalEntry(user_id=ann.id, text=cipher.encrypt("secret diary words")))
    await build.add(SafetyEvent(user_id=ann.id, category="self_harm", source="test"))
    group = await build.add(Group(telegram_chat_id=-100, title="Runners"))
    await build.add(GroupMembership(group_id=group.id, user_id=ann.id))
    run = lambda: run_sync(sessions, wh_settings, with_text, sync_data_dir, cipher=cipher)  # noqa: E731
    assert (await run()).status == "ok"
    assert await read_warehouse("SELECT user_id FROM dim_group_memberships") == [(str(ann.id),)]

    async with sessions.begin() as session:
        await session.delete(await session.get(User, ann.id))
        session.add(Erasure(user_id=ann.id))
    assert (await run()).status == "ok"
    tables = [r[0] for r in await read_warehouse(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA() "
        "AND table_type = 'BASE TABLE'")]  # fmt: skip
    assert {t.lower() for t in tables} == set(TABLES)  # every table is checked below
    traces = (str(ann.id), "Annika", "Marathon prep", "secret diary words")
    everything = await on_one_session(wh_settings, sync_data_dir,
                                      [f"SELECT * FROM {table}" for table in tables])  # fmt: skip
    for table, rows in zip(tables, everything, strict=True):
        for row in rows:
            cells = " ".join(str(cell) for cell in row)
            assert not [t for t in traces if t in cells], (table, row)
    assert ("Ben",) in await read_warehouse("SELECT name FROM dim_users")


async def test_journal_text_follows_the_members_consent_and_the_setting(
    build, sessions, wh_settings, sync_settings, sync_data_dir, read_warehouse
) -> None:
    cipher = JournalCipher([Fernet.generate_key().decode()])
    ann = await build.member("Ann", share_journal_text=True)
    await build.add(JournalEntry(user_id=ann.id, text=cipher.encrypt("today was hard")))
    on = sync_settings.model_copy(update={"include_journal_text": True})
    off = sync_settings.model_copy(update={"include_journal_text": False})

    async def texts(settings) -> list:
        report = await run_sync(sessions, wh_settings, settings, sync_data_dir, cipher=cipher,
                                metrics=False)  # fmt: skip
        assert report.status == "ok"
        return [r[0] for r in await read_warehouse("SELECT text FROM fact_journal_entries")]

    assert await texts(on) == ["today was hard"]
    async with sessions.begin() as session:  # the member withdraws: nothing else changes
        await session.execute(update(User).values(share_journal_text=False))
    assert await texts(on) == [None]
    async with sessions.begin() as session:
        await session.execute(update(User).values(share_journal_text=True))
    assert await texts(on) == ["today was hard"]
    assert await texts(off) == [None]  # the operator turns it off: gone in the next pass
    assert await texts(on) == ["today was hard"]  # and on again: loaded in the next pass


async def test_one_pass_at_a_time_whoever_starts_it(build, sessions, sync_settings,
                                                    sync_once) -> None:  # fmt: skip
    await member_with_data(build, "Ann", "Walk")
    async with sync_lock(sessions, key=sync_settings.lock_key) as held:
        assert held
        busy = await sync_once(metrics=False)
        assert busy.status == "busy"
        async with sync_lock(sessions, key=sync_settings.lock_key) as second:
            assert not second
        waiting = asyncio.create_task(sync_once(metrics=False, lock_wait_seconds=10))
        await asyncio.sleep(0.7)
        assert not waiting.done()  # it waits for the lock, it does not run beside
    report = await waiting
    assert report.status == "ok" and report.rows["stg_users"] == 1
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(SyncRun)) == 1


async def test_a_pass_with_nothing_new_says_so_while_a_flag_is_open(build, sync_once) -> None:
    ann = await member_with_data(build, "Ann", "Walk")
    await build.add(SafetyEvent(user_id=ann.id, category="self_harm", source="test"))
    first = await sync_once(metrics=False)
    assert first.safety_changed and first.rows["stg_safety"] == 1
    second = await sync_once(metrics=False)
    assert second.nothing_new and "stg_safety" not in second.rows
    assert sum(second.rows.values()) == 0


async def test_groups_and_memberships_reach_the_warehouse_and_leaving_removes_one(
    build, sessions, sync_once, read_warehouse
) -> None:
    ann = await build.member("Ann")
    runners = await build.add(Group(telegram_chat_id=-1, title="Runners"))
    readers = await build.add(Group(telegram_chat_id=-2, title="Readers"))
    for group in (runners, readers):
        await build.add(GroupMembership(group_id=group.id, user_id=ann.id))
    await sync_once(metrics=False)
    titles = await read_warehouse("SELECT title FROM dim_groups ORDER BY title")
    assert titles == [("Readers",), ("Runners",)]
    async with sessions.begin() as session:
        await session.execute(text("DELETE FROM group_memberships WHERE group_id = :g"),
                              {"g": readers.id})  # fmt: skip
        await session.execute(update(Group).where(Group.id == runners.id).values(title="Run club"))
    await sync_once(metrics=False)
    rows = await read_warehouse(
        "SELECT g.title FROM dim_group_memberships m JOIN dim_groups g ON g.group_id = m.group_id"
    )
    assert rows == [("Run club",)]


async def test_an_outage_loses_nothing_and_the_changes_wait_in_postgres(
    build, sessions, sync_settings, sync_data_dir, sync_once, read_warehouse
) -> None:
    await member_with_data(build, "Ann", "Walk")
    from sync.config import SnowflakeSettings

    down = SnowflakeSettings(account="x", user="u", password="p", host="127.0.0.1", port=9,
                             protocol="http", login_timeout_seconds=1)  # fmt: skip
    failed = await run_sync(sessions, down, sync_settings, sync_data_dir, metrics=False)
    assert failed.status == "failed"
    async with sessions() as session:
        waiting = await session.scalar(text("SELECT count(*) FROM sync_changes"))
    assert waiting >= 4  # user, goal, habit, check-in
    assert (await sync_once(metrics=False)).rows["stg_checkins"] == 1
    assert await read_warehouse("SELECT COUNT(*) FROM fact_checkins") == [(1,)]
