"""Query functions for API tokens: store by hash, find a live one, revoke, note its use."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ApiToken

USE_RESOLUTION = timedelta(minutes=1)  # last_used_at is written at most once a minute per token


async def add_token(
    session: AsyncSession,
    *,
    token_hash: str,
    scope: str,
    user_id: uuid.UUID | None = None,
    mentor_id: uuid.UUID | None = None,
    expires_at: datetime,
) -> ApiToken:
    """Store a newly issued token by its hash."""
    row = ApiToken(token_hash=token_hash, scope=scope, user_id=user_id, mentor_id=mentor_id,
                   expires_at=expires_at)  # fmt: skip
    session.add(row)
    await session.flush()
    return row


async def live_token(session: AsyncSession, *, token_hash: str, now: datetime) -> ApiToken | None:
    """The token with this hash while it is neither revoked nor expired."""
    return await session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == token_hash,
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > now,
        )
    )


async def note_use(session: AsyncSession, *, token_id: uuid.UUID, now: datetime) -> None:
    """Set last_used_at, unless it was set less than a minute ago (no write per request)."""
    await session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id)
        .where((ApiToken.last_used_at.is_(None)) | (ApiToken.last_used_at < now - USE_RESOLUTION))
        .values(last_used_at=now)
    )


async def revoke_tokens(
    session: AsyncSession,
    *,
    now: datetime,
    user_id: uuid.UUID | None = None,
    mentor_id: uuid.UUID | None = None,
) -> int:
    """Revoke every live token of a member or of a mentor; return how many."""
    subject = (
        ApiToken.user_id == user_id if user_id is not None else ApiToken.mentor_id == mentor_id
    )
    result = await session.execute(
        update(ApiToken)
        .where(subject, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(ApiToken.id)
    )
    return len(result.all())
