"""Read what changed in PostgreSQL, in one short read-only transaction.

What changed is what `sync_changes` lists: triggers write one row there per changed source
row, in the writer's own transaction (migration 0004). This pass reads, in one REPEATABLE
READ snapshot, the change rows it can see (oldest first, at most `max_rows_per_run` per
table) and the current version of each row they name; after the warehouse has committed,
the pipeline deletes exactly the change rows read. A transaction that commits late, however
late, has its change rows become visible with its data, to a later pass: nothing is skipped
by position, because there is no position (docs/analytics-sync.md states the guarantee).

Members' days are derived here the way coach.schedule.local_day does: the local date of the
moment in the member's time zone, shifted back by their day-start hour (an unknown zone
counts as UTC).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.calendar_rules import member_day_sql, warehouse_frequency
from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.score_rules import TARGET_PERIODS, warehouse_scoring
from storage.sync_state import pending_changes, pending_deletions, pending_erasures
from sync.config import SyncSettings
from sync.schema import SCORING, STAGING

# storage.score_rules.warehouse_scoring's values, in the order it returns them
SCORING_COLUMNS = tuple(column.name for column in SCORING)

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
    # named as stg_habits' columns: _habit places them by name
    "habits": """
        SELECT h.id::text AS habit_id, h.goal_id::text AS goal_id, g.user_id::text AS user_id,
               h.title, h.frequency, h.first_day AS start_day, h.active,
               h.target_amount::float8 AS target_amount, h.target_unit, h.target_period,
               h.updated_at
        FROM habits h JOIN goals g ON g.id = h.goal_id JOIN users u ON u.id = g.user_id""",
    "checkins": f"""
        SELECT c.id::text, c.user_id::text, c.goal_id::text, c.habit_id::text,
               COALESCE(c.day, {local_day("c.created_at")}), c.status, c.completed,
               c.amount::float8, c.created_at, c.updated_at
        FROM checkins c JOIN users u ON u.id = c.user_id""",
    "journal_entries": f"""
        SELECT j.id::text, j.user_id::text, j.created_at, {local_day("j.created_at")}, j.sentiment_score,
               j.mood_tags, j.text, u.share_journal_text, j.updated_at
        FROM journal_entries j JOIN users u ON u.id = j.user_id""",
    "groups": """
        SELECT gr.id::text, gr.title, gr.timezone, gr.active, gr.created_at, gr.updated_at
        FROM groups gr""",
    # a change row names the member: all their memberships are read again (leaving included)
    "group_memberships": """
        SELECT gm.group_id::text, gm.user_id::text, gm.joined_at
        FROM group_memberships gm""",
}
ALIAS = {"users": "u", "goals": "g", "habits": "h", "checkins": "c", "journal_entries": "j",
         "groups": "gr", "group_memberships": "gm"}  # fmt: skip
KEY = {"group_memberships": "gm.user_id"}  # what a change row's row_id names (default: id)
STAGING_OF = {
    "users": "stg_users",
    "goals": "stg_goals",
    "habits": "stg_habits",
    "checkins": "stg_checkins",
    "journal_entries": "stg_journal",
    "groups": "stg_groups",
    "group_memberships": "stg_group_memberships",
}
SAFETY = """
    SELECT user_id, count(*)::int, max(created_at) FROM safety_events
    WHERE NOT reviewed GROUP BY user_id"""


@dataclass
class Extracted:
    """Rows to stage per staging table, and what to record once the warehouse committed."""

    rows: dict[str, list[tuple]] = field(default_factory=dict)
    change_ids: list[int] = field(default_factory=list)  # sync_changes rows this pass read
    checkins_loaded: list[tuple[uuid.UUID, datetime]] = field(default_factory=list)
    membership_users: list[str] = field(default_factory=list)  # members whose groups reload
    erasures: list[uuid.UUID] = field(default_factory=list)
    deletions: list[uuid.UUID] = field(default_factory=list)  # sync_deletions rows applied
    clear_journal_text: bool = False  # SYNC_INCLUDE_JOURNAL_TEXT was turned off
    capped: bool = False

    def counts(self) -> dict[str, int]:
        """Rows per staging table (the open-safety snapshot aside: it is not news)."""
        return {table: len(rows) for table, rows in self.rows.items() if table != "stg_safety"}


async def extract(
    sessions: Sessions, settings: SyncSettings, *, cipher: JournalCipher | None = None
) -> Extracted:
    """Read every pending change, the open safety flags and the pending erasures."""
    out = Extracted()
    async with sessions() as session:
        await session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )
        # plan each read for its own number of keys: a generic plan may scan all history
        await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        for table in SOURCES:
            rows = await _changed(session, table, settings, out)
            out.rows[STAGING_OF[table]] = [_shape(table, row, settings, cipher) for row in rows]
            if table == "checkins":
                out.checkins_loaded = [(uuid.UUID(row[0]), row[-1]) for row in rows]
        out.rows["stg_membership_changes"] = [(user_id,) for user_id in out.membership_users]
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
    session: AsyncSession, table: str, settings: SyncSettings, out: Extracted
) -> list[Any]:
    """The current version of every row `table`'s visible change rows name."""
    changes = await pending_changes(session, table=table, limit=settings.max_rows_per_run)
    out.capped |= len(changes) >= settings.max_rows_per_run
    out.change_ids += [change_id for change_id, _ in changes]
    keys = list(dict.fromkeys(str(row_id) for _, row_id in changes))
    if table == "group_memberships":
        out.membership_users = keys
    if not keys:
        return []
    alias = ALIAS[table]
    key = KEY.get(table, f"{alias}.id")
    # joined to the keys, not `key = ANY(:keys)`: with thousands of keys the planner chose a
    # parallel seq scan of the whole table, a cost that grew with history (bench_sync.py)
    keyed = f"FROM unnest(CAST(:keys AS uuid[])) AS k(id) JOIN {table} {alias} ON {key} = k.id"
    sql = SOURCES[table].replace(f"FROM {table} {alias}", keyed, 1) + f" ORDER BY {key}"
    return list((await session.execute(text(sql), {"keys": keys})).all())


def _shape(table: str, row: Any, settings: SyncSettings, cipher: JournalCipher | None) -> tuple:
    """A source row as its staging table's columns (frequency parsed, tags as JSON)."""
    if table == "habits":
        return _habit(row._mapping)
    values = list(row)
    if table == "goals":
        values[5:5] = warehouse_frequency(values[4])  # after the frequency, as in stg_goals
    if table == "journal_entries":
        tags, token, shared = values[5], values[6], values[7]
        values[5] = json.dumps(list(tags or []))
        values[6] = _journal_text(token, shared, settings, cipher)
        del values[7]
    return tuple(values)


def _habit(source: Mapping[str, Any]) -> tuple:
    """A habits row in stg_habits' column order, each column placed by its name."""
    named = dict(source)
    named["per_week"], named["weekday_mask"] = warehouse_frequency(named["frequency"])
    if named["target_amount"] is None or named["target_period"] not in TARGET_PERIODS:
        named.update(target_amount=None, target_unit=None, target_period=None)  # yes/no habit
    scoring = warehouse_scoring(named["frequency"], named["target_amount"], named["target_period"])
    named.update(zip(SCORING_COLUMNS, scoring, strict=True))
    return tuple(named[column.name] for column in STAGING["stg_habits"])


def _journal_text(
    token: str | None, shared: bool, settings: SyncSettings, cipher: JournalCipher | None
) -> str | None:
    if not (settings.include_journal_text and shared and token and cipher is not None):
        return None
    try:
        return cipher.decrypt(token)
    except Exception:  # a token under an unknown key stays in PostgreSQL, unread
        return None
