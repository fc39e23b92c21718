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


async def _people(url: str, groups: int, size: int) -> list[tuple[Member, uuid.UUID]]:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(SEED_SQL, groups, size)
        await conn.execute("ANALYZE")
        rows = await conn.fetch(PEOPLE_SQL)
    finally:
        await conn.close()
    return [
        (Member(r["id"], r["name"], "UTC", True, NOW.time(), 3, "en"), r["habit_id"]) for r in rows
    ]


async def _run(services: Services, plan: list[tuple[float, Member, uuid.UUID]],
               publisher: BoardPublisher | None, transport: Recorder | None) -> tuple[float, float]:  # fmt: skip
    """Record the check-ins slice by slice (those of one simulated SLICE run concurrently, as
    the webhook's workers would), flushing the boards at each slice's start."""
    started, cpu = time.perf_counter(), time.process_time()
    slices: dict[int, list[tuple[float, Member, uuid.UUID]]] = defaultdict(list)
    for item in plan:
        slices[int(item[0] / SLICE)].append(item)
    for index in sorted(slices):
        if publisher is not None and transport is not None:
            transport.now = index * SLICE
            await publisher.flush(transport.now)
        await asyncio.gather(*(record(services, member=m, habit_id=h, day=DAY, status="done")
                               for _, m, h in slices[index]))  # fmt: skip
    if publisher is not None and transport is not None:
        at = plan[-1][0]
        while publisher.pending:
            at += 0.1
            transport.now = at
            await publisher.flush(at)
    return time.perf_counter() - started, time.process_time() - cpu


async def _boards_correct(services: Services, transport: Recorder, groups: int) -> tuple[int, int]:
    last: dict[int, str] = {}
    for _, chat, _, text in transport.writes:
        last[chat] = text
    async with services.sessions() as session:
        from sqlalchemy import text as sql

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


async def main(groups: int, size: int, minutes: float) -> None:
    """Seed, run the check-ins without and with groups, print the figures."""
    async with scratch_database() as url:
        engine = create_engine(url, DatabaseSettings(pool_size=6, max_overflow=0))  # a shared server
        sessions = session_factory(engine)
        services = Services(sessions=sessions, engine=CoachEngine(GeminiSettings(), sessions),
                            cipher=JournalCipher([Fernet.generate_key().decode()]),
                            settings=CoachSettings(), clock=lambda: NOW)  # fmt: skip
        people = await _people(url, groups, size)
        rng = random.Random(14)
        plan = sorted(((rng.uniform(0, minutes * 60), m, h) for m, h in people), key=lambda p: p[0])
        baseline = await _run(services, plan, None, None)
        async with sessions.begin() as session:
            from sqlalchemy import text as sql

            await session.execute(sql("DELETE FROM checkins"))
        transport = Recorder()
        publisher = BoardPublisher(services, transport, group_interval=6.0, per_second=10,
                                   clock=lambda: transport.now, schedule=False)  # fmt: skip
        services.checkin_listeners.append(publisher.on_checkin)
        with_groups = await _run(services, plan, publisher, transport)
        right, total = await _boards_correct(services, transport, groups)
        await engine.dispose()
    per_group: dict[int, list[float]] = defaultdict(list)
    for at, chat, _, _ in transport.writes:
        per_group[chat].append(at)
    posts = sum(1 for w in transport.writes if w[2] == "post")
    n = len(plan)
    print(
        f"bench_groups {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {groups} groups x {size} members, "
        f"{n} check-ins over {minutes:g} simulated minutes"
    )
    print(
        f"  board writes: {posts} posts + {len(transport.writes) - posts} edits "
        f"({len(transport.writes) / n:.2f} Telegram calls per check-in; one per check-in without coalescing)"
    )
    print(
        f"  most writes in one group in any 60 s: {max(_max_in_window(t, 60.0) for t in per_group.values())} (limit 20)"
    )
    print(
        f"  most writes over all groups in any 1 s: {_max_in_window([w[0] for w in transport.writes], 1.0)} "
        "(limit 30; the boards' share is 10)"
    )
    print(
        f"  last write {transport.writes[-1][0] - minutes * 60:+.1f} s after the last check-in window closed"
    )
    print(f"  boards matching a fresh render at the end: {right}/{total}")
    (wall, cpu), (base_wall, base_cpu) = with_groups, baseline
    print(
        f"  cost per check-in, this process's CPU: {1000 * cpu / n:.2f} ms with groups (record, board "
        f"marks, renders) vs {1000 * base_cpu / n:.2f} ms without (x{cpu / base_cpu:.2f})"
    )
    print(
        f"  wall time per check-in (PostgreSQL included): {1000 * wall / n:.2f} ms vs "
        f"{1000 * base_wall / n:.2f} ms (x{wall / base_wall:.2f}); total {wall + base_wall:.0f} s"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--size", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    asyncio.run(main(args.groups, args.size, args.minutes))
