"""A throwaway PostgreSQL database for a benchmark run (BENCH_DATABASE_SERVER or local 5432)."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.engine import make_url

from bot.migrate import upgrade

SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")


@asynccontextmanager
async def scratch_database() -> AsyncIterator[str]:
    """Create a migrated database, yield its URL, drop it afterwards."""
    name = f"goalbot_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(SERVER)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    try:
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


MEMBERS_SQL = """
WITH new_users AS (
  INSERT INTO users (name, timezone, telegram_chat_id, reminder_time)
  SELECT 'member ' || i, (ARRAY['UTC','Europe/Berlin','Asia/Kolkata','America/New_York'])[1 + i % 4],
         $1 + i, '07:00'
  FROM generate_series(1, $2) AS i
  RETURNING id, timezone
), new_goals AS (
  INSERT INTO goals (user_id, title, created_at)
  SELECT id, 'Get fit', '2026-01-01' FROM new_users RETURNING id
)
INSERT INTO habits (goal_id, title, frequency, created_at)
SELECT g.id, h.title, h.frequency, '2026-01-01'
FROM new_goals g, (VALUES ('Run 20 minutes', 'daily'), ('Stretch', 'weekly:3')) AS h(title, frequency)
"""


async def add_members(url: str, count: int, first_chat: int = 1_000_000) -> None:
    """Add `count` members, each with one goal and two habits, in the four benchmark zones."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("TRUNCATE users, goals, habits, checkins, reminders_sent CASCADE")
        await conn.execute(MEMBERS_SQL, first_chat, count)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
