"""Load shapes shared by the benchmarks: an open loop of arrivals, and percentiles."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


def pct(values: list[float], q: float) -> float:
    """The `q` quantile (0-1) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


async def open_loop(
    press: Callable[[int, float], Awaitable[float]], rate: float, seconds: float
) -> list[float]:
    """`press(i, due)` fired every 1/rate s; each returns its latency from `due`, its arrival.

    Finished presses are let go (only their latencies, untracked floats, are kept), so the
    load generator does not grow the heap the server's garbage collector walks.
    """
    count = int(rate * seconds)
    latencies, pending = [0.0] * count, set()

    async def timed(i: int, due: float) -> None:
        latencies[i] = await press(i, due)

    start = time.perf_counter() + 0.01
    for i in range(count):
        due = start + i / rate
        if (wait := due - time.perf_counter()) > 0:
            await asyncio.sleep(wait)
        task = asyncio.create_task(timed(i, due))
        pending.add(task)
        task.add_done_callback(pending.discard)
    while pending:
        await asyncio.gather(*pending)
    return latencies
