"""The durable inbox: stored once, one member at a time in order, across processes, after a
crash, and at shutdown (two `Inbox` objects on one database stand for two processes)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text

from bot.inbox import Inbox
from bot.inbox_config import InboxSettings
from bot.inbox_payload import clean, lane_of
from storage import inbox as store
from storage.db import Sessions, driver_connection

FAST = InboxSettings(lease_seconds=1.0, sweep_seconds=0.05, shutdown_seconds=2.0)


def message(update_id: int, user: int, text: str = "hi") -> dict[str, Any]:
    """A private text message update from `user`."""
    who = {"id": user, "is_bot": False, "first_name": "M"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 1780000000,
            "text": text, "chat": {"id": user, "type": "private"}, "from": who}}  # fmt: skip


class Recorder:
    """A handler that notes when each update ran, per member, and how long it takes."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.runs: list[tuple[int, int, float, float]] = []  # (lane, update_id, start, end)
        self.running: dict[int, int] = {}
        self.overlaps = 0

    async def __call__(self, update_id: int, payload: dict[str, Any], parsed: Any) -> str:
        lane = lane_of(payload)
        self.running[lane] = self.running.get(lane, 0) + 1
        self.overlaps += self.running[lane] > 1
        start = time.monotonic()
        await asyncio.sleep(self.seconds)
        self.running[lane] -= 1
        self.runs.append((lane, update_id, start, time.monotonic()))
        return "done"

    def order(self, lane: int) -> list[int]:
        return [u for lane_, u, _, _ in self.runs if lane_ == lane]


async def settle(sessions: Sessions, seconds: float = 10.0) -> None:
    """Wait until the inbox has nothing left to handle and no lane is leased."""
    async with asyncio.timeout(seconds):
        while True:
            async with driver_connection(sessions) as conn:
                leased = await conn.fetchval("SELECT count(*) FROM inbox_lanes")
                if await store.backlog(conn) == 0 and leased == 0:
                    return
            await asyncio.sleep(0.05)


async def drain(sessions: Sessions) -> Recorder:
    """Start another "process", let it handle whatever is waiting, stop it."""
    recorder = Recorder()
    inbox = Inbox(sessions, recorder, FAST)
    inbox.start()
    try:
        await settle(sessions)
    finally:
        await inbox.stop()
    return recorder


@pytest.fixture
async def pair(sessions: Sessions) -> AsyncIterator[tuple[Inbox, Inbox, Recorder]]:
    recorder = Recorder(seconds=0.02)
    one, two = Inbox(sessions, recorder, FAST), Inbox(sessions, recorder, FAST)
    one.start()
    two.start()
    yield one, two, recorder
    await one.stop()
    await two.stop()


async def test_a_redelivered_update_is_stored_and_handled_once(
    sessions: Sessions, pair: tuple[Inbox, Inbox, Recorder]
) -> None:
    one, two, recorder = pair
    first = await one.receive(1, message(1, 7))
    again = await two.receive(1, message(1, 7))  # Telegram retried to the other process
    again_here = await one.receive(1, message(1, 7))
    await settle(sessions)
    assert (first, again, again_here) == (True, False, False)
    assert recorder.order(7) == [1]


async def test_one_member_in_order_one_at_a_time_across_processes_others_in_parallel(
    sessions: Sessions, pair: tuple[Inbox, Inbox, Recorder]
) -> None:
    one, two, recorder = pair
    arrivals = [(n, 100 + n % 5) for n in range(1, 61)]  # five members, interleaved

    async def member(user: int) -> None:  # each member's updates arrive one after another,
        for n, u in arrivals:  # alternately at the two processes
            if u == user:
                await (one if n % 2 else two).receive(n, message(n, user))
                await asyncio.sleep(0.005)

    await asyncio.gather(*(member(user) for user in range(100, 105)))
    await settle(sessions)
    assert recorder.overlaps == 0
    for user in range(100, 105):
        assert recorder.order(user) == sorted(n for n, u in arrivals if u == user)
    spans = [(s, e) for _, _, s, e in recorder.runs]
    parallel = sum(
        1 for s, e in spans if any(s2 < e and s < e2 for s2, e2 in spans if (s2, e2) != (s, e))
    )
    assert parallel > 0, "different members never ran at the same time"
    async with driver_connection(sessions) as conn:
        outcomes = await conn.fetch("SELECT outcome, count(*) FROM telegram_updates GROUP BY 1")
        leases = await conn.fetchval("SELECT count(*) FROM inbox_lanes")
    assert {r["outcome"]: r["count"] for r in outcomes} == {"done": 60}
    assert leases == 0


@pytest.mark.slow
async def test_a_dead_processs_members_are_taken_over_when_its_lease_runs_out(
    sessions: Sessions,
) -> None:
    stuck = asyncio.Event()

    async def hangs(update_id: int, payload: dict[str, Any], parsed: Any) -> str:
        await stuck.wait()
        return "done"

    dead = Inbox(sessions, hangs, FAST)  # never started: it stores and then "dies"
    for n in range(1, 4):
        await dead.receive(n, message(n, 9))

    async def no_release(lanes: object) -> None:  # kill -9: no release, no handled mark
        return None

    dead._release = no_release  # type: ignore[method-assign]
    for state in list(dead._lanes.values()):
        assert state.task is not None
        state.task.cancel()
    await asyncio.sleep(0.05)
    async with driver_connection(sessions) as conn:  # the kill left the lease behind
        assert await conn.fetchval("SELECT owner FROM inbox_lanes WHERE lane = 9") == dead.owner
    recorder = Recorder()
    heir = Inbox(sessions, recorder, FAST)
    heir.start()
    try:
        started = time.monotonic()
        await settle(sessions)
        assert recorder.order(9) == [1, 2, 3]
        assert time.monotonic() - started >= 0.5  # it waited for the lease to run out
    finally:
        await heir.stop()


async def test_stop_gives_running_handlers_a_deadline_and_leaves_the_rest(
    sessions: Sessions,
) -> None:
    slow = Recorder(seconds=0.3)
    first = Inbox(sessions, slow, FAST)
    first.start()
    for n in range(1, 11):
        await first.receive(n, message(n, 5))
    await asyncio.sleep(0.1)
    started = time.monotonic()
    cut = await first.stop(deadline=0.5)
    assert time.monotonic() - started < 2.0
    assert cut == 0  # the running one finished inside the deadline
    done_first = len(slow.runs)
    assert 1 <= done_first < 10
    assert await first.receive(11, message(11, 5))  # still stored while stopping
    async with driver_connection(sessions) as conn:
        assert await conn.fetchval("SELECT count(*) FROM inbox_lanes") == 0
    rest = await drain(sessions)
    assert slow.order(5) + rest.order(5) == list(range(1, 12))


async def test_a_handler_past_the_shutdown_deadline_is_cut_and_its_update_kept(
    sessions: Sessions,
) -> None:
    hung = Inbox(sessions, Recorder(seconds=30), FAST)
    hung.start()
    await hung.receive(1, message(1, 3))
    await asyncio.sleep(0.1)
    assert await hung.stop(deadline=0.2) == 1
    async with driver_connection(sessions) as conn:
        assert await store.backlog(conn) == 1


async def test_an_update_that_keeps_failing_is_set_aside(sessions: Sessions) -> None:
    async with driver_connection(sessions) as conn:
        await conn.execute(
            "INSERT INTO telegram_updates (update_id, lane, payload, attempts) "
            "VALUES (1, 4, '{}'::jsonb, $1)", FAST.max_attempts,
        )  # fmt: skip
    recorder = await drain(sessions)
    async with driver_connection(sessions) as conn:
        assert await conn.fetchval("SELECT outcome FROM telegram_updates") == "gave_up"
    assert recorder.runs == []


async def test_old_handled_updates_are_pruned(sessions: Sessions) -> None:
    async with driver_connection(sessions) as conn:
        await conn.execute(
            "INSERT INTO telegram_updates (update_id, lane, payload, handled_at, outcome) VALUES "
            "(1, 1, '{}', now() - interval '3 days', 'done'), (2, 1, '{}', now(), 'done'), "
            "(3, 1, '{}', NULL, NULL)"
        )
        assert await store.prune(conn, older_than_hours=48) == 1
        left = await conn.fetch("SELECT update_id FROM telegram_updates ORDER BY 1")
    assert [r["update_id"] for r in left] == [2, 3]


def test_nul_bytes_and_lone_surrogates_are_removed_everywhere() -> None:
    dirty = {"message": {"text": "ok\x00 go\ud83d", "entities": [{"type": "bold\udc00"}]}}
    assert clean(dirty) == {"message": {"text": "ok go", "entities": [{"type": "bold"}]}}
    assert clean("fine 🎉") == "fine 🎉"


async def test_a_cleaned_update_is_stored_in_jsonb(sessions: Sessions) -> None:
    inbox = Inbox(sessions, Recorder(), FAST)
    inbox.start()
    try:
        assert await inbox.receive(1, clean(message(1, 2, "run\x00 5k\ud800")))
        await settle(sessions)
    finally:
        await inbox.stop()
    async with sessions() as session:
        stored = (await session.execute(text("SELECT payload FROM telegram_updates"))).scalar()
    assert stored["message"]["text"] == "run 5k"
