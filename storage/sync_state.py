"""The sync's own records: changes to load, runs, erasures to carry out, the one-pass lock."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.db import Sessions
from storage.models import Erasure, SyncChange, SyncDeletion, SyncRun, SyncWatermark

LOADED = ("ok", "metrics_failed")  # statuses of runs whose rows reached the warehouse

Watermark = tuple[datetime | None, uuid.UUID | None]


async def watermarks(session: AsyncSession) -> dict[str, Watermark]:
    """Every table's watermark: (updated_at, id) of the last row loaded."""
    rows = await session.scalars(select(SyncWatermark))
    return {row.table_name: (row.watermark_at, row.watermark_id) for row in rows}


async def set_watermark(
    session: AsyncSession, *, table: str, at: datetime, row_id: uuid.UUID
) -> None:
    """Move one table's watermark to (at, row_id)."""
    statement = insert(SyncWatermark).values(table_name=table, watermark_at=at, watermark_id=row_id)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[SyncWatermark.table_name],
            set_={"watermark_at": at, "watermark_id": row_id, "updated_at": text("now()")},
        )
    )


async def start_run(session: AsyncSession, *, journal_text: bool | None = None) -> SyncRun:
    """Record a sync run as running (with the journal-text setting it runs with)."""
    run = SyncRun(status="running", journal_text=journal_text)
    session.add(run)
    await session.flush()
    return run


async def abandon_running(session: AsyncSession) -> int:
    """Close runs still marked running (their process died); call only under `sync_lock`."""
    result = await session.execute(
        update(SyncRun)
        .where(SyncRun.status == "running")
        .values(status="abandoned", finished_at=text("now()"),
                error="the process ended before the run finished; the next run cleared it")
    )  # fmt: skip
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def last_loaded_run(session: AsyncSession) -> SyncRun | None:
    """The newest run whose rows reached the warehouse."""
    query = select(SyncRun).where(SyncRun.status.in_(LOADED))
    return await session.scalar(query.order_by(SyncRun.started_at.desc()).limit(1))


async def count_runs(session: AsyncSession, *, status: str) -> int:
    """How many runs ended with `status` (e.g. abandoned)."""
    query = select(func.count()).select_from(SyncRun).where(SyncRun.status == status)
    return int(await session.scalar(query) or 0)


@asynccontextmanager
async def sync_lock(
    sessions: Sessions, *, key: int, wait_seconds: float = 0
) -> AsyncIterator[bool]:
    """Hold PostgreSQL advisory lock `key` on a connection of its own; yield whether it is held.

    A session-level lock on an idle connection (autocommit: no transaction stays open while
    the pass talks to the warehouse); a process that dies loses its connection and the lock.
    """
    engine: AsyncEngine = sessions.kw["bind"]
    async with engine.connect() as conn:
        auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
        deadline = time.monotonic() + wait_seconds
        held = bool(await auto.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}))
        while not held and time.monotonic() < deadline:
            await asyncio.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
            held = bool(await auto.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}))
        try:
            yield held
        finally:
            if held:
                await auto.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


async def pending_changes(
    session: AsyncSession, *, table: str, limit: int
) -> list[tuple[int, uuid.UUID]]:
    """The oldest `limit` change rows of `table` this transaction can see: (id, row_id)."""
    rows = await session.execute(
        select(SyncChange.id, SyncChange.row_id)
        .where(SyncChange.table_name == table)
        .order_by(SyncChange.id)
        .limit(limit)
    )
    return [(change_id, row_id) for change_id, row_id in rows]


async def forget_changes(session: AsyncSession, *, ids: Sequence[int]) -> None:
    """Delete exactly the change rows a pass loaded (never "up to an id": ids are not commit order)."""
    if ids:
        await session.execute(
            text(
                "DELETE FROM sync_changes AS s USING unnest(CAST(:ids AS bigint[])) AS x(id) "
                "WHERE s.id = x.id"
            ),  # a join, like MARK_SYNCED: linear in the ids
            {"ids": list(ids)},
        )


async def track_all_journal_entries(session: AsyncSession) -> None:
    """Queue every shared journal entry to be read again (journal text was turned on)."""
    await session.execute(
        text(
            "INSERT INTO sync_changes (table_name, row_id) SELECT 'journal_entries', j.id "
            "FROM journal_entries j JOIN users u ON u.id = j.user_id WHERE u.share_journal_text"
        )
    )


async def track_measurable(session: AsyncSession) -> None:
    """Queue every habit and every check-in with an amount to be read again (the warehouse
    gained the columns that carry targets, amounts and the score shape, #15)."""
    for table, where in (("habits", ""), ("checkins", " WHERE amount IS NOT NULL")):
        await session.execute(
            text(
                f"INSERT INTO sync_changes (table_name, row_id) SELECT '{table}', id FROM {table}{where}"
            )
        )


async def waiting_changes(session: AsyncSession) -> tuple[int, datetime | None]:
    """Changes not yet in the warehouse: how many, and when the oldest was written."""
    row = (await session.execute(select(func.count(), func.min(SyncChange.changed_at)))).one()
    return int(row[0]), row[1]


async def finish_run(
    session: AsyncSession,
    *,
    run_id: uuid.UUID,
    status: str,
    rows: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    """Record how a run ended: status ok or failed, rows per table, the error line."""
    await session.execute(
        update(SyncRun)
        .where(SyncRun.id == run_id)
        .values(status=status, rows=rows, error=error, finished_at=text("now()"))
    )


async def last_run(session: AsyncSession, *, status: str | None = None) -> SyncRun | None:
    """The newest run (with that status, if given)."""
    query = select(SyncRun).order_by(SyncRun.started_at.desc(), SyncRun.id.desc()).limit(1)
    if status is not None:
        query = query.where(SyncRun.status == status)
    return await session.scalar(query)


async def pending_erasures(session: AsyncSession) -> list[uuid.UUID]:
    """Members erased from PostgreSQL whose warehouse rows are still to be removed."""
    rows = await session.scalars(
        select(Erasure.user_id).where(Erasure.warehouse_done_at.is_(None)).order_by(Erasure.user_id)
    )
    return list(rows)


async def mark_erasures_done(session: AsyncSession, *, user_ids: Sequence[uuid.UUID]) -> None:
    """Record that these members' warehouse rows are gone."""
    if user_ids:
        await session.execute(
            update(Erasure)
            .where(Erasure.user_id.in_(user_ids), Erasure.warehouse_done_at.is_(None))
            .values(warehouse_done_at=text("now()"))
        )


MARK_SYNCED = text(
    "UPDATE checkins AS c SET synced_to_snowflake = true "
    "FROM unnest(CAST(:ids AS uuid[]), CAST(:stamps AS timestamptz[])) AS x(id, stamp) "
    "WHERE c.id = x.id AND c.updated_at = x.stamp AND NOT c.synced_to_snowflake"
)


async def mark_checkins_synced(
    session: AsyncSession, *, loaded: Sequence[tuple[uuid.UUID, datetime]]
) -> int:
    """Flag loaded check-ins as synced, skipping any changed since (its updated_at moved).

    Plain SQL on purpose: the ORM's onupdate would move updated_at and defeat the check.
    """
    if not loaded:
        return 0
    # Statistics taken when (nearly) every row was synced make the planner expect one
    # unsynced row; after a backlog (an outage, an import) a nested loop then looks cheap,
    # and flagging 100,000 rows in the benchmark ran for over five minutes. A hash join
    # stays linear whatever the statistics say.
    await session.execute(text("SET LOCAL enable_nestloop = off"))
    # the change triggers (migration 0004) skip this transaction's writes: flagging is not news
    await session.execute(text("SET LOCAL goalbot.sync_bookkeeping = 'on'"))
    result = await session.execute(
        MARK_SYNCED, {"ids": [row[0] for row in loaded], "stamps": [row[1] for row in loaded]}
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def unsynced_checkins(session: AsyncSession) -> tuple[int, datetime | None]:
    """Check-ins not yet in the warehouse: how many, and the oldest one's last change."""
    row = (
        await session.execute(
            text("SELECT count(*), min(updated_at) FROM checkins WHERE NOT synced_to_snowflake")
        )
    ).one()
    return int(row[0]), row[1]


async def pending_deletions(session: AsyncSession, *, table: str) -> list[SyncDeletion]:
    """Rows deleted from `table` in PostgreSQL that the warehouse still holds."""
    rows = await session.scalars(
        select(SyncDeletion)
        .where(SyncDeletion.table_name == table)
        .order_by(SyncDeletion.deleted_at, SyncDeletion.id)
    )
    return list(rows)


async def forget_deletions(session: AsyncSession, *, ids: Sequence[uuid.UUID]) -> None:
    """Drop deletion records the warehouse has applied."""
    if ids:
        await session.execute(delete(SyncDeletion).where(SyncDeletion.id.in_(ids)))
