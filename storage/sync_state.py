"""The sync's own records: watermarks, runs, erasures to carry out, check-ins marked synced."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Erasure, SyncDeletion, SyncRun, SyncWatermark

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


async def start_run(session: AsyncSession) -> SyncRun:
    """Record a sync run as running."""
    run = SyncRun(status="running")
    session.add(run)
    await session.flush()
    return run


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
