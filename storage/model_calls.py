"""Query functions for the model-call audit: one row per coach-engine call, whatever answered."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ModelCall


async def record_model_call(
    session: AsyncSession,
    *,
    task: str,
    source: str,
    outcome: str,
    latency_ms: int,
    model: str | None = None,
    fallback_reason: str | None = None,
    prompt_tokens: int | None = None,
    output_tokens: int | None = None,
    attempts: int = 0,
    user_id: uuid.UUID | None = None,
    mentor_id: uuid.UUID | None = None,
    call_id: uuid.UUID | None = None,
    created_at: datetime | None = None,
) -> ModelCall:
    """Add one audit row (attempts = requests sent to the model, 0 when it was not asked)."""
    row = ModelCall(
        id=call_id or uuid.uuid4(),
        task=task,
        model=model,
        source=source,
        fallback_reason=fallback_reason,
        outcome=outcome,
        latency_ms=latency_ms,
        prompt_tokens=prompt_tokens,
        output_tokens=output_tokens,
        attempts=attempts,
        user_id=user_id,
        mentor_id=mentor_id,
    )
    if created_at is not None:
        row.created_at = created_at
    session.add(row)
    await session.flush()
    return row


async def model_calls(
    session: AsyncSession,
    *,
    user_id: uuid.UUID | None = None,
    task: str | None = None,
    limit: int = 100,
) -> list[ModelCall]:
    """The latest audit rows, newest first, optionally of one member and/or one task."""
    query = select(ModelCall)
    if user_id is not None:
        query = query.where(ModelCall.user_id == user_id)
    if task is not None:
        query = query.where(ModelCall.task == task)
    result = await session.scalars(query.order_by(ModelCall.created_at.desc()).limit(limit))
    return list(result)


async def count_model_calls(
    session: AsyncSession, *, user_id: uuid.UUID, since: datetime, source: str | None = "gemini"
) -> int:
    """How many calls a member made since `since` (default: only those Gemini answered).

    A mentor's copilot call about the member names them too, but counts toward the mentor's
    own cap (storage.mentors.count_mentor_calls), never the member's.
    """
    query = (
        select(func.count())
        .select_from(ModelCall)
        .where(
            ModelCall.user_id == user_id,
            ModelCall.created_at >= since,
            ModelCall.mentor_id.is_(None),
        )
    )
    if source is not None:
        query = query.where(ModelCall.source == source)
    return int(await session.scalar(query) or 0)
