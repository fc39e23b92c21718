"""Read what changed in PostgreSQL since the watermarks, in one short read-only transaction.

Each table is read by keyset on (updated_at, id) past its watermark, oldest first, at most
`max_rows_per_run` rows; check-ins also by `synced_to_snowflake = false`. Members' days are
derived here the way coach.schedule.local_day does: the local date of the moment in the
member's time zone, shifted back by their day-start hour (an unknown zone counts as UTC).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.calendar_rules import member_day_sql, warehouse_frequency
from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.sync_state import Watermark, pending_deletions, pending_erasures, watermarks
from sync.config import SyncSettings

# The member's zone, or UTC when PostgreSQL does not know it. An IN subquery is hashed once
# per statement; a join to pg_timezone_names let the planner, misled by fresh rows beyond the
# statistics, scan all ~1,200 zone names for each changed row (1.5 s for 10,000 check-ins).
ZONE = (
    "(CASE WHEN u.timezone IN (SELECT name FROM pg_timezone_names) THEN u.timezone ELSE 'UTC' END)"
)


def local_day(column: str) -> str:
    """SQL for the member's day of a timestamptz column (needs users u joined)."""
    return member_day_sql(column, ZONE, "u.day_start_hour::int")


SOURCES: dict[str, str] = {
    "users": f"""
        SELECT u.id::text, u.name, u.mentor_id::text, {ZONE}, u.day_start_hour::int,
               u.created_at, u.updated_at
        FROM users u""",
    "goals": f"""
        SELECT g.id::text, g.user_id::text, g.title, g.category, g.frequency, g.start_date, g.end_date,
               COALESCE(g.start_date, {local_day("g.created_at")}), g.status,
               g.created_at, g.updated_at
        FROM goals g JOIN users u ON u.id = g.user_id""",
    "habits": f"""
        SELECT h.id::text, h.goal_id::text, g.user_id::text, h.title, h.frequency,
               {local_day("h.created_at")}, h.active, h.updated_at
        FROM habits h JOIN goals g ON g.id = h.goal_id JOIN users u ON u.id = g.user_id""",
    "checkins": f"""
        SELECT c.id::text, c.user_id::text, c.goal_id::text, c.habit_id::text,
               COALESCE(c.day, {local_day("c.created_at")}), c.status, c.completed,
               c.created_at, c.updated_at
        FROM checkins c JOIN users u ON u.id = c.user_id""",
    "journal_entries": f"""
        SELECT j.id::text, j.user_id::text, j.created_at, {local_day("j.created_at")}, j.sentiment_score,
               j.mood_tags, j.text, u.share_journal_text, j.updated_at
        FROM journal_entries j JOIN users u ON u.id = j.user_id""",
}
ALIAS = {"users": "u", "goals": "g", "habits": "h", "checkins": "c", "journal_entries": "j"}
STAGING_OF = {
    "users": "stg_users",
    "goals": "stg_goals",
    "habits": "stg_habits",
    "checkins": "stg_checkins",
    "journal_entries": "stg_journal",
}
SAFETY = """
    SELECT user_id, count(*)::int, max(created_at) FROM safety_events
    WHERE NOT reviewed GROUP BY user_id"""


@dataclass
class Extracted:
    """Rows to stage per staging table, and what to record once the warehouse committed."""

    rows: dict[str, list[tuple]] = field(default_factory=dict)
    new_watermarks: dict[str, tuple[datetime, uuid.UUID]] = field(default_factory=dict)
    checkins_loaded: list[tuple[uuid.UUID, datetime]] = field(default_factory=list)
    erasures: list[uuid.UUID] = field(default_factory=list)
    deletions: list[uuid.UUID] = field(default_factory=list)  # sync_deletions rows applied
    capped: bool = False

    def counts(self) -> dict[str, int]:
        """Rows per staging table."""
        return {table: len(rows) for table, rows in self.rows.items()}


async def extract(
    sessions: Sessions, settings: SyncSettings, *, cipher: JournalCipher | None = None
) -> Extracted:
    """Read every changed row, the open safety flags and the pending erasures."""
    out = Extracted()
    async with sessions() as session:
        await session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )
        # plan each keyset read for its own watermark: a generic plan may scan all history
        await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        marks = await watermarks(session)
        now = await session.scalar(text("SELECT now()"))
        settled = now - timedelta(seconds=settings.settle_seconds)
        for table in SOURCES:
            rows, capped = await _changed(session, table, marks.get(table), settings)
            mark = marks.get(table)
            if table == "checkins" and mark is not None and mark[0] is not None:
                rows, late_capped = await _with_unsynced(session, rows, mark, settings)
                capped |= late_capped
            out.capped |= capped
            if moved := _next_watermark(rows, mark, settled):
                out.new_watermarks[table] = moved
            out.rows[STAGING_OF[table]] = [_shape(table, row, settings, cipher) for row in rows]
            if table == "checkins":
                out.checkins_loaded = [(uuid.UUID(row[0]), row[-1]) for row in rows]
        safety = (await session.execute(text(SAFETY))).all()
        out.rows["stg_safety"] = [(str(r[0]), r[1], r[2]) for r in safety]
        out.erasures = await pending_erasures(session)
        out.rows["stg_erasures"] = [(str(user_id),) for user_id in out.erasures]
        deleted = await pending_deletions(session, table="checkins")  # e.g. an undone press
        out.deletions = [row.id for row in deleted]
        out.rows["stg_deleted_checkins"] = [(str(row.row_id),) for row in deleted]
        await session.rollback()
    return out


async def _changed(
    session: AsyncSession, table: str, mark: Watermark | None, settings: SyncSettings
) -> tuple[list[Any], bool]:
    alias = ALIAS[table]
    where, params = "", {"cap": settings.max_rows_per_run}
    if mark is not None and mark[0] is not None:
        where = f"WHERE ({alias}.updated_at, {alias}.id) > (:at, :id)"
        params |= {"at": mark[0], "id": mark[1] or uuid.UUID(int=0)}
    sql = f"{SOURCES[table]} {where} ORDER BY {alias}.updated_at, {alias}.id LIMIT :cap"
    rows = list((await session.execute(text(sql), params)).all())
    return rows, len(rows) >= settings.max_rows_per_run


async def _with_unsynced(
    session: AsyncSession, rows: list[Any], mark: Watermark, settings: SyncSettings
) -> tuple[list[Any], bool]:
    """Add check-ins behind the watermark never flagged as synced (e.g. committed late, or
    imported with old timestamps); True when the cap left some for the next pass.

    Those past the watermark are the keyset read's, in this run or a later one.
    """
    sql = (
        f"{SOURCES['checkins']} WHERE NOT c.synced_to_snowflake "
        "AND (c.updated_at, c.id) <= (:at, :id) ORDER BY c.updated_at, c.id LIMIT :cap"
    )
    params = {"at": mark[0], "id": mark[1] or uuid.UUID(int=0), "cap": settings.max_rows_per_run}
    unsynced = (await session.execute(text(sql), params)).all()
    seen = {row[0] for row in rows}
    late = [row for row in unsynced if row[0] not in seen]
    return rows + late, len(unsynced) >= settings.max_rows_per_run


def _next_watermark(
    rows: list[Any], mark: Watermark | None, settled: datetime
) -> tuple[datetime, uuid.UUID] | None:
    """The last keyset row old enough to be final; newer rows are read again next run."""
    best = None
    for row in rows:  # ids are text here; PostgreSQL orders uuids as their text does
        key = (row[-1], row[0])
        if row[-1] <= settled and (best is None or key > best):
            best = key
    if best is None:
        return None
    if mark is not None and mark[0] is not None and best <= (mark[0], str(mark[1])):
        return None
    return best[0], uuid.UUID(best[1])


def _shape(table: str, row: Any, settings: SyncSettings, cipher: JournalCipher | None) -> tuple:
    """A source row as its staging table's columns (frequency parsed, tags as JSON)."""
    values = list(row)
    if table in ("goals", "habits"):
        freq_at = 4
        per_week, mask = warehouse_frequency(values[freq_at])
        values[freq_at + 1 : freq_at + 1] = [per_week, mask]
    if table == "journal_entries":
        tags, token, shared = values[5], values[6], values[7]
        values[5] = json.dumps(list(tags or []))
        values[6] = _journal_text(token, shared, settings, cipher)
        del values[7]
    return tuple(values)


def _journal_text(
    token: str | None, shared: bool, settings: SyncSettings, cipher: JournalCipher | None
) -> str | None:
    if not (settings.include_journal_text and shared and token and cipher is not None):
        return None
    try:
        return cipher.decrypt(token)
    except Exception:  # a token under an unknown key stays in PostgreSQL, unread
        return None
