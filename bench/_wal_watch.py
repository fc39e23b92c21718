"""Watch a benchmark's database for slow WAL flushes (durable commits waiting on the disk).

Every `every` seconds one query reads pg_stat_activity. A backend whose commit waits for the
flush shows `IO:WALSync`; the same backend with the same `query_start` in consecutive samples
is one flush that lasted at least that long. A single flush that long holds up every commit
behind it (they wait on `LWLock:WALWrite`), which no handler can be faster than.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime

import asyncpg

SAMPLE = """
SELECT pid, query_start FROM pg_stat_activity
WHERE datname = current_database() AND wait_event = 'WALSync' AND pid <> pg_backend_pid()
"""


class WalWatch:
    """Samples flushes until stopped; `longest(start, end)` is the longest seen in a window."""

    def __init__(self, url: str, every: float = 0.02) -> None:
        self.url, self.every = url, every
        self._seen: dict[tuple[int, datetime], tuple[float, float]] = {}  # first, last sample

    async def run(self, stop: asyncio.Event) -> None:
        """Sample every `every` seconds until `stop` is set."""
        conn = await asyncpg.connect(self.url)
        try:
            while not stop.is_set():
                now = time.time()
                for pid, started in await conn.fetch(SAMPLE):
                    first, _ = self._seen.get((pid, started), (now, now))
                    self._seen[(pid, started)] = (first, now)
                await asyncio.sleep(self.every)
        finally:
            await conn.close()

    def longest(self, start: float, end: float) -> float:
        """Seconds of the longest single flush seen between `start` and `end` (epoch seconds)."""
        spans = [
            last - first for first, last in self._seen.values() if start <= last and first <= end
        ]
        return max(spans, default=0.0)
