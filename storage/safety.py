"""Query functions for safety events: crisis language a member wrote, flagged for their mentor."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SafetyEvent


async def record_safety_event(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    category: str,
    source: str,
    message_id: uuid.UUID | None = None,
) -> SafetyEvent:
    """Add a safety event (category from coach.safety, source e.g. "chat" or "journal")."""
    event = SafetyEvent(
        id=uuid.uuid4(), user_id=user_id, category=category, source=source, message_id=message_id
    )
    session.add(event)
    await session.flush()
    return event


async def mark_mentor_notified(session: AsyncSession, *, event_id: uuid.UUID, at: datetime) -> None:
    """Record when the member's mentor was alerted about `event_id`."""
    await session.execute(
        update(SafetyEvent).where(SafetyEvent.id == event_id).values(mentor_notified_at=at)
    )


async def safety_events(
    session: AsyncSession, *, user_id: uuid.UUID, since: datetime | None = None
) -> list[SafetyEvent]:
    """A member's safety events, newest first, optionally only those created since `since`."""
    query = select(SafetyEvent).where(SafetyEvent.user_id == user_id)
    if since is not None:
        query = query.where(SafetyEvent.created_at >= since)
    result = await session.scalars(query.order_by(SafetyEvent.created_at.desc()))
    return list(result)
