"""The outbox's statements: enqueue in the event's own transaction, claim what is due, settle."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxItem

# Kinds with a known payload; other areas add theirs (a kind is just a name its sender knows).
CRISIS_ALERT = "crisis_alert"  # payload: user_id, event_id, category
RISK_ALERT = "risk_alert"  # payload: user_id, risk_score, missed_count_7d, last_checkin_days_ago

_CLAIM = text("""
UPDATE outbox SET next_attempt_at = now() + make_interval(secs => :hold), attempts = attempts + 1
WHERE id IN (
  SELECT id FROM outbox
  WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= now()
  ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED
)
RETURNING id, kind, payload, attempts, created_at
""")


@dataclass(frozen=True)
class Due:
    """An outbox row claimed for one delivery attempt (`attempts` counts this one)."""

    id: uuid.UUID
    kind: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime


async def enqueue(
    session: AsyncSession, *, kind: str, payload: dict[str, Any], dedup_key: str | None = None
) -> bool:
    """Add a send to the outbox in the caller's transaction; False if `dedup_key` is there."""
    stmt = insert(OutboxItem).values(kind=kind, payload=payload, dedup_key=dedup_key)
    result = await session.execute(stmt.on_conflict_do_nothing(index_elements=["dedup_key"]))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def claim_due(session: AsyncSession, *, limit: int, hold_seconds: float) -> list[Due]:
    """Claim up to `limit` due sends: each is hidden from other claimers for `hold_seconds`."""
    rows = await session.execute(_CLAIM, {"limit": limit, "hold": hold_seconds})
    return [Due(r.id, r.kind, r.payload, r.attempts, r.created_at) for r in rows]


async def mark_delivered(session: AsyncSession, *, item_id: uuid.UUID, at: datetime) -> None:
    """Record the send as delivered at `at`."""
    await session.execute(
        update(OutboxItem).where(OutboxItem.id == item_id).values(delivered_at=at, last_error=None)
    )


async def retry_later(
    session: AsyncSession, *, item_id: uuid.UUID, at: datetime, error: str
) -> None:
    """Record a failed attempt; the next one is not before `at`."""
    await session.execute(
        update(OutboxItem)
        .where(OutboxItem.id == item_id)
        .values(next_attempt_at=at, last_error=error[:500])
    )


async def set_aside(session: AsyncSession, *, item_id: uuid.UUID, at: datetime, why: str) -> None:
    """Stop trying a send (too old, or nobody to send it to), saying why."""
    await session.execute(
        update(OutboxItem)
        .where(OutboxItem.id == item_id)
        .values(gave_up_at=at, last_error=why[:500])
    )


async def outbox_rows(session: AsyncSession, *, kind: str | None = None) -> list[OutboxItem]:
    """Every outbox row (of `kind`), oldest first: for tests, the CLI and the fault suite."""
    query = select(OutboxItem).order_by(OutboxItem.created_at)
    if kind is not None:
        query = query.where(OutboxItem.kind == kind)
    return list(await session.scalars(query))
