"""Benchmark the sync on the local emulator: initial load, 5-minute deltas, and the metrics.

    .venv/bin/python bench/bench_sync.py            # 10,000 members: 100k then 1M check-ins
    .venv/bin/python bench/bench_sync.py --quick    # 1,000 members: a smoke run

Prints the initial load in rows/s; the cost of a 10,000-check-in delta on top of the small
history and of the large one, and their ratio (target <= 1.5: the delta must not grow with
history); and the metrics pass for every member over the 90-day window. Needs PostgreSQL
(BENCH_DATABASE_SERVER, else 127.0.0.1:5432); creates and drops a database of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._scratch_db import scratch_database
from storage.db import create_engine, session_factory
from sync.config import SnowflakeSettings, SyncSettings
from sync.emulator import stop_emulator
from sync.pipeline import run_metrics, run_sync

FIRST_DAY = date(2026, 1, 1)
REPEATS = 3
CHECKIN_COLUMNS = ["id", "goal_id", "user_id", "habit_id", "day", "status", "completed",
                   "created_at", "updated_at"]  # fmt: skip


async def seed_members(conn: asyncpg.Connection, members: int) -> list[tuple[uuid.UUID, ...]]:
    """Members with one goal and one daily habit each; returns (user, goal, habit) ids."""
    zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]
    start = datetime.combine(FIRST_DAY, datetime.min.time(), tzinfo=UTC)
    ids = [(uuid.uuid4(), uuid.uuid4(), uuid.uuid4()) for _ in range(members)]
    await conn.copy_records_to_table(
        "users", columns=["id", "name", "timezone", "created_at", "updated_at"],
        records=[(u, f"member {i}", zones[i % 4], start, start) for i, (u, _, _) in enumerate(ids)],
    )  # fmt: skip
    await conn.copy_records_to_table(
        "goals", columns=["id", "user_id", "title", "frequency", "created_at", "updated_at"],
        records=[(g, u, "Walk", "daily", start, start) for u, g, _ in ids],
    )  # fmt: skip
    await conn.copy_records_to_table(
        "habits", columns=["id", "goal_id", "title", "frequency", "created_at", "updated_at"],
        records=[(h, g, "Walk", "daily", start, start) for _, g, h in ids],
    )  # fmt: skip
    return ids


async def add_days(conn: asyncpg.Connection, ids: list, first: int, last: int,
                   stamp: datetime | None = None) -> int:  # fmt: skip
    """One check-in per member for each day index in [first, last); 3 in 4 done."""
    records = []
    for offset in range(first, last):
        day = FIRST_DAY + timedelta(days=offset)
        moment = stamp or datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(
            hours=20
        )
        for n, (user, goal, habit) in enumerate(ids):
            done = (n + offset) % 4 != 0
            records.append((uuid.uuid4(), goal, user, habit, day, "done" if done else "missed",
                            done, moment, moment))  # fmt: skip
    await conn.copy_records_to_table("checkins", columns=CHECKIN_COLUMNS, records=records)
    return len(records)


async def sync_all(sessions, wh, settings, data_dir) -> tuple[float, int, int]:
    """Sync until caught up (no metrics); return seconds, check-ins moved and passes."""
    started, moved, passes = time.perf_counter(), 0, 0
    while True:
        report = await run_sync(sessions, wh, settings, data_dir, metrics=False)
        if report.status != "ok":
            raise SystemExit(f"sync failed: {report.error}")
        moved, passes = moved + report.rows.get("stg_checkins", 0), passes + 1
        if report.caught_up:
            return time.perf_counter() - started, moved, passes


async def delta(conn, sessions, wh, settings, data_dir, ids, day_index: int) -> float:
    """Add one day of check-ins for every member just now, then time one sync pass.

    Autovacuum has long run in a steady state; here VACUUM ANALYZE stands for it, on both
    history sizes alike (right after a bulk load, dead index entries of the rows just flagged
    synced would make the first reads slower, whatever the history).
    """
    await conn.execute("VACUUM ANALYZE checkins")
    await conn.execute("VACUUM ANALYZE sync_changes")  # a queue: autovacuum keeps it small
    # Written over the last five minutes, as the scheduled pass finds them (the sync reads
    # them by their sync_changes rows, so the stamp does not decide what is read).
    stamp = datetime.now(UTC) - timedelta(minutes=5)
    await add_days(conn, ids, day_index, day_index + 1, stamp=stamp)
    seconds, moved, _ = await sync_all(sessions, wh, settings, data_dir)
    assert moved == len(ids), moved
    return seconds


async def deltas(conn, sessions, wh, settings, data_dir, ids, first_day: int) -> float:
    """The median of REPEATS deltas, one day each (the machine is shared: single runs vary)."""
    times = [await delta(conn, sessions, wh, settings, data_dir, ids, first_day + i)
             for i in range(REPEATS)]  # fmt: skip
    return statistics.median(times)


async def main(members: int, small_days: int, large_days: int) -> None:
    """Run the benchmark on a scratch database and a scratch warehouse folder."""
    with tempfile.TemporaryDirectory(prefix="goalbot-bench-") as folder:
        try:
            async with scratch_database() as url:
                await run(url, Path(folder), members, small_days, large_days)
        finally:
            stop_emulator()  # it holds the folder's DuckDB files


async def run(url: str, data_dir: Path, members: int, small_days: int, large_days: int) -> None:
    conn = await asyncpg.connect(url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    wh = SnowflakeSettings(account=None, database="BENCH")
    settings = SyncSettings()
    try:
        ids = await seed_members(conn, members)
        await run_sync(sessions, wh, settings, data_dir, metrics=False)  # schema, emulator warm-up
        history = await add_days(conn, ids, 0, small_days)
        seconds, moved, passes = await sync_all(sessions, wh, settings, data_dir)
        print(f"initial load: {moved:,} check-ins (+{members:,} members, goals, habits) "
              f"in {seconds:.1f} s over {passes} passes: {moved / seconds:,.0f} rows/s")  # fmt: skip
        assert moved == history, (moved, history)
        idle = await sync_all(sessions, wh, settings, data_dir)
        print(f"an idle pass (nothing new): {idle[0]:.2f} s")
        small = await deltas(conn, sessions, wh, settings, data_dir, ids, small_days)
        print(f"delta of {members:,} check-ins on {history:,}+ rows: {small:.2f} s "
              f"(median of {REPEATS})")  # fmt: skip

        more = await add_days(conn, ids, small_days + REPEATS, large_days)
        grow, _, passes = await sync_all(sessions, wh, settings, data_dir)
        total = history + REPEATS * members + more
        print(f"history grown by {more:,} to {total:,} check-ins in {grow:.1f} s "
              f"({more / grow:,.0f} rows/s, {passes} passes)")  # fmt: skip
        large = await deltas(conn, sessions, wh, settings, data_dir, ids, large_days)
        print(f"delta of {members:,} check-ins on {total:,}+ rows: {large:.2f} s "
              f"(median of {REPEATS})")  # fmt: skip
        print(f"delta ratio large/small history: {large / small:.2f} (target <= 1.5)")

        as_of = datetime.combine(FIRST_DAY + timedelta(days=large_days + REPEATS - 1), datetime.min.time(),
                                 tzinfo=UTC) + timedelta(hours=12)  # fmt: skip
        metrics = await run_metrics(wh, data_dir, as_of=as_of)
        print(f"metrics for {members:,} members x 90 days: {metrics.duration_seconds:.1f} s")
    finally:
        await conn.close()
        await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 members: a smoke run")
    args = parser.parse_args()
    if args.quick:
        asyncio.run(main(1_000, 10, 100))
    else:
        asyncio.run(main(10_000, 10, 100))
