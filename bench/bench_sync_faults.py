"""The sync under faults: a pass killed with SIGKILL, a warehouse outage, a late commit, an
erasure and withdrawn consent; after each, lost, duplicated and left-behind rows per table.

    .venv/bin/python bench/bench_sync_faults.py              # 300 members
    .venv/bin/python bench/bench_sync_faults.py --members 50

Every pass runs in a child process (bench/_sync_child.py) against the real emulator, so a
kill is a real kill -9. "Lost" is a PostgreSQL row the warehouse lacks; "duplicated" a key
held twice (twice current, for dim_users/dim_goals); "left behind" what should be gone: an
erased member's rows (in any table, any cell), withdrawn journal text, staged rows and stage
files after a pass. Every figure should be 0. Needs PostgreSQL (BENCH_DATABASE_SERVER, else
127.0.0.1:5432); makes and drops a database of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import asyncpg
from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._scratch_db import scratch_database
from storage.crypto import JournalCipher

CHILD = str(Path(__file__).resolve().parent / "_sync_child.py")
KEY = Fernet.generate_key().decode()
CIPHER = JournalCipher([KEY])
EXPECTED = {  # PostgreSQL's side of each checked warehouse table
    "dim_users": "SELECT id::text || ':' || name FROM users",  # a stale name: lost + left behind
    "dim_goals": "SELECT id::text || ':' || title FROM goals",
    "dim_habits": "SELECT id::text FROM habits",
    "fact_checkins": "SELECT id::text FROM checkins",
    "fact_journal_entries": "SELECT id::text FROM journal_entries",
    "dim_group_memberships": "SELECT group_id::text || ':' || user_id::text FROM group_memberships",
}


def child(*args: str) -> dict:
    """Run one child to its end and return what it printed last (JSON)."""
    out, err = start(*args).communicate(timeout=600)
    return _result(args, out, err)


def start(*args: str, **extra: str) -> subprocess.Popen:
    env = os.environ | {"BENCH_JOURNAL_KEY": KEY} | extra
    return subprocess.Popen([sys.executable, CHILD, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


async def kill_mid_pass(folder: str, *args: str) -> str:
    """Start a slow pass and SIGKILL it once it has staged its first rows."""
    mark = Path(folder) / "staged.mark"
    proc = start(*args, BENCH_STAGED_MARK=str(mark))
    for _ in range(1200):  # the child is another process: poll for its mark
        if mark.exists() or proc.poll() is not None:
            break
        await asyncio.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return f"killed after staging {mark.read_text() if mark.exists() else 'nothing'}"


def _result(args: tuple[str, ...], out: str, err: str) -> dict:
    if not out.strip():
        raise SystemExit(f"child {args[0]} failed:\n{err[-2000:]}")
    return json.loads(out.strip().splitlines()[-1])


async def seed(conn: asyncpg.Connection, members: int, day: date) -> list[uuid.UUID]:
    """Members with a goal, a habit, a check-in, a shared journal entry and a group."""
    group = await conn.fetchval("INSERT INTO groups (telegram_chat_id, title) VALUES (-1, 'Club') "
                                "RETURNING id")  # fmt: skip
    ids = []
    for i in range(members):
        user = await conn.fetchval("INSERT INTO users (name, share_journal_text) VALUES ($1, true) "
                                   "RETURNING id", f"member-{uuid.uuid4().hex[:8]}")  # fmt: skip
        goal = await conn.fetchval("INSERT INTO goals (user_id, title) VALUES ($1, 'Walk') "
                                   "RETURNING id", user)  # fmt: skip
        await conn.execute("INSERT INTO habits (goal_id, title, frequency) VALUES ($1, 'Walk', "
                           "'daily')", goal)  # fmt: skip
        await conn.execute("INSERT INTO journal_entries (user_id, text) VALUES ($1, $2)",
                           user, CIPHER.encrypt(f"private words {i}"))  # fmt: skip
        await conn.execute("INSERT INTO group_memberships (group_id, user_id) VALUES ($1, $2)",
                           group, user)  # fmt: skip
        ids.append(user)
    await add_checkins(conn, day)
    return ids


async def add_checkins(conn: asyncpg.Connection, day: date) -> None:
    await conn.execute(
        "INSERT INTO checkins (goal_id, user_id, habit_id, day, status, completed) "
        "SELECT g.id, g.user_id, h.id, $1, 'done', true FROM habits h JOIN goals g ON g.id = h.goal_id",
        day,
    )


async def report(conn, url: str, folder: str, case: str, erased: list[str], withdrawn: set[str],
                 text_on: bool) -> int:  # fmt: skip
    """Print one line per table for `case`; return the sum of every bad figure."""
    wh = child("dump", url, folder)
    bad = 0
    for table, sql in EXPECTED.items():
        expected = {r[0] for r in await conn.fetch(sql)}
        held = wh[table]
        lost = len(expected - set(held))
        dup = len(held) - len(set(held))
        behind = len(set(held) - expected)
        bad += lost + dup + behind
        print(f"  {case:<18} {table:<22} {len(expected):>6} {len(held):>6} {lost:>5} {dup:>5} "
              f"{behind:>6}")  # fmt: skip
    texts = set(wh["journal_text"])
    should = {r[0] for r in await conn.fetch(
        "SELECT j.id::text FROM journal_entries j JOIN users u ON u.id = j.user_id "
        "WHERE u.share_journal_text")} if text_on else set()  # fmt: skip
    leftover_text = len(texts - should)
    staged = sum(wh["staging"].values()) + sum(wh["stage_files"].values())
    traces = sum(1 for cell in wh["cells"] for trace in erased if trace in cell)
    bad += leftover_text + staged + traces + len(should - texts)
    print(
        f"  {case:<18} {'journal text':<22} {len(should):>6} {len(texts):>6} "
        f"{len(should - texts):>5} {'':>5} {leftover_text:>6}   (withdrawn: {len(withdrawn)})"
    )
    print(f"  {case:<18} {'staging + stage files':<22} {0:>6} {staged:>6} {'':>5} {'':>5} "
          f"{staged:>6}")  # fmt: skip
    print(f"  {case:<18} {'erased members, any':<22} {0:>6} {traces:>6} {'':>5} {'':>5} "
          f"{traces:>6}   (cells naming {len(erased)} erased ids/names)")  # fmt: skip
    return bad


async def scenario(url: str, folder: str, members: int) -> int:
    conn = await asyncpg.connect(url)
    erased: list[str] = []
    withdrawn: set[str] = set()
    total = 0
    try:
        day = date(2026, 11, 2)
        ids = await seed(conn, members, day)
        print(child("sync", url, folder, "--journal-text"))
        print("  case               table                  postgres   wh  lost  dup  behind")
        total += await report(conn, url, folder, "baseline", erased, withdrawn, True)

        await add_checkins(conn, day + timedelta(days=1))
        await conn.execute("UPDATE users SET name = name || '-renamed'")
        killed = await kill_mid_pass(folder, "sync", url, folder, "--slow", "--journal-text")
        runs = await conn.fetch("SELECT status FROM sync_runs ORDER BY started_at")
        left = child("dump", url, folder)
        print(
            f"{killed} mid-pass; runs now {[r[0] for r in runs]}; it left "
            f"{sum(left['staging'].values())} staged rows and "
            f"{sum(left['stage_files'].values())} stage files"
        )
        print(child("sync", url, folder, "--journal-text"))
        total += await report(conn, url, folder, "kill -9 mid-pass", erased, withdrawn, True)

        await add_checkins(conn, day + timedelta(days=2))
        print(child("sync", url, folder, "--down", "--journal-text"))
        print(child("sync", url, folder, "--journal-text"))
        total += await report(conn, url, folder, "outage", erased, withdrawn, True)

        late = conn.transaction()
        await late.start()
        await conn.execute("UPDATE goals SET title = 'Walk 5k' WHERE user_id = ANY($1::uuid[])",
                           ids[:10])  # fmt: skip
        await add_checkins(conn, day + timedelta(days=3))
        other = await asyncpg.connect(url)
        await other.execute("UPDATE users SET name = name || '!' WHERE id = $1", ids[-1])
        await other.close()
        print(child("sync", url, folder, "--journal-text"), "while a transaction stays open")
        await asyncio.sleep(1)
        await late.commit()
        print(child("sync", url, folder, "--journal-text"))
        total += await report(conn, url, folder, "late commit", erased, withdrawn, True)
        retitled = await conn.fetchval("SELECT count(*) FROM goals WHERE title = 'Walk 5k'")
        print(f"  (goals retitled in the late transaction: {retitled})")

        for user in ids[:5]:
            name = await conn.fetchval("SELECT name FROM users WHERE id = $1", user)
            erased += [str(user), name]
            await conn.execute("DELETE FROM users WHERE id = $1", user)
            await conn.execute("INSERT INTO erasures (user_id) VALUES ($1)", user)
        print(child("sync", url, folder, "--journal-text"))
        total += await report(conn, url, folder, "erasure", erased, withdrawn, True)

        rows = await conn.fetch("UPDATE users SET share_journal_text = false WHERE id = "
                                "ANY($1::uuid[]) RETURNING id", ids[5:15])  # fmt: skip
        withdrawn = {str(r[0]) for r in rows}
        print(child("sync", url, folder, "--journal-text"))
        total += await report(conn, url, folder, "consent withdrawn", erased, withdrawn, True)
        print(child("sync", url, folder))
        total += await report(conn, url, folder, "journal text off", erased, withdrawn, False)
    finally:
        await conn.close()
    return total


async def main(members: int) -> None:
    with tempfile.TemporaryDirectory(prefix="goalbot-faults-") as folder:
        async with scratch_database() as url:
            started = time.perf_counter()
            bad = await scenario(url, folder, members)
            print(f"every lost, duplicated or left-behind figure: {bad} (target 0); "
                  f"{time.perf_counter() - started:.0f} s")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=300)
    asyncio.run(main(parser.parse_args().members))
