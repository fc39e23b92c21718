"""Check-in button presses from many members through the real PTB Application, in N processes.

Each press goes from the webhook body Telegram would post (JSON bytes, made before the clock
runs) through the webhook's `take_update` (`--path webhook`: a check-in press is handled
before its 200, as shipped; `--path inbox`: stored in the inbox first; `--path direct`: the
Application alone; `--path both`, the default: webhook, then inbox, in the same run), the parsing
(`update_from_json`), python-telegram-bot's Application, goalbot's handler, the core
(`coach.checkins.record`: ownership check, upsert, streak and strength) and the re-rendered
keyboard, into the real PostgreSQL; the Bot API is an
offline recorder (Telegram's network and its send-rate limiter are excluded). The handlers
are stateless, so production runs one `goalbot run` process per core behind the webhook;
the benchmark does the same: `--workers` processes (default: the machine's cores), each with
its own Application and connection pool, members split between them.

Each path (`--path both`, the default: the webhook as shipped, then every press through the
inbox, on the same members) runs two loads; then the baselines:
- saturation: every member presses `--presses` buttons back to back, all members at once;
  the throughput is presses ÷ wall time. Its latencies are queueing figures (a closed loop
  of hundreds of members always has hundreds of presses waiting), printed for reference.
- the target load: presses arrive at `--rate` per second spread over the members (an open
  loop, as Telegram delivers them), for `--seconds`; latency runs from a press's arrival to
  its handler's end, so it includes any wait behind other presses.
- raw asyncpg: plain check-in upserts from one process, both ways (back to back, same
  number and concurrency; then the same open loop), each a durable commit. Its open-loop
  p99 is what waiting for the disk costs on this machine: when the disk stalls a WAL flush
  (seen here: 0.06-2 s, every backend on WALWrite behind one WALSync), every durable commit
  waits. Presses commit as `coach.checkin_commit` says (default async: no wait; run with
  COACH_CHECKIN_COMMIT=durable to measure presses that wait too); `bench/_wal_watch.py`
  reports the longest a press's commit waited on one flush during the target load.

    .venv/bin/python bench/bench_checkins.py [--members 200] [--presses 5] [--workers 2]
                                              [--rate 500] [--seconds 5]
                                              [--path both|webhook|inbox|direct]

Targets (this 2-core machine): at least 500 check-ins/s and p99 under 25 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing as mp
import os
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.fernet import Fernet

from bench._loads import open_loop, pct
from bench._scratch_db import scratch_database
from bench._wal_watch import WalWatch
from bot.http import take_update
from bot.inbox import Inbox
from bot.inbox_config import InboxSettings
from bot.inbox_payload import clean
from bot.run import freeze_startup_heap
from bot.telegram_intake import application_handler, parse_update
from coach import members
from coach.config import CoachSettings, GeminiSettings
from coach.llm import CoachEngine
from coach.schedule import local_day
from coach.services import Services
from handlers import buttons
from handlers.telegram.app import build_application, update_from_json
from handlers.telegram.config import TelegramSettings
from storage import goals as goal_store
from storage.checkins import record_and_read
from storage.crypto import JournalCipher
from storage.db import autocommit_engine, create_engine, driver_connection, session_factory
from tests.fakes.telegram import RecordingRequest, callback_update

HABITS = 5
_UPDATE_IDS = itertools.count(os.getpid() * 10_000_000)
People = list[tuple[int, list[uuid.UUID]]]
PATHS = {"webhook": "webhook (presses at once) → Application", "inbox": "inbox → Application",
         "direct": "Application"}  # fmt: skip


async def _services(url: str) -> tuple[Services, Any]:
    engine = create_engine(url)
    sessions = session_factory(engine)
    services = Services(sessions=sessions, engine=CoachEngine(GeminiSettings(), sessions),
                        cipher=JournalCipher([Fernet.generate_key().decode()]), settings=CoachSettings())  # fmt: skip
    return services, engine


async def _members(url: str, count: int) -> People:
    """`count` members in Berlin, each with one goal of HABITS daily habits."""
    services, engine = await _services(url)
    made = []
    for n in range(count):
        tg = 10_000 + n
        welcome = await members.start_telegram(
            services, telegram_user_id=tg, chat_id=tg, name=f"m{n}", username=None
        )
        await members.set_timezone(services, user_id=welcome.member.id, text="Europe/Berlin")
        async with services.sessions.begin() as session:
            _, habits = await goal_store.create_goal(
                session, user_id=welcome.member.id, title="Bench", category="bench", frequency="daily",
                ai_plan={}, start_date=datetime.now(UTC).date(), end_date=None, subgoals=[],
                habits=[(f"Habit {i}", "daily", None) for i in range(HABITS)],
                at=datetime.now(UTC) - timedelta(days=30),
            )  # fmt: skip
        made.append((tg, [h.id for h in habits]))
    await engine.dispose()
    return made


def _keyboard(habits: list[uuid.UUID], day: date) -> dict:
    """The pressed message's keyboard, which Telegram sends along with every press."""
    rows = [[{"text": f"{label}", "callback_data": buttons.checkin(habit, day, status)}
             for label, status in (("Done: Habit", "done"), ("Skip", "skipped"), ("Missed", "missed"))]
            for habit in habits]  # fmt: skip
    return {
        "inline_keyboard": [
            *rows,
            [{"text": "↩ Undo", "callback_data": buttons.undo(habits[0], day, None)}],
        ]
    }


def _body(tg: int, habits: list[uuid.UUID], i: int) -> bytes:
    """The webhook body of a member's i-th press, as Telegram sends it (keyboard included)."""
    day = local_day(datetime.now(UTC), "Europe/Berlin", 3)
    status = ("done", "skipped", "missed")[i // HABITS % 3]
    raw = callback_update(tg, buttons.checkin(habits[i % HABITS], day, status))
    raw["update_id"] = next(_UPDATE_IDS)  # unique across the worker processes: the inbox's key
    raw["callback_query"]["message"]["reply_markup"] = _keyboard(habits, day)
    return json.dumps(raw).encode()


def _bodies(people: People, count: int) -> list[list[bytes]]:
    """`count` press bodies per member, made before any clock runs."""
    return [[_body(tg, habits, i) for i in range(count)] for tg, habits in people]


# This worker's inbox and the presses waiting for their handler (unless --path direct).
_INBOX: dict[str, Any] = {}


async def _press(app: Any, body: bytes, since: float) -> float:
    """One press as the webhook takes it (`bot.http.take_update`: parse, clean, then handled
    at once, or stored in the inbox, which leases the member's lane and hands it to the
    Application); seconds from `since` to its handler's end. --path direct: the parse and the
    Application only, as before the inbox."""
    data = json.loads(body)
    inbox = _INBOX.get("inbox")
    if inbox is None:
        await app.process_update(update_from_json(data, app.bot))
        return time.perf_counter() - since
    handled = asyncio.get_running_loop().create_future()
    _INBOX["waiting"][data["update_id"]] = handled
    data = clean(data)
    if not await take_update(inbox, data, parse_update(data, app.bot)):
        raise RuntimeError(f"press {data['update_id']} answered 503")
    return await handled - since


def _through_inbox(app: Any, at_once: bool) -> Inbox:
    """An inbox in front of `app` whose handler tells `_press` when each press is done."""
    handle, waiting = application_handler(app), {}

    async def timed(update_id: int, payload: dict, parsed: Any) -> str:
        outcome = await handle(update_id, payload, parsed)
        if (handled := waiting.pop(update_id, None)) is not None:
            handled.set_result(time.perf_counter())
        return outcome

    settings = InboxSettings(presses_at_once=at_once)
    inbox = Inbox(app.bot_data["goalbot.services"].sessions, timed, settings)
    _INBOX.update(inbox=inbox, waiting=waiting)
    inbox.start()
    return inbox


async def _saturate(app: Any, bodies: list[list[bytes]]) -> tuple[float, list[float]]:
    """Every member presses their buttons in turn, all members at once."""

    async def member(mine: list[bytes]) -> list[float]:
        return [await _press(app, body, time.perf_counter()) for body in mine]

    started = time.perf_counter()
    done = await asyncio.gather(*(member(mine) for mine in bodies))
    return time.perf_counter() - started, [x for member_times in done for x in member_times]


async def _application(url: str) -> tuple[Any, RecordingRequest, Any]:
    """goalbot's Application on an offline Bot API recorder: (app, recorder, engine)."""
    services, engine = await _services(url)
    # Telegram's own send limits (AIORateLimiter) model Telegram's network: set out of the way.
    settings = TelegramSettings(bot_token="1:bench", overall_messages_per_second=1e9,
                                group_messages_per_minute=1e9)  # fmt: skip
    request = RecordingRequest()
    app = build_application(settings, services, request=request)
    await app.initialize()
    return app, request, engine


async def _work(url: str, warm: People, people: People, args: dict, barrier: Any) -> dict:
    """One worker: warm up, saturate, then the open loop, on its share of the members."""
    app, request, engine = await _application(url)
    inbox = None if args["path"] == "direct" else _through_inbox(app, args["path"] == "webhook")
    rate = args["rate"] / args["workers"]
    warm_bodies, closed_bodies = _bodies(warm, 2), _bodies(people, args["presses"])
    open_bodies = _bodies(people, -(-int(rate * args["seconds"]) // len(people)))
    await _saturate(app, warm_bodies)  # pools, statement caches, on members not measured
    freeze_startup_heap()  # as `goalbot run` does once it has started
    barrier.wait()
    cpu = time.process_time()
    elapsed, closed = await _saturate(app, closed_bodies)
    cpu = (time.process_time() - cpu) / max(1, len(closed))
    barrier.wait()
    window = time.time()
    opened = await open_loop(
        lambda i, due: _press(app, open_bodies[i % len(people)][i // len(people)], due),
        rate, args["seconds"],
    )  # fmt: skip
    window = (window, time.time())
    answers = [p for m, p in request.calls if m == "answerCallbackQuery"]
    told = [p.get("text") or "" for p in answers]
    asked = [p.get("callback_query_id") for p in answers]
    sent = 2 * len(warm) + len(closed) + len(opened)
    if inbox is not None:
        await inbox.stop()
    await app.shutdown()
    await engine.dispose()
    return {"elapsed": elapsed, "closed": closed, "open": opened, "cpu": cpu,
            "sent": sent, "window": window,
            "recorded": sum(1 for text in told if "Streak" in text),
            "twice": len(asked) - len(set(asked))}  # fmt: skip


def _worker(url: str, warm: People, people: People, args: dict, barrier: Any, out: Any) -> None:
    out.put(asyncio.run(_work(url, warm, people, args, barrier)))


UPSERT = ("INSERT INTO checkins (id, goal_id, user_id, habit_id, day, status, completed, source) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, 'bench') ON CONFLICT (habit_id, day) DO UPDATE "
          "SET status = EXCLUDED.status, completed = EXCLUDED.completed, updated_at = now()")  # fmt: skip


async def _owner(url: str, habit: uuid.UUID) -> uuid.UUID:
    """The member who owns `habit`."""
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(
            "SELECT g.user_id FROM habits h JOIN goals g ON g.id = h.goal_id WHERE h.id = $1", habit
        )
    finally:
        await conn.close()


async def _baseline(url: str, people: People, args: dict) -> dict[str, Any]:
    """The same upserts with raw asyncpg in one process, closed and open loop: the floor the
    handler path is compared with (its open-loop p99 shows what commits alone cost here)."""
    pool = await asyncpg.create_pool(url, min_size=20, max_size=20)
    rows = await pool.fetch(
        "SELECT h.id, g.id, g.user_id FROM habits h JOIN goals g ON g.id = h.goal_id"
    )
    owner = {r[0]: (r[1], r[2]) for r in rows}
    day = datetime.now(UTC).date() + timedelta(days=1)  # another day: no conflict with the run

    async def upsert(habit: uuid.UUID, since: float) -> float:
        async with pool.acquire() as conn:
            await conn.execute(UPSERT, uuid.uuid4(), *owner[habit], habit, day, "done", True)
        return time.perf_counter() - since

    async def member(habits: list[uuid.UUID]) -> list[float]:
        return [
            await upsert(habits[i % HABITS], time.perf_counter()) for i in range(args["presses"])
        ]

    started = time.perf_counter()
    done = await asyncio.gather(*(member(habits) for _, habits in people))
    elapsed = time.perf_counter() - started
    opened = await open_loop(
        lambda i, due: upsert(people[i % len(people)][1][i // len(people) % HABITS], due),
        args["rate"], args["seconds"],
    )  # fmt: skip
    await pool.close()
    return {"elapsed": elapsed, "closed": [x for times in done for x in times], "open": opened}


# The press statement as it was before it became SQLAlchemy text() (raw asyncpg on the pooled
# connection's driver connection, synchronous_commit switched off inside it with set_config):
# kept here only as the baseline `_statements` compares the plain form with, in the same run.
RAW_PRESS = """
WITH prev AS (
  SELECT status FROM checkins WHERE habit_id = $2::uuid AND day = $3::date
), up AS (
  INSERT INTO checkins (user_id, goal_id, habit_id, day, status, completed, source, note, amount)
  SELECT g.user_id, g.id, h.id, $3::date, $4::text, $4::text = 'done', $5::text, $6::text,
         $10::numeric
  FROM habits h JOIN goals g ON g.id = h.goal_id
  WHERE h.id = $2::uuid AND g.user_id = $1::uuid AND g.status = 'active' AND h.active
  ON CONFLICT (habit_id, day) DO UPDATE
    SET status = EXCLUDED.status, completed = EXCLUDED.completed, source = EXCLUDED.source,
        note = EXCLUDED.note, synced_to_snowflake = false, updated_at = now(),
        amount = CASE WHEN EXCLUDED.status = 'done'
                      THEN coalesce(EXCLUDED.amount, checkins.amount) ELSE EXCLUDED.amount END
  RETURNING id
)
SELECT h.id, h.goal_id, h.title, h.frequency, h.created_at, h.schedule, g.title AS goal_title,
       h.first_day, h.target_amount, h.target_unit, h.target_period,
       c.day, c.status, c.amount, (SELECT count(*) FROM up) AS recorded,
       (SELECT status FROM prev) AS previous,
       (SELECT set_config('synchronous_commit',
                          coalesce($9::text, current_setting('synchronous_commit')), true)) AS commit
FROM habits h JOIN goals g ON g.id = h.goal_id
LEFT JOIN checkins c ON c.habit_id = h.id AND c.status IS NOT NULL
     AND ((c.habit_id = $2::uuid AND c.day >= $7::date) OR c.day >= $8::date)
WHERE g.user_id = $1::uuid AND g.status = 'active' AND h.active
ORDER BY g.created_at, g.id, h.created_at, h.id
"""


async def _statements(
    url: str, people: list[tuple[int, list[uuid.UUID], uuid.UUID]], count: int = 2000
) -> dict[str, tuple[float, float]]:
    """The press statement both ways, interleaved in rounds: {form: (statements/s, CPU ms each)}."""
    services, engine = await _services(url)
    quick = autocommit_engine(services.sessions, durable=False)
    day = datetime.now(UTC).date() + timedelta(days=2)  # a day of its own: no clash with the run

    def args(i: int) -> dict[str, Any]:
        user = people[i % len(people)]
        return {"user": user[2], "habit": user[1][i % HABITS]}

    async def plain(i: int) -> None:
        a = args(i)
        async with quick.connect() as conn:
            await record_and_read(conn, user_id=a["user"], habit_id=a["habit"], day=day,
                                  status="done", source="bench", note=None,
                                  focus_since=day - timedelta(days=400), since=day)  # fmt: skip

    async def raw(i: int) -> None:
        a = args(i)
        async with driver_connection(services.sessions) as conn:
            await conn.fetch(RAW_PRESS, a["user"], a["habit"], day, "done", "bench", None,
                             day - timedelta(days=400), day, "off", None)  # fmt: skip

    totals = {"plain": [0.0, 0.0], "raw": [0.0, 0.0]}
    for _ in range(4):
        for name, fn in (("plain", plain), ("raw", raw)):
            wall, cpu = time.perf_counter(), time.process_time()
            for start in range(0, count // 4, 20):  # 20 in flight, as the pool keeps
                await asyncio.gather(*(fn(i) for i in range(start, start + 20)))
            totals[name][0] += time.perf_counter() - wall
            totals[name][1] += time.process_time() - cpu
    await engine.dispose()
    return {n: (count / w, c / count * 1000) for n, (w, c) in totals.items()}


def _line(name: str, count: int, elapsed: float, latencies: list[float]) -> str:
    return (f"{name:<34} {count:>6} in {elapsed:6.2f} s = {count / elapsed:6.0f}/s   "
            f"p50 {pct(latencies, 0.5) * 1000:7.2f} ms   p99 {pct(latencies, 0.99) * 1000:7.2f} ms")  # fmt: skip


def _spawn(url: str, people: list, warm: list, args: dict, worker: Any = None) -> list[dict]:
    """Run the workers (`worker`, default the press worker), each on its share of the
    members; their results."""
    ctx = mp.get_context("spawn")
    n = args["workers"]
    barrier, out = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=worker or _worker, args=(url, warm[w::n], people[w::n], args, barrier, out))
             for w in range(n)]  # fmt: skip
    for proc in procs:
        proc.start()
    results = [out.get() for _ in procs]
    for proc in procs:
        proc.join()
    return results


async def _pass(url: str, people: People, warm: People, args: dict) -> dict[str, Any]:
    """One pass of the workers (saturation, then the open loop) on one path."""
    watch, stop = WalWatch(url), asyncio.Event()
    watching = asyncio.create_task(watch.run(stop))
    results = await asyncio.to_thread(_spawn, url, people, warm, args)
    stop.set()
    await watching
    window = (min(r["window"][0] for r in results), max(r["window"][1] for r in results))
    return {"closed": [x for r in results for x in r["closed"]],
            "open": [x for r in results for x in r["open"]],
            "elapsed": max(r["elapsed"] for r in results), "flush": watch.longest(*window),
            "cpu": sum(r["cpu"] for r in results) / args["workers"],
            "recorded": sum(r["recorded"] for r in results),
            "twice": sum(r["twice"] for r in results),
            "sent": sum(r["sent"] for r in results)}  # fmt: skip


def _print_pass(got: dict[str, Any], total: int, args: dict) -> None:
    path, load = PATHS[args["path"]], f"{args['rate']:.0f}/s for {args['seconds']:.0f} s"
    print(f"{path}: {got['recorded']} of {got['sent']} presses recorded, "
          f"{got['twice']} answered twice; CPU "
          f"{got['cpu'] * 1000:.2f} ms per press and process; longest wait of a press's commit "
          f"on one WAL flush {got['flush'] * 1000:.0f} ms")  # fmt: skip
    print(_line(f"  saturation: {path}", total, got["elapsed"], got["closed"]))
    print(_line(f"  target load: {load}", len(got["open"]), args["seconds"], got["open"]))
    met = total / got["elapsed"] >= 500, pct(got["open"], 0.99) < 0.025
    print(f"  targets: ≥ 500/s {'met' if met[0] else 'MISSED'}, p99 < 25 ms at "
          f"{args['rate']:.0f}/s {'met' if met[1] else 'MISSED'}")  # fmt: skip


async def run(url: str, args: dict) -> None:
    """Set up members, press through the workers' Applications on each path, then the
    asyncpg baseline and the press statement both ways."""
    count, presses, workers = args["members"], args["presses"], args["workers"]
    everyone = await _members(url, count + max(workers, count // 10))
    people, warm = everyone[:count], everyone[count:]
    paths = ("webhook", "inbox") if args["path"] == "both" else (args["path"],)
    passes = {path: await _pass(url, people, warm, {**args, "path": path}) for path in paths}
    base = await _baseline(url, people, args)
    owned = [(tg, habits, await _owner(url, habits[0])) for tg, habits in people]
    statements = await _statements(url, owned)
    total, load = count * presses, f"{args['rate']:.0f}/s for {args['seconds']:.0f} s"
    print(f"{count} members × {presses} presses, {HABITS} habits each, {workers} worker "
          f"processes, presses commit {CoachSettings().checkin_commit} (COACH_CHECKIN_COMMIT); "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    for path, got in passes.items():
        _print_pass(got, total, {**args, "path": path})
    print(_line("raw asyncpg upsert, saturation", total, base["elapsed"], base["closed"]))
    print(_line(f"raw asyncpg upsert, {load}", len(base["open"]), args["seconds"], base["open"]))
    for form, label in (
        ("plain", "SQLAlchemy text(), quick engine"),
        ("raw", "raw asyncpg, set_config"),
    ):
        rate, cpu = statements[form]
        print(f"press statement, {label:<32} {rate:6.0f}/s   CPU {cpu:.3f} ms each (20 in flight)")
    print(
        f"(durable raw upserts' own p99 at {load}: {pct(base['open'], 0.99) * 1000:.1f} ms: "
        "what waiting for this disk costs)"
    )


def main() -> None:
    """Create a scratch database, migrate it, run, drop it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=200)
    # ≤ 10: each member's presses come back to back, within the per-member flood limit's burst
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rate", type=float, default=500.0, help="presses/s of the target load")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--path", choices=("both", *PATHS), default="both",
                        help="webhook: as `goalbot run` takes presses (handled at once, "
                        "INBOX_PRESSES_AT_ONCE); inbox: every press stored in the inbox first; "
                        "direct: straight to the Application (as before #13); both: webhook, "
                        "then inbox, in the same run")  # fmt: skip
    parser.add_argument("--direct", dest="path", action="store_const", const="direct",
                        help="the same as --path direct")  # fmt: skip
    args = vars(parser.parse_args())

    async def go() -> None:
        async with scratch_database() as url:
            await run(url, args)

    asyncio.run(go())


if __name__ == "__main__":
    main()
