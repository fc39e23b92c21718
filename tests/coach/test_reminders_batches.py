"""Reminders are read a page of members at a time, each page's session closed before it is
sent: no pooled connection is idle in a transaction while Telegram is being called."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import asyncpg

from coach.scheduled.delivery import Sent
from coach.scheduled.reminders import DueReminder, due_in_batches, send_due_reminders
from storage.db import Sessions
from tests.fakes.builder import add_member

NOW = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)


async def test_every_member_comes_once_across_pages(sessions: Sessions) -> None:
    for chat in range(40, 47):
        await add_member(sessions, "UTC", chat)
    found = [r.chat_id async for r in due_in_batches(sessions, now=NOW, members=3)]
    assert sorted(found) == list(range(40, 47))


async def test_no_connection_is_idle_in_transaction_while_sending(
    sessions: Sessions, database_url: str
) -> None:
    for chat in range(50, 56):
        await add_member(sessions, "UTC", chat)
    watcher = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    seen: list[int] = []
    one_at_a_time = asyncio.Lock()  # the senders run concurrently; the watcher is one link

    async def send(item: DueReminder) -> Sent:
        async with one_at_a_time:
            seen.append(await watcher.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
            ))  # fmt: skip
        return Sent("sent", 1)

    try:
        counts = await send_due_reminders(sessions, send, now=NOW)
    finally:
        await watcher.close()
    assert counts["sent"] == 6
    assert seen == [0] * 6
