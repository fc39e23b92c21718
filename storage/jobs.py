"""Exactly-once records of scheduled work: job runs, reminders sent, members gone quiet."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, tuple_, update
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


ReminderKey = tuple[uuid.UUID, date, str]  # (user_id, day, kind)


async def claim_reminders(session: AsyncSession, *, keys: list[ReminderKey]) -> set[ReminderKey]:
    """Insert (member, day, kind) rows before sending; return the keys this caller inserted."""
    if not keys:
        return set()
    rows = [{"user_id": u, "day": d, "kind": k} for u, d, k in keys]
    stmt = (
        insert(ReminderSent)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["user_id", "day", "kind"])
        .returning(ReminderSent.user_id, ReminderSent.day, ReminderSent.kind)
    )
    return {(r.user_id, r.day, r.kind) for r in (await session.execute(stmt)).all()}


async def settle_reminders(
    session: AsyncSession, *, outcomes: list[tuple[uuid.UUID, date, str, str, int | None]]
) -> None:
    """Record each claimed reminder's outcome (`sent`, `blocked`, `failed`); blocked → inactive."""
    if not outcomes:
        return
    table = ReminderSent.__table__
    stmt = (
        update(table)
        .where(table.c.user_id == bindparam("u"), table.c.day == bindparam("d"),
               table.c.kind == bindparam("k"))
        .values(status=bindparam("s"), telegram_message_id=bindparam("m"))
    )  # fmt: skip
    params = [{"u": u, "d": d, "k": k, "s": s, "m": m} for u, d, k, s, m in outcomes]
    await (await session.connection()).execute(stmt, params)
    blocked = [u for u, _, _, status, _ in outcomes if status == "blocked"]
    await mark_members_inactive(session, user_ids=blocked)


async def release_reminders(session: AsyncSession, *, keys: list[ReminderKey]) -> None:
    """Delete claims that were never sent (budget spent), so a later tick may send them."""
    if not keys:
        return
    await session.execute(
        delete(ReminderSent).where(
            tuple_(ReminderSent.user_id, ReminderSent.day, ReminderSent.kind).in_(keys),
            ReminderSent.status == "pending",
        )
    )


async def mark_members_inactive(session: AsyncSession, *, user_ids: list[uuid.UUID]) -> None:
    """Mark members inactive (they blocked the bot): nothing scheduled is sent to them again."""
    if user_ids:
        await session.execute(update(User).where(User.id.in_(user_ids)).values(active=False))
