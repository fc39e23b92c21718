"""Deliver scheduled messages once each: claim rows in batches, send concurrently, settle.

Before anything is sent, a batch of `reminders_sent` rows (member, day, kind) is inserted in
one statement; only the rows this process inserted are sent, so two schedulers or a restart
never send twice. Outcomes are written back in batches too (two commits per batch, not per
message, which matters when thousands go out at Telegram's pace). A member who blocked the
bot is marked inactive. One member's failure never stops the batch. With a time budget,
claimed items not started in time are released for the next tick.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from time import monotonic
from typing import Any, Protocol

from storage.db import Sessions
from storage.jobs import claim_reminders, release_reminders, settle_reminders

log = logging.getLogger(__name__)

BATCH = 50


class Deliverable(Protocol):
    """Anything sent once per member, day and kind."""

    @property
    def user_id(self) -> uuid.UUID: ...
    @property
    def day(self) -> date: ...
    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Sent:
    """The platform's answer to one send: `sent`, `blocked` (member blocked us) or `failed`."""

    status: str
    message_id: int | None = None


def _key(item: Any) -> tuple[uuid.UUID, date, str]:
    return (item.user_id, item.day, item.kind)


class Delivery:
    """One batch run: claims, concurrent sends, settled outcomes and counts."""

    def __init__(
        self, sessions: Sessions, send: Callable[[Any], Awaitable[Sent]], budget: timedelta | None
    ) -> None:
        self.sessions = sessions
        self.send = send
        self.deadline = monotonic() + budget.total_seconds() if budget is not None else None
        self.counts: Counter[str] = Counter()
        self.outcomes: list[tuple[tuple[uuid.UUID, date, str], Sent]] = []
        self.expired: list[tuple[uuid.UUID, date, str]] = []

    async def claim(self, batch: list[Any]) -> list[Any]:
        """Insert the batch's rows; return the items this process claimed."""
        async with self.sessions.begin() as session:
            claimed = await claim_reminders(session, keys=[_key(i) for i in batch])
        self.counts["duplicate"] += len(batch) - len(claimed)
        return [item for item in batch if _key(item) in claimed]

    async def deliver(self, item: Any) -> None:
        """Send one claimed item (or release it when the budget is spent); never raises."""
        if self.deadline is not None and monotonic() > self.deadline:
            self.expired.append(_key(item))
            self.counts["expired"] += 1
            return
        try:
            outcome = await self.send(item)
        except Exception:
            log.exception("sending %s to member %s failed", item.kind, item.user_id)
            outcome = Sent("failed")
        self.counts[outcome.status] += 1
        self.outcomes.append((_key(item), outcome))
        if len(self.outcomes) >= BATCH:
            await self.settle()

    async def settle(self) -> None:
        """Write the outcomes gathered so far, and release expired claims."""
        outcomes, self.outcomes = self.outcomes, []
        expired, self.expired = self.expired, []
        if not outcomes and not expired:
            return
        async with self.sessions.begin() as session:
            rows = [(*key, sent.status, sent.message_id) for key, sent in outcomes]
            await settle_reminders(session, outcomes=rows)
            await release_reminders(session, keys=expired)


async def deliver(
    sessions: Sessions,
    items: AsyncIterator[Any],
    send: Callable[[Any], Awaitable[Sent]],
    *,
    concurrency: int = 16,
    budget: timedelta | None = None,
) -> Counter[str]:
    """Deliver a stream of items with `concurrency` senders; return counts per outcome."""
    run = Delivery(sessions, send, budget)
    queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=max(BATCH, concurrency * 2))

    async def worker() -> None:
        while (item := await queue.get()) is not None:
            await run.deliver(item)

    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    try:
        batch: list[Any] = []
        async for item in items:
            batch.append(item)
            if len(batch) >= BATCH:
                for claimed in await run.claim(batch):
                    await queue.put(claimed)
                batch = []
        for claimed in await run.claim(batch) if batch else []:
            await queue.put(claimed)
    finally:
        for _ in workers:
            await queue.put(None)
        await asyncio.gather(*workers)
        await run.settle()
    if run.counts["expired"]:
        log.warning("%d not sent within %s: left for the next tick", run.counts["expired"], budget)
    return +run.counts
