"""Accountability groups under load: 1,000 groups of 20 members check in within 10 minutes.

Every check-in goes through the core (`coach.checkins.record`, the real PostgreSQL); with
groups on, the board publisher (`handlers/group_boards.py`) is subscribed as in production
and writes boards through a recording transport. Time is simulated: each check-in has an
arrival time spread over `--minutes`, the publisher's clock is that time, so ten minutes
run as fast as the database allows. It prints the posts and edits sent, the most writes in
any group in any rolling minute (limit 20) and over all groups in any rolling second
(limit 30), whether every board matches a fresh render at the end, and the cost per check-in
with groups beside the same check-ins without them.

    .venv/bin/python bench/bench_groups.py [--groups 1000] [--size 20] [--minutes 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import time
import uuid
from bisect import bisect_left
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

import asyncpg
from cryptography.fernet import Fernet
from sqlalchemy import text as sql

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._scratch_db import scratch_database
from coach.checkins import record
from coach.config import CoachSettings, GeminiSettings
from coach.groups import board
from coach.llm import CoachEngine
from coach.members import Member
from coach.services import Services
from handlers import group_present
from handlers.group_boards import BoardPublisher
from handlers.present import Reply
from storage.config import DatabaseSettings
from storage.crypto import JournalCipher
from storage.db import create_engine, session_factory

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
DAY = date(2026, 11, 25)
Plan = tuple[float, Member, uuid.UUID, int]  # arrival (simulated s), member, habit, group chat
SLICE = 0.25  # simulated seconds whose check-ins run concurrently (~8 at 33 check-ins a second)

SEED_SQL = """
WITH g AS (
  INSERT INTO groups (telegram_chat_id, title, timezone)
  SELECT -1000000 - i, 'group ' || i, 'UTC' FROM generate_series(1, $1) AS i RETURNING id, telegram_chat_id
), u AS (
  INSERT INTO users (name, timezone, timezone_confirmed, telegram_user_id, telegram_chat_id, created_at)
  SELECT 'm' || i, 'UTC', true, i, i, '2026-01-01' FROM generate_series(1, $1 * $2) AS i RETURNING id, telegram_user_id
), m AS (
  INSERT INTO group_memberships (group_id, user_id, share_level)
  SELECT g.id, u.id, (ARRAY['all', 'checked_in'])[1 + u.telegram_user_id % 2]
  FROM u JOIN g ON g.telegram_chat_id = -1000000 - ((u.telegram_user_id - 1) / $2 + 1)
), goal AS (
  INSERT INTO goals (user_id, title, created_at) SELECT id, 'Walk more', '2026-01-01' FROM u RETURNING id, user_id
)
INSERT INTO habits (goal_id, title, frequency, created_at) SELECT id, 'Walk', 'daily', '2026-01-01' FROM goal
"""
PEOPLE_SQL = """
SELECT u.id, u.name, h.id AS habit_id FROM users u JOIN goals g ON g.user_id = u.id
JOIN habits h ON h.goal_id = g.id ORDER BY u.telegram_user_id
"""


class Recorder:
    """A board transport that keeps (simulated time, chat, kind, text) of every write."""

    def __init__(self) -> None:
        self.now = 0.0
        self.writes: list[tuple[float, int, str, str]] = []

    async def post(self, chat_id: int, reply: Reply) -> int | None:
        """Record a post; a fresh message id."""
        self.writes.append((self.now, chat_id, "post", reply.text))
        return len(self.writes)

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        """Record an edit."""
        self.writes.append((self.now, chat_id, "edit", reply.text))
        return True


def _max_in_window(times: list[float], width: float) -> int:
    times = sorted(times)
    return max((bisect_left(times, t + width) - i for i, t in enumerate(times)), default=0)


async def _people(url: str, groups: int, size: int) -> list[tuple[Member, uuid.UUID, int]]:
    """Seed the groups; each member with their habit and their group's chat id."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(SEED_SQL, groups, size)
        await conn.execute("ANALYZE")
        rows = await conn.fetch(PEOPLE_SQL)
    finally:
        await conn.close()
    return [(Member(r["id"], r["name"], "UTC", True, NOW.time(), 3, "en"), r["habit_id"],
             -1000000 - ((i // size) + 1)) for i, r in enumerate(rows)]  # fmt: skip


async def _run(services: Services, plan: list[Plan],
               publisher: BoardPublisher | None, transport: Recorder | None) -> tuple[float, float]:  # fmt: skip
    """Record the check-ins slice by slice (those of one simulated SLICE run concurrently, as
    the webhook's workers would), flushing the boards at each slice's start."""
    started, cpu = time.perf_counter(), time.process_time()
    slices: dict[int, list[Plan]] = defaultdict(list)
    for item in plan:
        slices[int(item[0] / SLICE)].append(item)
    for index in sorted(slices):
        if publisher is not None and transport is not None:
            transport.now = index * SLICE
            await publisher.flush(transport.now)
        await asyncio.gather(*(record(services, member=m, habit_id=h, day=DAY, status="done")
                               for _, m, h, _ in slices[index]))  # fmt: skip
    if publisher is not None and transport is not None:
        at = plan[-1][0]
        while publisher.pending:
            at += 0.1
            transport.now = at
            await publisher.flush(at)
    return time.perf_counter() - started, time.process_time() - cpu


async def _boards_correct(services: Services, transport: Recorder) -> tuple[int, int]:
    last: dict[int, str] = {}
    for _, chat, _, text in transport.writes:
        last[chat] = text
    async with services.sessions() as session:
        ids = [r.id for r in await session.execute(sql("SELECT id FROM groups"))]
    right = 0
    for group_id in ids:
        content = await board.render(services, group_id=group_id, day=DAY)
        if (
            content is not None
            and last.get(content.group.chat_id) == group_present.board(content).text
        ):
            right += 1
    return right, len(ids)


def _lags(plan: list[Plan], writes: list[tuple[float, int, str, str]]) -> list[float]:
    """Seconds from each check-in to the next write of its group's board."""
    per_group: dict[int, list[float]] = defaultdict(list)
    for at, chat, _, _ in writes:
        per_group[chat].append(at)
    lags = []
    for at, _, _, chat in plan:
        times = per_group[chat]
        i = bisect_left(times, at)
        if i < len(times):
            lags.append(times[i] - at)
    return sorted(lags)


async def main(groups: int, size: int, minutes: float, sample: int) -> None:
    """Seed, run a sample of the check-ins without groups, then all of them with groups."""
    async with scratch_database() as url:
        engine = create_engine(
            url, DatabaseSettings(pool_size=6, max_overflow=0)
        )  # a shared server
        sessions = session_factory(engine)
        services = Services(sessions=sessions, engine=CoachEngine(GeminiSettings(), sessions),
                            cipher=JournalCipher([Fernet.generate_key().decode()]),
                            settings=CoachSettings(), clock=lambda: NOW)  # fmt: skip
        rng = random.Random(14)
        plan = sorted(((rng.uniform(0, minutes * 60), m, h, c) for m, h, c in await _people(url, groups, size)),
                      key=lambda p: p[0])  # fmt: skip
        baseline_plan = plan[:: max(1, len(plan) // sample)]
        baseline = await _run(services, baseline_plan, None, None)
        async with sessions.begin() as session:
            await session.execute(sql("DELETE FROM checkins"))
        transport = Recorder()
        publisher = BoardPublisher(services, transport, group_interval=6.0, per_second=10,
                                   clock=lambda: transport.now, schedule=False)  # fmt: skip
        services.checkin_listeners.append(publisher.on_checkin)
        with_groups = await _run(services, plan, publisher, transport)
        right, total = await _boards_correct(services, transport)
        await engine.dispose()
    _report(
        groups,
        size,
        minutes,
        plan,
        transport,
        (right, total),
        with_groups,
        baseline,
        len(baseline_plan),
    )


def _report(groups: int, size: int, minutes: float, plan: list[Plan], transport: Recorder,
            boards: tuple[int, int], with_groups: tuple[float, float], baseline: tuple[float, float],
            sampled: int) -> None:  # fmt: skip
    writes, n = transport.writes, len(plan)
    per_group: dict[int, list[float]] = defaultdict(list)
    for at, chat, _, _ in writes:
        per_group[chat].append(at)
    posts, lags = sum(1 for w in writes if w[2] == "post"), _lags(plan, writes)
    (wall, cpu), (base_wall, base_cpu) = with_groups, baseline
    print(
        f"bench_groups {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load "
        f"{os.getloadavg()[0]:.1f}: {groups} groups x {size} members, {n} check-ins over {minutes:g} simulated minutes"
    )
    print(
        f"  board writes: {posts} posts + {len(writes) - posts} edits = {len(writes) / n:.2f} Telegram calls "
        "per check-in (1.00 without coalescing)"
    )
    print(
        f"  most writes in one group in any 60 s: {max(_max_in_window(t, 60.0) for t in per_group.values())} "
        f"(limit 20); over all groups in any 1 s: {_max_in_window([w[0] for w in writes], 1.0)} (limit 30, "
        "the boards' share 10)"
    )
    print(
        f"  a check-in shows on its board after: median {lags[len(lags) // 2]:.1f} s, p99 "
        f"{lags[int(len(lags) * 0.99)]:.1f} s, max {lags[-1]:.1f} s"
    )
    print(f"  boards matching a fresh render at the end: {boards[0]}/{boards[1]}")
    print(
        f"  CPU per check-in (this process): {1000 * cpu / n:.2f} ms with groups (record, board marks, "
        f"claims, renders) vs {1000 * base_cpu / sampled:.2f} ms without (x{cpu / n / (base_cpu / sampled):.2f}; "
        f"{sampled} sampled check-ins)"
    )
    print(
        f"  wall per check-in (PostgreSQL included): {1000 * wall / n:.2f} ms vs {1000 * base_wall / sampled:.2f} ms "
        f"(x{wall / n / (base_wall / sampled):.2f}); run took {wall + base_wall:.0f} s"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--size", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument(
        "--baseline", type=int, default=4000, help="check-ins sampled for the cost without groups"
    )
    args = parser.parse_args()
    asyncio.run(main(args.groups, args.size, args.minutes, args.baseline))
