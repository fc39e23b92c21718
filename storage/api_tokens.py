"""Query functions for API tokens: store by hash, find a live one, revoke, note its use."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ApiToken


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


# $1 token hash, $2 now: the live token, and last_used_at set if older than a minute
_USE = """
WITH t AS (
  SELECT id, scope, user_id, mentor_id, last_used_at FROM api_tokens
  WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2
), used AS (
  UPDATE api_tokens a SET last_used_at = $2 FROM t
  WHERE a.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < $2 - interval '1 minute')
  RETURNING a.id
)
SELECT id, scope, user_id, mentor_id FROM t
"""


async def use_token(conn: asyncpg.Connection, *, token_hash: str, now: datetime) -> Any:
    """One autocommit statement: the live token's id, scope and subject, its use noted."""
    return await conn.fetchrow(_USE, token_hash, now)
