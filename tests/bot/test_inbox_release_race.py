"""Letting go of a lane while the member's next update arrives: nothing is left unleased.

A lane task marks its last update handled and releases the lane in one statement; the same
instant, the member's next update is stored and the lease renewed by another statement. The
release reads its snapshot first, so it cannot see the new update: it must see instead that
the lease row changed under it, and keep the lease (the next update is then handled here,
once). A connection holding the row lock stands for the store caught mid-statement.
"""

from __future__ import annotations

import asyncio
import json

import asyncpg

from bot.inbox import Inbox
from bot.inbox_config import InboxSettings
from storage import inbox as store
from storage.db import Sessions, driver_connection
from tests.bot.test_inbox import Recorder, message, settle

LANE = 7


async def _store_mid_statement(url: str, update_id: int, owner: str) -> asyncpg.Connection:
    """A transaction that has stored `update_id` and renewed `owner`'s lease, not committed."""
    conn = await asyncpg.connect(url)
    await conn.execute("BEGIN")
    await conn.execute(
        "INSERT INTO telegram_updates (update_id, lane, payload) VALUES ($1, $2, $3::jsonb)",
        update_id, LANE, json.dumps(message(update_id, LANE)),
    )  # fmt: skip
    await conn.execute(
        "UPDATE inbox_lanes SET lease_until = now() + interval '15 s' WHERE lane = $1 AND owner = $2",
        LANE, owner,
    )  # fmt: skip
    return conn


async def _blocked_on_a_lock(sessions: Sessions) -> None:
    async with asyncio.timeout(5):
        while True:
            async with driver_connection(sessions) as conn:
                if await conn.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()"
                ):
                    return
            await asyncio.sleep(0.01)


async def test_a_release_racing_a_renewal_keeps_the_lease(
    sessions: Sessions, database_url: str
) -> None:
    async with driver_connection(sessions) as conn:
        await store.store_and_lease(conn, update_id=1, lane=LANE, owner="A", lease=15,
                                    payload=json.dumps(message(1, LANE)))  # fmt: skip
    other = await _store_mid_statement(database_url, 2, "A")
    try:
        async with driver_connection(sessions) as conn:
            finishing = asyncio.create_task(store.finish_and_next(
                conn, update_id=1, outcome="done", lane=LANE, owner="A", release=True))  # fmt: skip
            await _blocked_on_a_lock(sessions)
            await other.execute("COMMIT")
            got = await finishing
    finally:
        await other.close()
    async with driver_connection(sessions) as conn:
        owner = await conn.fetchval("SELECT owner FROM inbox_lanes WHERE lane = $1", LANE)
    assert (got.pending, got.released, got.ours, owner) == ([], False, True, "A")


async def test_the_lane_task_then_handles_the_update_that_arrived_once(
    sessions: Sessions, database_url: str
) -> None:
    gate, recorder = asyncio.Event(), Recorder()

    async def handle(update_id: int, payload: dict, parsed: object) -> str:
        if update_id == 1:
            await gate.wait()
        return await recorder(update_id, payload, parsed)

    # no sweep during the test: only the lane task itself can pick the update up
    inbox = Inbox(sessions, handle, InboxSettings(sweep_seconds=600, lease_seconds=15))
    inbox.start()
    try:
        await inbox.receive(1, message(1, LANE))
        other = await _store_mid_statement(database_url, 2, inbox.owner)
        try:
            gate.set()
            await _blocked_on_a_lock(sessions)
            await other.execute("COMMIT")
        finally:
            await other.close()
        await settle(sessions, seconds=5)
    finally:
        await inbox.stop()
    assert recorder.order(LANE) == [1, 2]
