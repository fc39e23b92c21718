"""Exactly-once records of scheduled work: job runs, reminders sent, members gone quiet."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import JobRun, ReminderSent, User


async def claim_job_run(session: AsyncSession, *, job: str, fire_time: datetime) -> bool:
    """Insert the (job, fire_time) row; True if this caller claimed it, False if it existed."""
    stmt = (
        insert(JobRun)
        .values(job=job, fire_time=fire_time)
        .on_conflict_do_nothing(index_elements=["job", "fire_time"])
        .returning(JobRun.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def finish_job_run(
    session: AsyncSession,
    *,
    job: str,
    fire_time: datetime,
    status: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Record how a claimed job run ended (`done`, `failed`, `skipped`) and what it did."""
    await session.execute(
        update(JobRun)
        .where(JobRun.job == job, JobRun.fire_time == fire_time)
        .values(status=status, detail=detail, finished_at=func.now())
    )


async def last_finished_run(session: AsyncSession, *, job: str) -> datetime | None:
    """When the newest successful run of `job` finished, or None."""
    stmt = select(func.max(JobRun.finished_at)).where(JobRun.job == job, JobRun.status == "done")
    return (await session.execute(stmt)).scalar_one_or_none()


async def claim_reminder(
    session: AsyncSession, *, user_id: uuid.UUID, day: date, kind: str
) -> bool:
    """Insert the (member, day, kind) row before sending; False if it was already there."""
    stmt = (
        insert(ReminderSent)
        .values(user_id=user_id, day=day, kind=kind)
        .on_conflict_do_nothing(index_elements=["user_id", "day", "kind"])
        .returning(ReminderSent.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def settle_reminder(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    day: date,
    kind: str,
    status: str,
    telegram_message_id: int | None = None,
) -> None:
    """Record the outcome of a claimed reminder: `sent`, `blocked` or `failed`."""
    await session.execute(
        update(ReminderSent)
        .where(ReminderSent.user_id == user_id, ReminderSent.day == day, ReminderSent.kind == kind)
        .values(status=status, telegram_message_id=telegram_message_id)
    )


async def mark_member_inactive(session: AsyncSession, *, user_id: uuid.UUID) -> None:
    """Mark a member inactive (they blocked the bot): nothing scheduled is sent to them again."""
    await session.execute(update(User).where(User.id == user_id).values(active=False))
