"""Journal entries: stored encrypted, read decrypted; the key is rotated in batches."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.models import JournalEntry
from storage.replay import current_update


async def add_entry(
    session: AsyncSession,
    *,
    cipher: JournalCipher,
    user_id: uuid.UUID,
    text: str,
    sentiment_score: float | None = None,
    mood_tags: Sequence[str] = (),
) -> JournalEntry:
    """Store a journal entry with its text encrypted; a replayed update gets the entry it
    stored the first time (`storage.replay`)."""
    update_id = current_update()
    if update_id is not None:
        found = await session.scalar(
            select(JournalEntry).where(JournalEntry.telegram_update_id == update_id)
        )
        if found is not None:
            return found
    entry = JournalEntry(
        user_id=user_id,
        text=cipher.encrypt(text),
        sentiment_score=sentiment_score,
        mood_tags=list(mood_tags),
        telegram_update_id=update_id,
    )
    session.add(entry)
    await session.flush()
    return entry


async def newest_entries(
    session: AsyncSession, *, user_id: uuid.UUID, limit: int
) -> list[JournalEntry]:
    """The member's newest entries (text still encrypted), newest first."""
    rows = await session.scalars(
        select(JournalEntry)
        .where(JournalEntry.user_id == user_id)
        .order_by(JournalEntry.created_at.desc())
        .limit(limit)
    )
    return list(rows)


async def recent_entries(
    session: AsyncSession, *, cipher: JournalCipher, user_id: uuid.UUID, limit: int = 10
) -> list[tuple[JournalEntry, str]]:
    """The member's newest entries with their decrypted text, newest first."""
    entries = await newest_entries(session, user_id=user_id, limit=limit)
    return [(entry, cipher.decrypt(entry.text or "")) for entry in entries]


async def rotate_all(sessions: Sessions, *, cipher: JournalCipher, batch: int = 500) -> int:
    """Re-encrypt every entry under the cipher's newest key; one transaction per batch."""
    count = 0
    last_id: uuid.UUID | None = None
    while True:
        async with sessions.begin() as session:
            query = select(JournalEntry).order_by(JournalEntry.id).limit(batch)
            if last_id is not None:
                query = query.where(JournalEntry.id > last_id)
            entries = list(await session.scalars(query.with_for_update()))
            for entry in entries:
                if entry.text is not None:
                    entry.text = cipher.rotate(entry.text)
        if not entries:
            return count
        count += len(entries)
        last_id = entries[-1].id
