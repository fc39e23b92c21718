"""Faults: a load broken half-way and an unreachable warehouse end the run cleanly; the next
run catches up with nothing lost and nothing twice."""

from __future__ import annotations

import logging
import socket
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.models import Checkin, SyncChange, SyncRun
from sync.config import SnowflakeSettings
from sync.pipeline import run_sync
from sync.warehouse import Warehouse, WarehouseError, connect

pytestmark = pytest.mark.slow  # warehouse passes on the emulator: seconds each

AS_OF = datetime(2026, 11, 10, 12, tzinfo=UTC)


class BreaksAfterFirstMerge(Warehouse):
    """Our warehouse interface, failing on the second MERGE of the load (a test double)."""

    merges = 0

    def execute(self, sql, params=None):  # type: ignore[override]
        if sql.lstrip().upper().startswith("MERGE INTO"):
            BreaksAfterFirstMerge.merges += 1
            if BreaksAfterFirstMerge.merges == 2:
                raise WarehouseError("connection reset by peer (injected)")
        return super().execute(sql, params)


def breaking_factory(settings: SnowflakeSettings, data_dir: Path) -> Warehouse:
    real = connect(settings, data_dir)
    return BreaksAfterFirstMerge(real._connection, emulated=real.emulated)


async def members_with_checkins(build) -> None:
    for name in ("Ann", "Ben"):
        member = await build.member(name)
        goal = await build.goal(member, "Walk")
        habit = await build.habit(goal, "daily", datetime(2026, 11, 2, 9, tzinfo=UTC))
        for i in range(5):
            await build.checkin(habit, member, date(2026, 11, 2) + timedelta(days=i))


async def state(sessions) -> tuple[int, int, list[str]]:
    async with sessions() as session:
        waiting = await session.scalar(select(func.count()).select_from(SyncChange))
        synced = await session.scalar(select(func.count()).where(Checkin.synced_to_snowflake))
        runs = list(await session.scalars(select(SyncRun.status).order_by(SyncRun.started_at)))
    return waiting, synced, runs


async def test_a_load_broken_half_way_is_caught_up_next_run(build, sessions, wh_settings,
                                                            sync_settings, sync_data_dir,
                                                            read_warehouse, caplog) -> None:  # fmt: skip
    await members_with_checkins(build)
    BreaksAfterFirstMerge.merges = 0
    with caplog.at_level(logging.WARNING, logger="sync.pipeline"):
        broken = await run_sync(sessions, wh_settings, sync_settings, sync_data_dir,
                                as_of=AS_OF, warehouse_factory=breaking_factory)  # fmt: skip
    assert broken.status == "failed" and "injected" in (broken.error or "")
    assert len([r for r in caplog.records if r.name == "sync.pipeline"]) == 1
    waiting, synced, runs = await state(sessions)
    assert (waiting > 0, synced, runs) == (True, 0, ["failed"])  # nothing recorded as loaded

    healed = await run_sync(sessions, wh_settings, sync_settings, sync_data_dir, as_of=AS_OF)
    assert healed.status == "ok" and healed.rows["stg_checkins"] == 10
    assert await state(sessions) == (0, 10, ["failed", "ok"])  # every change loaded once
    [(rows, keys)] = await read_warehouse(
        "SELECT COUNT(*), COUNT(DISTINCT checkin_id) FROM fact_checkins"
    )
    assert (rows, keys) == (10, 10)
    users = await read_warehouse("SELECT name, is_current FROM dim_users ORDER BY name")
    assert users == [("Ann", True), ("Ben", True)]  # one version each, though merged twice
    [(a7,)] = await read_warehouse("SELECT DISTINCT adherence_7d FROM metrics_adherence")
    assert a7 == 3 / 7 * 100  # Nov 4–10: done Nov 4, 5, 6


async def test_an_unreachable_warehouse_fails_the_run_in_one_line(build, sessions, sync_settings,
                                                                  sync_data_dir, caplog,
                                                                  monkeypatch) -> None:  # fmt: skip
    await members_with_checkins(build)
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.delenv("SNOWFLAKE_ACCOUNT", raising=False)
    nowhere = SnowflakeSettings(account="acme", user="goalbot", password="x", host="127.0.0.1",
                                port=port, protocol="http", login_timeout_seconds=2)  # fmt: skip
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="sync.pipeline"):
        report = await run_sync(sessions, nowhere, sync_settings, sync_data_dir)
    assert report.status == "failed" and "cannot connect" in (report.error or "")
    assert time.monotonic() - started < 30
    lines = [r.getMessage() for r in caplog.records if r.name == "sync.pipeline"]
    assert len(lines) == 1 and "\n" not in lines[0]
    async with sessions() as session:
        run = await session.scalar(select(SyncRun))
    assert run is not None and run.status == "failed" and run.finished_at is not None
    waiting, synced, runs = await state(sessions)
    assert (waiting > 0, synced, runs) == (True, 0, ["failed"])  # every change still waits


async def test_an_account_pointed_at_an_emulator_server_syncs_too(build, sessions, sync_settings,
                                                                  sync_data_dir,
                                                                  monkeypatch) -> None:  # fmt: skip
    """SNOWFLAKE_ACCOUNT with SNOWFLAKE_HOST/PORT/PROTOCOL: the path a private link takes."""
    from sync.emulator import ensure_emulator

    await members_with_checkins(build)
    server = ensure_emulator(sync_data_dir)
    monkeypatch.delenv("SNOWFLAKE_ACCOUNT", raising=False)
    database = f"X_{uuid.uuid4().hex[:12]}"
    external = SnowflakeSettings(account="acme", user="goalbot", password="x", host=server.host,
                                 port=server.port, protocol="http", database=database)  # fmt: skip
    report = await run_sync(sessions, external, sync_settings, sync_data_dir, as_of=AS_OF)
    assert report.status == "ok", report.error
    local = SnowflakeSettings(database=database)  # the same database, through the local path
    warehouse = connect(local, sync_data_dir)
    try:
        assert warehouse.execute("SELECT COUNT(*) FROM fact_checkins") == [(10,)]
    finally:
        warehouse.close()
