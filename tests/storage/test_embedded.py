"""The embedded PostgreSQL: start, reuse of an existing data folder, and stop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from storage.embedded import EmbeddedPostgres


async def _scalar(url: str, query: str) -> object:
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        if ";" in query:
            return await conn.execute(query)
        return await conn.fetchval(query)
    finally:
        await conn.close()


@pytest.mark.slow
async def test_start_reuse_and_stop(tmp_root: Path) -> None:
    data_dir = tmp_root / "embedded-lifecycle"
    server = EmbeddedPostgres(data_dir)
    url = await asyncio.to_thread(server.start)
    assert server.running
    assert await _scalar(url, "SELECT current_database()") == "goalbot"
    await _scalar(url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7);")
    await asyncio.to_thread(server.stop)
    assert not server.running

    again = EmbeddedPostgres(data_dir)
    url = await asyncio.to_thread(again.start)
    try:
        assert await _scalar(url, "SELECT n FROM kept") == 7
    finally:
        await asyncio.to_thread(again.stop)
    assert not again.running
