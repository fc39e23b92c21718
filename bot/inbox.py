"""The durable inbox's workers: every update stored first, one member at a time, in order.

`receive` stores an update (keyed by update_id: a redelivery is absorbed) and tries to lease
its member's lane in the same statement; the lease holder handles the lane's updates oldest
first, marking each handled, and gives the lease up when none are left. Any process may hold
any lane, never two at once (storage.inbox). A sweep picks up lanes whose lease ran out (a
process died) or that nobody took; a heartbeat renews the leases of lanes being handled.
`stop` takes nothing new, gives running handlers a deadline, and leaves the rest in the
inbox, released, for the next process. docs/operations.md has the whole story.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.inbox_config import InboxSettings
from bot.inbox_payload import checkin_press, durable, lane_of
from storage import inbox as store
from storage.db import Sessions, driver_connection
from storage.replay import handling

log = logging.getLogger(__name__)

# Handle(update_id, payload, parsed object or None) -> outcome ("done", "failed", "unparsable")
Handle = Callable[[int, dict[str, Any], Any], Awaitable[str]]


@dataclass
class _Lane:
    """One member's updates waiting in this process, oldest first."""

    pending: list[tuple[int, dict[str, Any], Any]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    fetch: bool = False
    task: asyncio.Task[None] | None = None

    def add(self, update_id: int, payload: dict[str, Any], parsed: Any = None) -> None:
        if update_id in self.seen:
            return
        self.seen.add(update_id)
        self.pending.append((update_id, payload, parsed))
        self.pending.sort(key=lambda item: item[0])


class Inbox:
    """Store, lease, handle in order; several processes share one inbox through PostgreSQL."""

    def __init__(self, sessions: Sessions, handle: Handle, settings: InboxSettings) -> None:
        self.sessions, self.handle, self.settings = sessions, handle, settings
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.accepting = True
        self.handled = 0
        self._lanes: dict[int, _Lane] = {}
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._loop_task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    async def receive(self, update_id: int, payload: dict[str, Any], parsed: Any = None) -> bool:
        """Store an update before it is acknowledged; True when new, False for a redelivery.

        Raises when the database cannot store it: the caller must not acknowledge then.
        """
        lane = lane_of(payload)
        text = json.dumps(payload, ensure_ascii=False)
        async with driver_connection(self.sessions) as conn:
            got = await store.store_and_lease(conn, update_id=update_id, lane=lane, payload=text,
                                              owner=self.owner, lease=self.settings.lease_seconds,
                                              durable=durable(payload))  # fmt: skip
        if got.leased and self.accepting:
            self._take(lane, fetch=got.older > 0).add(update_id, payload, parsed)
        elif got.leased:  # stopping: keep it for the next process
            await self._release([lane])
        return got.stored

    async def keep_unhandled(self, update_id: int, payload: dict[str, Any], outcome: str) -> None:
        """Keep an update that will not be handled (the library cannot parse it), marked so."""
        text = json.dumps(payload, ensure_ascii=False)
        async with driver_connection(self.sessions) as conn:
            await store.store_handled(conn, update_id=update_id, lane=lane_of(payload),
                                      payload=text, outcome=outcome)  # fmt: skip

    def takes_at_once(self, payload: dict[str, Any]) -> bool:
        """True when this update is a check-in press to handle before its 200, not stored.

        A press sets one check-in to one status: doing it twice does nothing more (milestones
        are claimed atomically), so a redelivery after a crash is harmless and the press needs
        no inbox row. It waits for the member's lane when this process has one running, so it
        never overtakes their earlier messages here (docs/operations.md, "Presses at once").
        """
        return (
            self.settings.presses_at_once
            and self.accepting
            and checkin_press(payload)
            and lane_of(payload) not in self._lanes
        )

    async def handle_at_once(self, update_id: int, payload: dict[str, Any], parsed: Any) -> bool:
        """Handle a check-in press now; False when it must be delivered again (the database
        went away, or it ran past the press deadline), True when it is done or failed for good."""
        async with self._slots:
            try:
                async with asyncio.timeout(self.settings.press_timeout_seconds):
                    outcome = await self.handle(update_id, payload, parsed)
            except TimeoutError:
                log.warning("inbox: press %s took longer than %.0f s; Telegram will send it again",
                            update_id, self.settings.press_timeout_seconds)  # fmt: skip
                return False
            except Exception:
                log.exception("inbox: press %s failed", update_id)
                return True
        return outcome != "retry"

    def _take(self, lane: int, *, fetch: bool) -> _Lane:
        """The lane's local state, with a task handling it (started if none runs)."""
        state = self._lanes.get(lane)
        if state is None:
            state = self._lanes[lane] = _Lane(fetch=fetch)
            state.task = asyncio.create_task(self._run_lane(lane, state), name=f"lane-{lane}")
        return state

    async def _run_lane(self, lane: int, state: _Lane) -> None:
        released = False
        try:
            if state.fetch:
                async with driver_connection(self.sessions) as conn:
                    for update_id, payload in await store.pending_in_lane(conn, lane=lane):
                        state.add(update_id, payload)
            while state.pending and self.accepting:
                update_id, payload, parsed = state.pending.pop(0)
                outcome = await self._handle_one(update_id, payload, parsed, fresh=not state.fetch)
                if outcome == "retry":  # the database went away: keep the lease, which runs out,
                    released = True  # and the lane is swept again (a backoff of one lease)
                    log.warning("inbox: update %s waits for the database; tried again later",
                                update_id)  # fmt: skip
                    break
                released = await self._finish(lane, state, update_id, outcome, durable(payload))
                self.handled += 1
        except asyncio.CancelledError:
            log.warning(
                "inbox: lane %s stopped while handling; its updates stay in the inbox", lane
            )
            raise
        except Exception:
            log.exception("inbox: lane %s failed; its lease runs out and another try follows", lane)
        finally:
            self._lanes.pop(lane, None)
            if not released:
                with contextlib.suppress(Exception):
                    await asyncio.shield(self._release([lane]))

    async def _finish(
        self, lane: int, state: _Lane, update_id: int, outcome: str, durable_commit: bool
    ) -> bool:
        """Mark the update handled and let the lane go when nothing waits in it; True once the
        lane is no longer ours. What waits is added to `state` (emptied when another process
        took the lane over)."""
        mark: int | None = update_id
        while True:
            asked = not state.pending and self.accepting
            async with driver_connection(self.sessions) as conn:
                got = await store.finish_and_next(
                    conn, update_id=mark, outcome=outcome, lane=lane, owner=self.owner,
                    release=asked, durable=durable_commit,
                )  # fmt: skip
            mark = None
            for other_id, other in got.pending:
                state.add(other_id, other)
            if got.released and state.pending and await self._lease_again(lane):
                return False  # one arrived here as we let go: leased again
            if got.released or not got.ours:
                state.pending.clear()
                return True
            if state.pending or not asked:
                return False
            # Kept though nothing was seen waiting: the member's next update renewed the lease
            # after this statement's snapshot. Look again, with a new snapshot.

    async def _lease_again(self, lane: int) -> bool:
        async with driver_connection(self.sessions) as conn:
            taken = await store.lease_lane(conn, lane=lane, owner=self.owner,
                                           lease=self.settings.lease_seconds)  # fmt: skip
        return taken

    async def _handle_one(
        self, update_id: int, payload: dict[str, Any], parsed: Any, *, fresh: bool
    ) -> str:
        """Handle one update within the handler timeout; its outcome for the inbox row."""
        if not fresh:  # read back from the inbox: it may have been tried before (a crash)
            async with driver_connection(self.sessions) as conn:
                attempts = await store.count_attempt(conn, update_id=update_id)
            if attempts > self.settings.max_attempts:
                log.error("inbox: update %s set aside after %s attempts", update_id, attempts - 1)
                return "gave_up"
        async with self._slots:
            try:
                async with asyncio.timeout(self.settings.handler_timeout_seconds):
                    with handling(update_id):  # a replay finds the rows it stored before
                        return await self.handle(update_id, payload, parsed)
            except TimeoutError:
                log.error("inbox: update %s took longer than %.0f s", update_id,
                          self.settings.handler_timeout_seconds)  # fmt: skip
                return "failed"
            except Exception:
                log.exception("inbox: update %s failed", update_id)
                return "failed"

    async def _release(self, lanes: list[int] | None) -> None:
        async with driver_connection(self.sessions) as conn:
            await store.release(conn, owner=self.owner, lanes=lanes)

    # ---- the background loop: sweep for waiting lanes, renew our leases ------------------

    def start(self) -> None:
        """Start sweeping and renewing (call once the handlers are ready)."""
        self._loop_task = asyncio.create_task(self._loop(), name="inbox-sweep")

    async def _loop(self) -> None:
        renew_every = self.settings.lease_seconds / 3
        since_renew = 0.0
        while self.accepting:
            try:
                await self._sweep_once()
                since_renew += self.settings.sweep_seconds
                if since_renew >= renew_every and self._lanes:
                    since_renew = 0.0
                    async with driver_connection(self.sessions) as conn:
                        await store.renew(conn, owner=self.owner, lanes=list(self._lanes),
                                          lease=self.settings.lease_seconds)  # fmt: skip
            except Exception as exc:
                log.warning("inbox: sweep failed (%s); trying again", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.settings.sweep_seconds)
            self._wake.clear()

    async def _sweep_once(self) -> None:
        room = self.settings.concurrency - len(self._lanes)
        if room <= 0:
            return
        async with driver_connection(self.sessions) as conn:
            lanes = await store.sweep(conn, owner=self.owner, lease=self.settings.lease_seconds,
                                      limit=room)  # fmt: skip
        for lane in lanes:
            if self.accepting:
                self._take(lane, fetch=True)

    def wake(self) -> None:
        """Sweep now (polling mode calls this after storing a batch)."""
        self._wake.set()

    @property
    def busy(self) -> int:
        """Lanes being handled in this process now."""
        return len(self._lanes)

    async def stop(self, deadline: float | None = None) -> int:
        """Take nothing new; give running handlers `deadline` seconds, then cancel them.

        What is left stays in the inbox, its leases released for the next process. Returns
        how many lanes were cut short.
        """
        deadline = self.settings.shutdown_seconds if deadline is None else deadline
        self.accepting = False
        self._wake.set()
        if self._loop_task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._loop_task, 5)
        tasks = {s.task for s in self._lanes.values() if s.task is not None}
        late: set[asyncio.Task[None]] = set()
        if tasks:
            log.info("inbox: waiting up to %.0f s for %d running handler(s)", deadline, len(tasks))
            _, late = await asyncio.wait(tasks, timeout=deadline)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=5)
        with contextlib.suppress(Exception):
            await self._release(None)
        return len(late)
