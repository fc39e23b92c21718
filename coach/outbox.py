"""Delivering the outbox: sends that must reach someone, tried until accepted, exactly once.

An event writes its send as an outbox row in its own transaction (`storage.outbox.enqueue`);
this job claims what is due, sends each outside any transaction, and records the result: on
success `delivered_at` and the kind's own record (e.g. `safety_events.mentor_notified_at`) in
one transaction; on failure the next attempt after a doubling backoff. A send older than
`give_up_hours` is set aside with an error in the log. A crash between the platform's OK and
that commit sends once more after the claim's hold runs out: at least once, and in practice
once (the only window is one commit long).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage import outbox as store
from storage.db import Sessions

log = logging.getLogger(__name__)

SEND_SECONDS = 20.0  # one send's longest wait; the claim hides the row for longer than this
Send = Callable[[dict[str, Any]], Awaitable[str]]  # -> "sent" | "failed" | "skipped: why"
Record = Callable[[AsyncSession, dict[str, Any], datetime], Awaitable[None]]


@dataclass(frozen=True)
class Kind:
    """How one kind of outbox row is sent, and what else to record when it was."""

    send: Send
    delivered: Record | None = None


@dataclass(frozen=True)
class Backoff:
    """Retry timing: base, doubled per failed attempt up to `most`; give up after `give_up`."""

    base: timedelta = timedelta(seconds=15)
    most: timedelta = timedelta(minutes=15)
    give_up: timedelta = timedelta(hours=72)

    def next_try(self, now: datetime, attempts: int) -> datetime:
        """When to try again after `attempts` failed tries."""
        return now + min(self.most, self.base * 2 ** max(0, attempts - 1))


async def deliver_pending(
    sessions: Sessions,
    kinds: dict[str, Kind],
    *,
    now: Callable[[], datetime],
    backoff: Backoff = Backoff(),
    batch: int = 50,
) -> Counter[str]:
    """Try every due outbox row once; counts by result (sent, failed, skipped, unknown_kind)."""
    async with sessions.begin() as session:
        due = await store.claim_due(session, limit=batch, hold_seconds=SEND_SECONDS * 3)
    counts: Counter[str] = Counter()
    for item in due:
        counts[await _deliver_one(sessions, kinds, item, now(), backoff)] += 1
    return counts


async def _deliver_one(
    sessions: Sessions, kinds: dict[str, Kind], item: store.Due, now: datetime, backoff: Backoff
) -> str:
    kind = kinds.get(item.kind)
    if kind is None:  # another process's newer code wrote it; leave it to that code
        return "unknown_kind"
    try:
        async with asyncio.timeout(SEND_SECONDS):
            result = await kind.send(item.payload)
    except Exception as exc:
        log.warning("outbox: %s %s failed (%r)", item.kind, item.id, exc)
        result = f"failed: {type(exc).__name__}"
    async with sessions.begin() as session:
        if result == "sent":
            await store.mark_delivered(session, item_id=item.id, at=now)
            if kind.delivered is not None:
                await kind.delivered(session, item.payload, now)
            return "sent"
        if result.startswith("skipped"):
            await store.set_aside(session, item_id=item.id, at=now, why=result)
            return "skipped"
        if now - item.created_at > backoff.give_up:
            log.error("outbox: %s %s set aside after %d attempts (%s)", item.kind, item.id,
                      item.attempts, result)  # fmt: skip
            await store.set_aside(session, item_id=item.id, at=now, why=f"gave up: {result}")
            return "gave_up"
        await store.retry_later(session, item_id=item.id, at=backoff.next_try(now, item.attempts),
                                error=result)  # fmt: skip
    return "failed"
