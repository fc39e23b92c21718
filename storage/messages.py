"""Query functions for `messages`: the member's words, the coach's replies, plan drafts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Message
from storage.replay import current_update


async def add_message(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    user_message: str | None,
    message_type: str = "chat",
    ai_reply: str | None = None,
    context_used: dict[str, Any] | None = None,
) -> Message:
    """Store a message (the reply may come later, see `complete_message`); a replayed
    update gets the row it stored the first time (`storage.replay`)."""
    update_id = current_update()
    if update_id is not None:
        found = await session.scalar(select(Message).where(
            Message.telegram_update_id == update_id, Message.message_type == message_type))  # fmt: skip
        if found is not None:
            return found
    row = Message(
        user_id=user_id,
        user_message=user_message,
        ai_reply=ai_reply,
        message_type=message_type,
        context_used=context_used,
        telegram_update_id=update_id,
    )
    session.add(row)
    await session.flush()
    return row


async def complete_message(
    session: AsyncSession,
    *,
    message_id: uuid.UUID,
    ai_reply: str,
    context_used: dict[str, Any] | None,
) -> None:
    """Store the coach's reply and what it was based on."""
    row = await session.get(Message, message_id)
    if row is not None:
        row.ai_reply = ai_reply
        row.context_used = context_used
        await session.flush()


async def message_for_user(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    message_id: uuid.UUID,
    message_type: str,
    lock: bool = False,
) -> Message | None:
    """One of the member's messages of a type (locked for update if asked), or None."""
    query = select(Message).where(
        Message.id == message_id, Message.user_id == user_id, Message.message_type == message_type
    )
    if lock:
        query = query.with_for_update()
    return await session.scalar(query)


async def latest_with_state(
    session: AsyncSession, *, user_id: uuid.UUID, message_type: str, state: str, since: datetime
) -> Message | None:
    """The member's newest message of a type whose context_used.state is `state`, since a time."""
    return await session.scalar(
        select(Message)
        .where(
            Message.user_id == user_id,
            Message.message_type == message_type,
            Message.created_at >= since,
            Message.context_used["state"].astext == state,
        )
        .order_by(Message.created_at.desc())
        .limit(1)
    )


async def recent_messages(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    limit: int = 10,
    types: tuple[str, ...] = ("chat",),
) -> list[Message]:
    """The member's newest messages of these types, newest first."""
    return list(
        await session.scalars(
            select(Message)
            .where(Message.user_id == user_id, Message.message_type.in_(types))
            .order_by(Message.created_at.desc())
            .limit(limit)
        )
    )


async def set_state(session: AsyncSession, *, message: Message, state: str, **extra: Any) -> None:
    """Record a new state (and extra keys) in a message's context_used."""
    message.context_used = {**(message.context_used or {}), "state": state, **extra}
    await session.flush()


async def mark_crisis(
    session: AsyncSession, *, message_id: uuid.UUID, ai_reply: str, context_used: dict[str, Any]
) -> None:
    """Re-mark a stored message as crisis language (message_type "crisis", kept out of history)."""
    row = await session.get(Message, message_id)
    if row is not None:
        row.message_type = "crisis"
        row.ai_reply = ai_reply
        row.context_used = context_used
        await session.flush()
