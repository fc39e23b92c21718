"""The mentor side's warehouse reads are bounded (#13): a statement timeout, a fixed number of
threads, and a read whose wait ended is dropped (queued) or aborted (running)."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from mentor.analytics import bounded_read
from sync.analytics import Analytics
from sync.config import SnowflakeSettings


class SlowSession:
    """A warehouse session double: each statement takes `seconds`; records what it was given."""

    def __init__(self, log: dict) -> None:
        self.log = log
        self.cancelled = False

    def execute(self, sql, params=None, *, timeout=None):
        with self.log["lock"]:
            self.log["running"] += 1
            self.log["most"] = max(self.log["most"], self.log["running"])
            self.log["timeouts"].append(timeout)
        deadline = time.monotonic() + 0.6
        while time.monotonic() < deadline and not self.cancelled:
            time.sleep(0.01)
        with self.log["lock"]:
            self.log["running"] -= 1
        return [(None,)]

    def cancel(self) -> None:
        self.cancelled = True
        self.log["cancelled"].append(True)

    def close(self) -> None:
        pass


@pytest.mark.slow
async def test_reads_run_on_bounded_threads_with_a_timeout_and_stop_when_the_wait_ends(
    tmp_path: Path,
) -> None:
    settings = SnowflakeSettings(database="UNUSED", read_threads=1, read_timeout_seconds=7)
    analytics = Analytics(settings, tmp_path)
    log = {"lock": threading.Lock(), "running": 0, "most": 0, "timeouts": [], "cancelled": []}
    analytics._open = lambda: SlowSession(log)  # type: ignore[method-assign]
    first = asyncio.create_task(bounded_read(analytics, lambda a: a.last_sync(), 0.4))
    await asyncio.sleep(0.05)  # it holds the one thread; these four queue behind it
    queued = await asyncio.gather(*(
        bounded_read(analytics, lambda a: a.last_sync(), 0.1) for _ in range(4)
    ))  # fmt: skip
    assert [why for _, why in [await first, *queued]] == [
        "the analytics warehouse did not answer within 0.4 s",
        *["the analytics warehouse did not answer within 0.1 s"] * 4,
    ]
    await asyncio.sleep(0.3)
    assert log["most"] == 1  # one thread: never two statements at once
    assert log["timeouts"] == [7]  # the four queued reads never started
    assert log["cancelled"] == [True]  # the running one was aborted when its wait ended
    assert log["running"] == 0
    await analytics.close()
