"""Find and render due reminders for 10k / 50k / 100k members: time and peak memory.

Reads due reminders as the reminder job does (`coach.scheduled.reminders.due_in_batches`: a page of
members per session, closed before the page is sent) and renders each with the Telegram
renderer. The baseline, measured in the same run, loads
every due reminder into a list first: memory grows with members there, stays flat streaming.

    .venv/bin/python bench/bench_reminders.py [--sizes 10000 50000 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench._scratch_db import add_members, scratch_database
from coach.scheduled.reminders import due, due_in_batches
from handlers.telegram.render import checkin_keyboard, checkin_text
from storage.db import Sessions, create_engine, session_factory

# 07:05 UTC on a Monday; every member is moved to UTC so that all of them are due at once.
NOW = datetime(2026, 6, 1, 7, 5, tzinfo=UTC)


async def stream_and_render(sessions: Sessions) -> int:
    """Read every due reminder as the job does (pages of members, each page's session closed
    before its reminders go on) and render it; keep nothing."""
    count = 0
    async for item in due_in_batches(sessions, now=NOW):
        checkin_text(item.habits, day=item.day, name=item.name)
        checkin_keyboard(item.habits)
        count += 1
    return count


async def load_all_then_render(sessions: Sessions) -> int:
    """The baseline: collect every due reminder first, then render."""
    async with sessions() as session:
        items = [item async for item in due(session, now=NOW)]
    rendered = [(checkin_text(i.habits, day=i.day, name=i.name), checkin_keyboard(i.habits))
                for i in items]  # fmt: skip
    return len(rendered)


async def timed(sessions: Sessions, run: Any) -> tuple[int, float]:
    """(reminders, seconds) without tracing, so the time is not inflated by tracemalloc."""
    started = time.perf_counter()
    count = await run(sessions)
    return count, time.perf_counter() - started


async def peak_mib(sessions: Sessions, run: Any) -> float:
    """Peak Python memory (MiB, tracemalloc) while `run` goes through every due reminder."""
    tracemalloc.start()
    try:
        await run(sessions)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


async def everyone_due(engine: AsyncEngine, url: str, size: int) -> None:
    """`size` members, all in UTC so that all of them are due at NOW."""
    await add_members(url.replace("+asyncpg", ""), size)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE users SET timezone = 'UTC'"))


async def main(sizes: list[int]) -> None:
    async with scratch_database() as url:
        engine = create_engine(url)
        sessions = session_factory(engine)
        await everyone_due(engine, url, sizes[0])
        baseline = await peak_mib(sessions, load_all_then_render)
        print(f"baseline (load all, then render) at {sizes[0]} members: {baseline:.1f} MiB peak")
        print(f"{'members':>8} {'due':>8} {'seconds':>8} {'us/reminder':>12} {'peak MiB':>9} "
              f"{'vs baseline':>11}")  # fmt: skip
        peaks = []
        for size in sizes:
            await everyone_due(engine, url, size)
            count, seconds = await timed(sessions, stream_and_render)
            peak = await peak_mib(sessions, stream_and_render)
            peaks.append(peak)
            print(f"{size:>8} {count:>8} {seconds:>8.2f} {1e6 * seconds / max(count, 1):>12.0f} "
                  f"{peak:>9.1f} {peak / baseline:>10.2f}x")  # fmt: skip
        print(f"streaming peak memory, {sizes[-1]} vs {sizes[0]} members: "
              f"{peaks[-1] / peaks[0]:.2f}x for {sizes[-1] / sizes[0]:.0f}x the members (flat = ~1x)")  # fmt: skip
        await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    asyncio.run(main(parser.parse_args().sizes))
