"""Query functions for members (the `users` table): find, create, update, erase."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Erasure, User


async def get_member(session: AsyncSession, *, user_id: uuid.UUID) -> User | None:
    """The member with this id, or None."""
    return await session.get(User, user_id)


async def member_by_telegram(session: AsyncSession, *, telegram_user_id: int) -> User | None:
    """The member with this Telegram user id, or None."""
    return await session.scalar(select(User).where(User.telegram_user_id == telegram_user_id))


async def upsert_telegram_member(
    session: AsyncSession,
    *,
    telegram_user_id: int,
    chat_id: int | None,
    name: str | None,
    username: str | None,
    defaults: dict[str, Any],
) -> tuple[User, bool]:
    """Create the member for a Telegram identity or refresh its chat and names; (member, created)."""
    values = {
        "telegram_user_id": telegram_user_id,
        "telegram_chat_id": chat_id,
        "name": name,
        "telegram_username": username,
        **defaults,
    }
    stmt = (
        insert(User)
        .values(**values)
        .on_conflict_do_update(
            index_elements=[User.telegram_user_id],
            # /start again: fresh chat and names, and a member who had blocked the bot is back
            set_={
                "telegram_chat_id": chat_id,
                "name": name,
                "telegram_username": username,
                "active": True,
            },
        )
        .returning(User.id, (User.created_at == func.now()).label("created"))
    )
    row = (await session.execute(stmt)).one()
    member = await session.get(User, row.id, populate_existing=True)
    assert member is not None
    return member, bool(row.created)


async def create_member(
    session: AsyncSession, *, name: str | None, defaults: dict[str, Any]
) -> User:
    """Create a member with no platform identity (the console sandbox)."""
    member = User(name=name, **defaults)
    session.add(member)
    await session.flush()
    await session.refresh(member)
    return member


async def update_member(
    session: AsyncSession, *, user_id: uuid.UUID, **changes: Any
) -> User | None:
    """Apply `changes` (time zone, reminder time, day-start hour, language…) to one member."""
    member = await session.get(User, user_id)
    if member is None:
        return None
    for field, value in changes.items():
        setattr(member, field, value)
    await session.flush()
    return member


async def erase_member(session: AsyncSession, *, user_id: uuid.UUID) -> bool:
    """Delete the member (their rows cascade) and record the erasure for the warehouse sync."""
    deleted = await session.execute(delete(User).where(User.id == user_id).returning(User.id))
    if deleted.first() is None:
        return False
    await session.execute(insert(Erasure).values(user_id=user_id).on_conflict_do_nothing())
    return True
