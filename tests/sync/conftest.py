"""Sync fixtures: a fresh warehouse database per test on the run's one emulator (sync_data_dir).

The emulator is the real fakesnow server on loopback, reached by the real connector; each
test gets its own database name, so its DuckDB file starts empty.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import pytest

from storage.db import Sessions
from sync.config import SnowflakeSettings, SyncSettings
from sync.warehouse import connect


@pytest.fixture
def wh_settings(monkeypatch: pytest.MonkeyPatch) -> SnowflakeSettings:
    """Emulator settings naming a database of this test's own."""
    for name in ("SNOWFLAKE_ACCOUNT", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA", "SNOWFLAKE_HOST"):
        monkeypatch.delenv(name, raising=False)
    return SnowflakeSettings(database=f"T_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def sync_settings(monkeypatch: pytest.MonkeyPatch) -> SyncSettings:
    """Sync settings with no settle margin (test rows are final at once)."""
    for name in ("SYNC_SETTLE_SECONDS", "SYNC_INCLUDE_JOURNAL_TEXT", "SYNC_MAX_ROWS_PER_RUN"):
        monkeypatch.delenv(name, raising=False)
    return SyncSettings(settle_seconds=0)


@pytest.fixture
def read_warehouse(wh_settings: SnowflakeSettings, sync_data_dir: Path):
    """Run one query on the test's warehouse (a fresh session each time)."""

    async def query(sql: str, params: Any = None) -> list[tuple]:
        def run() -> list[tuple]:
            warehouse = connect(wh_settings, sync_data_dir)
            try:
                return warehouse.execute(sql, params)
            finally:
                warehouse.close()

        return await asyncio.to_thread(run)

    return query


@pytest.fixture
def sync_once(sessions: Sessions, wh_settings: SnowflakeSettings, sync_settings: SyncSettings,
              sync_data_dir: Path):  # fmt: skip
    """Run one sync pass against the test's warehouse."""
    from sync.pipeline import run_sync

    async def run(**kw: Any):
        return await run_sync(sessions, wh_settings, sync_settings, sync_data_dir, **kw)

    return run
