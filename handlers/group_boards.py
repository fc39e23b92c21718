"""Keeping each group's daily board current within Telegram's limits, whatever the load.

Check-ins only mark a board dirty (`on_checkin`, subscribed to `coach.checkins` through
`Services.checkin_listeners`); `flush(now)` writes the dirty boards, oldest first, each one
rendered fresh from the database at write time, so any number of check-ins between two
writes cost one edit. Two budgets: one write per group every `group_interval` seconds (a
share of Telegram's 20 messages a minute per group, leaving room for replies and commands
there) and `per_second` writes in any rolling second over all groups (a share of the bot's
30 a second; PTB's AIORateLimiter under it enforces the whole budget for everything sent).
The clock is injectable, so the benchmark runs ten simulated minutes in seconds.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from coach.checkins import CheckinEvent
from coach.groups import board
from coach.groups.board import BoardKey
from coach.services import Services
from handlers import group_present
from handlers.present import Reply

log = logging.getLogger(__name__)


class BoardTransport(Protocol):
    """Posts and edits a group's board message on one platform."""

    async def post(self, chat_id: int, reply: Reply) -> int | None:
        """Send the board; its message id, or None when it failed."""
        ...

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        """Edit the board in place; False when it failed."""
        ...


class BoardPublisher:
    """Coalesces board writes per group and paces them within the budgets (module docstring)."""

    def __init__(self, services: Services, transport: BoardTransport, *, group_interval: float = 6.0,
                 per_second: float = 10.0, clock: Callable[[], float] = time.time,
                 schedule: bool = True) -> None:  # fmt: skip
        self.services, self.transport, self.clock = services, transport, clock
        self.group_interval, self.per_second = group_interval, max(1, int(per_second))
        self.schedule = schedule  # False: the caller calls flush (tests, the benchmark)
        self._dirty: OrderedDict[BoardKey, float] = OrderedDict()
        self._last: dict[uuid.UUID, float] = {}
        self._recent: deque[float] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.written = {"posts": 0, "edits": 0, "failed": 0}

    async def on_checkin(self, event: CheckinEvent) -> None:
        """A check-in was recorded: mark the boards it changes."""
        for key in await board.keys_for(self.services, event):
            self.mark(key)

    async def refresh(self, group_id: uuid.UUID) -> None:
        """Mark today's board of a group (after a join, leave, share change or challenge)."""
        key = await board.today_key(self.services, group_id)
        if key is not None:
            self.mark(key)

    def mark(self, key: BoardKey) -> None:
        """This board needs a write."""
        self._dirty.setdefault(key, self.clock())
        if self.schedule:
            self._arm(0.0)

    @property
    def pending(self) -> int:
        """Boards waiting for a write."""
        return len(self._dirty)

    def _budget(self, now: float) -> int:
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        return self.per_second - len(self._recent)

    def _eligible(self, now: float) -> list[BoardKey]:
        room, chosen, groups = self._budget(now), [], set()
        for key in self._dirty:
            if len(chosen) >= room:
                break
            if key[0] in groups or now - self._last.get(key[0], -1e9) < self.group_interval:
                continue
            chosen.append(key)
            groups.add(key[0])
        return chosen

    def next_due(self, now: float) -> float | None:
        """Seconds until a dirty board may be written (None: nothing is dirty)."""
        if not self._dirty:
            return None
        waits = [
            max(0.0, self._last.get(g, -1e9) + self.group_interval - now) for g, _ in self._dirty
        ]
        soonest = min(waits)
        if self._budget(now) <= 0 and self._recent:
            soonest = max(soonest, self._recent[0] + 1.0 - now)
        return soonest

    async def flush(self, now: float | None = None) -> int:
        """Write every dirty board the budgets allow now; how many were written."""
        now = self.clock() if now is None else now
        chosen = self._eligible(now)
        for key in chosen:
            del self._dirty[key]
            self._last[key[0]] = now
            self._recent.append(now)
        await asyncio.gather(*(self._write(key, now) for key in chosen))
        return len(chosen)

    async def _write(self, key: BoardKey, now: float) -> None:
        try:
            at = datetime.fromtimestamp(now, UTC)
            spacing = timedelta(seconds=self.group_interval)
            claimed, message_id = await board.claim(self.services, key, at=at, spacing=spacing)
            if not claimed:  # another process posts it or wrote it just now: try after the interval
                self._dirty.setdefault(key, now)
                return
            content = await board.render(
                self.services, group_id=key[0], day=key[1], new=message_id is None
            )
            if content is None:
                if message_id is None:
                    await board.posted(
                        self.services, key, None
                    )  # nothing to post yet: free the row
                return
            await self._send(key, content, message_id)
        except Exception:
            log.exception("board of group %s on %s failed", key[0], key[1])
            self.written["failed"] += 1

    async def _send(
        self, key: BoardKey, content: board.BoardContent, message_id: int | None
    ) -> None:
        reply = group_present.board(content)
        if message_id is not None:
            ok = await self.transport.edit(content.group.chat_id, message_id, reply)
            self.written["edits" if ok else "failed"] += 1
            return
        posted = await self.transport.post(content.group.chat_id, reply)
        await board.posted(self.services, key, posted)
        self.written["posts" if posted else "failed"] += 1

    def _arm(self, delay: float) -> None:
        if self._timer is not None:
            return
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(delay, self._fire)

    def _fire(self) -> None:
        self._timer = None
        task = asyncio.get_running_loop().create_task(self._run_once())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_once(self) -> None:
        await self.flush()
        wait = self.next_due(self.clock())
        if wait is not None:
            self._arm(max(0.05, wait))

    async def idle(self) -> None:
        """Wait until nothing is dirty or running (tests; shutdown)."""
        while self._tasks or (self._dirty and self._timer is not None):  # noqa: ASYNC110
            await asyncio.sleep(0.01)  # a few polls in tests; no event covers timer + tasks

    def close(self) -> None:
        """Stop the timer (at shutdown; dirty boards are refreshed by the next check-in)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
