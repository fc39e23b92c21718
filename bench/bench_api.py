"""Check-ins through the HTTP API (POST /goals/{goal_id}/checkin) from many tokens at once,
beside the Telegram press path in the same run.

First `bench/bench_checkins.py` runs with the same options and measures the press path
(webhook body → PTB → core → PostgreSQL) as it always does. Then the API: `--workers`
processes, each serving goalbot's one aiohttp server with the API mounted (aiohttp-asgi → FastAPI → the same
`coach.checkins.record`) on loopback, and a keep-alive aiohttp client in that process
sending its share of the members' requests, each with its own member's bearer token
(checked by signature and by hash in PostgreSQL, rate-limited at the default 10/s). The
same two loads: saturation (every token `--presses` requests back to back, all at once) and
an open loop at `--rate` per second. The client's own work runs in the same process, so
the API figures are the dearer side of the comparison.

    .venv/bin/python bench/bench_api.py [--members 200] [--presses 5] [--workers 2]
                                        [--rate 500] [--seconds 5] [--skip-telegram]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, TCPConnector, web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import bench_checkins
from bench._loads import open_loop, pct
from bench._scratch_db import scratch_database
from bot.http import Health, build_http_app
from bot.run import freeze_startup_heap
from coach import api_tokens, members
from coach.api_tokens import Signing
from handlers.api.app import build_api, mount
from handlers.api.auth import ApiDeps
from handlers.api.config import ApiSettings
from handlers.api.limits import TokenRates
from handlers.dialog import Dialog
from mentor.services import MentorServices
from storage import goals as goal_store

SECRET = "bench-secret-0123456789abcdef0123456789abcdef"
SIGNING = Signing("HS256", SECRET, SECRET, "goalbot", "goalbot-api", timedelta(days=1))
HABITS = bench_checkins.HABITS
Person = tuple[str, str, list[str], str]  # user id, goal id, habit ids, token


async def _people(url: str, count: int) -> list[Person]:
    """`count` members in Berlin with HABITS daily habits each, and a token each."""
    services, engine = await bench_checkins._services(url)
    made = []
    for n in range(count):
        welcome = await members.start_local(services, user_id=None, name=f"api{n}")
        user = welcome.member.id
        await members.set_timezone(services, user_id=user, text="Europe/Berlin")
        async with services.sessions.begin() as session:
            goal, habits = await goal_store.create_goal(
                session, user_id=user, title="Bench", category="bench", frequency="daily",
                ai_plan={}, start_date=datetime.now(UTC).date(), end_date=None, subgoals=[],
                habits=[(f"Habit {i}", "daily", None) for i in range(HABITS)],
                at=datetime.now(UTC) - timedelta(days=30),
            )  # fmt: skip
        issued = await api_tokens.issue(services.sessions, SIGNING, scope="member",
                                        subject_id=user, now=datetime.now(UTC))  # fmt: skip
        made.append((str(user), str(goal.id), [str(h.id) for h in habits], issued.token))
    await engine.dispose()
    return made


async def _server(url: str) -> tuple[web.AppRunner, int, Any]:
    """goalbot's one server with the API mounted, as `goalbot run` builds it, on loopback."""
    services, engine = await bench_checkins._services(url)
    mentor = MentorServices(
        sessions=services.sessions, engine=services.engine, cipher=services.cipher
    )
    settings = ApiSettings()  # the default 10 requests/s per token
    deps = ApiDeps(services, mentor, SIGNING, settings, Dialog(services),
                   TokenRates(settings.requests_per_second))  # fmt: skip
    web_app = build_http_app(Health(services.sessions, lambda: "bench"))
    mount(web_app, build_api(deps))
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1], engine  # type: ignore[union-attr]


def _request(person: Person, i: int) -> tuple[str, dict[str, str], dict[str, str]]:
    user, goal, habits, token = person
    status = ("done", "skipped", "missed")[i // HABITS % 3]
    params = {"user_id": user, "completed": str(status == "done").lower(), "status": status,
              "habit_id": habits[i % HABITS]}  # fmt: skip
    return f"/goals/{goal}/checkin", params, {"Authorization": f"Bearer {token}"}


async def _work(
    url: str, warm: list[Person], people: list[Person], args: dict, barrier: Any
) -> dict:
    """One worker: serve, warm up, saturate, then the open loop, on its share of the tokens."""
    runner, port, engine = await _server(url)
    client = ClientSession(f"http://127.0.0.1:{port}", connector=TCPConnector(limit=256))
    failures = 0

    async def post(person: Person, i: int, since: float) -> float:
        nonlocal failures
        path, params, headers = _request(person, i)
        async with client.post(path, params=params, headers=headers) as response:
            await response.read()
            failures += response.status != 200
        return time.perf_counter() - since

    async def saturate(group: list[Person], count: int) -> tuple[float, list[float]]:
        async def one(p: Person) -> list[float]:
            return [await post(p, i, time.perf_counter()) for i in range(count)]

        started = time.perf_counter()
        done = await asyncio.gather(*(one(p) for p in group))
        return time.perf_counter() - started, [x for times in done for x in times]

    await saturate(warm, 2)
    freeze_startup_heap()
    barrier.wait()
    elapsed, closed = await saturate(people, args["presses"])
    barrier.wait()
    rate = args["rate"] / args["workers"]
    opened = await open_loop(
        lambda i, due: post(people[i % len(people)], args["presses"] + i // len(people), due),
        rate, args["seconds"],
    )  # fmt: skip
    await client.close()
    await runner.cleanup()
    await engine.dispose()
    return {"elapsed": elapsed, "closed": closed, "open": opened, "failures": failures}


def _worker(
    url: str, warm: list[Person], people: list[Person], args: dict, barrier: Any, out: Any
) -> None:
    out.put(asyncio.run(_work(url, warm, people, args, barrier)))


async def run_api(url: str, args: dict) -> None:
    """Members with tokens, the workers' servers and clients, then the figures."""
    count, workers = args["members"], args["workers"]
    everyone = await _people(url, count + max(workers, count // 10))
    people, warm = everyone[:count], everyone[count:]
    results = await asyncio.to_thread(bench_checkins._spawn, url, people, warm, args, _worker)
    closed = [x for r in results for x in r["closed"]]
    opened = [x for r in results for x in r["open"]]
    elapsed = max(r["elapsed"] for r in results)
    print(f"HTTP API: {count} tokens × {args['presses']} check-ins, {workers} worker processes "
          f"(server and client in each); {sum(r['failures'] for r in results)} answers not 200")  # fmt: skip
    print(bench_checkins._line("saturation: HTTP API → PostgreSQL", len(closed), elapsed, closed))
    load = f"{args['rate']:.0f}/s for {args['seconds']:.0f} s"
    print(bench_checkins._line(f"API target load: {load}", len(opened), args["seconds"], opened))
    print(
        f"API p99 at {load}: {pct(opened, 0.99) * 1000:.1f} ms (the press path's target: < 25 ms)"
    )


def main() -> None:
    """Create a scratch database; the Telegram press path, then the API; drop it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--presses", type=int, default=5)  # ≤ 10: within a token's burst
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rate", type=float, default=500.0)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--skip-telegram", action="store_true")
    args = vars(parser.parse_args())
    skip = args.pop("skip_telegram")

    if not skip:  # its own process and scratch database, with its own options' defaults
        print("== Telegram press path (bench/bench_checkins.py) ==", flush=True)
        flags = [
            f"--{name}={args[name]}"
            for name in ("members", "presses", "workers", "rate", "seconds")
        ]
        subprocess.run(
            [sys.executable, str(Path(__file__).with_name("bench_checkins.py")), *flags], check=True
        )

    async def go() -> None:
        async with scratch_database() as url:
            print("== HTTP API: POST /goals/{goal_id}/checkin ==")
            await run_api(url, args)

    asyncio.run(go())


if __name__ == "__main__":
    main()
