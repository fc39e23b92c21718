"""Slack acknowledgement latency while the model takes 5 s to answer.

Run: .venv/bin/python bench/bench_slack_ack.py [--requests N] [--delay S] [--database-url URL]

A real Bolt app behind goalbot's aiohttp handler on loopback gets N signed `/patient`
requests, one after another, while a fake Gemini (tests/fakes/gemini.py) takes `--delay`
seconds (default 5) per answer, so the copilot calls pile up behind the acknowledgements.
Each request's time to the HTTP response (the `ack()`, "Looking into …") is measured, and
beside it a trivial aiohttp handler on the same server answering the same JSON (baseline).
Slack needs the ack within 3 s; goalbot's target is p99 < 300 ms. At the end every answer
is awaited through the fake Slack's response_url, to show the work really happened.

The database: --database-url, else DATABASE_URL, else a temporary database created on the
PostgreSQL at 127.0.0.1:5432 (dropped at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import os
import statistics
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from aiohttp import ClientSession, web  # noqa: E402
from fakes.gemini import FakeGemini, Reply  # noqa: E402
from fakes.mentoring import add_mentor, add_patient, add_plan, cipher  # noqa: E402
from fakes.slack import FakeSlack  # noqa: E402

from bench._loads import pct  # noqa: E402
from bench._scratch_db import scratch_database  # noqa: E402
from bot.migrate import upgrade  # noqa: E402
from coach.config import GeminiSettings  # noqa: E402
from coach.llm import CoachEngine  # noqa: E402
from handlers.slack.app import build_slack_app  # noqa: E402
from handlers.slack.config import SlackSettings  # noqa: E402
from handlers.slack.http import add_routes  # noqa: E402
from mentor.services import MentorServices  # noqa: E402
from storage.db import create_engine, session_factory  # noqa: E402

SECRET = "bench-signing-secret"
ANSWER = {"reply": "Anna is steady; keep the weekly check-in.", "suggested_actions": [],
          "risk_patterns": [], "plan_patch": None}  # fmt: skip
ACK = {"response_type": "ephemeral", "text": "Looking into @anna…"}


@asynccontextmanager
async def database(url: str | None) -> AsyncIterator[str]:
    """The given database, or a temporary one on the local server, migrated."""
    if url:
        await asyncio.to_thread(upgrade, url)
        yield url
        return
    async with scratch_database() as temp:
        yield temp


def signed_command(text: str, response_url: str) -> tuple[bytes, dict[str, str]]:
    """A /patient request as Slack signs it."""
    body = urlencode({"command": "/patient", "text": text, "user_id": "U1", "team_id": "T0001",
                      "channel_id": "C1", "response_url": response_url, "trigger_id": "t"})  # fmt: skip
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
               "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
    return body.encode(), headers


async def baseline(request: web.Request) -> web.Response:
    """The trivial handler: read the body, answer the same JSON."""
    await request.read()
    return web.json_response(ACK)


async def measure(http: ClientSession, url: str, n: int, fake: FakeSlack | None) -> list[float]:
    """Milliseconds per request, sent one after another."""
    times = []
    for i in range(n):
        body, headers = signed_command(
            "@anna how is she doing?", fake.response_url(f"r{i}") if fake else ""
        )
        started = time.perf_counter()
        async with http.post(url, data=body, headers=headers) as response:
            payload = await response.json()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200 and payload == ACK, (response.status, payload)
    return times


async def run(n: int, delay: float, database_url: str | None) -> None:
    async with database(database_url) as url, FakeSlack() as slack, FakeGemini() as gemini:
        gemini.default = Reply.json(ANSWER, delay=delay)
        engine = create_engine(url)
        sessions = session_factory(engine)
        model = GeminiSettings(api_key="bench", api_url=gemini.url, timeout_seconds=delay + 10,
                               max_retries=0, requests_per_minute=10_000)  # fmt: skip
        services = MentorServices(
            sessions=sessions, engine=CoachEngine(model, sessions), cipher=cipher()
        )
        mentor = await add_mentor(sessions, "U1", "Dr Rivera")
        anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
        await add_plan(sessions, anna, "Run a 5k", [("Run", "weekly:3")])
        settings = SlackSettings(
            bot_token="xoxb-bench", signing_secret=SECRET, api_url=slack.api_url
        )
        web_app = web.Application()
        add_routes(web_app, build_slack_app(settings, services))
        web_app.router.add_post("/baseline", baseline)
        runner = web.AppRunner(web_app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
        try:
            async with ClientSession() as http:
                await measure(http, f"{base}/slack/events", 3, slack)  # warm-up (auth.test, pools)
                await slack.wait_for(lambda f: len(f.responses()) == 3, seconds=delay * 3 + 30)
                started = time.perf_counter()
                acks = await measure(http, f"{base}/slack/events", n, slack)
                sent_for = time.perf_counter() - started
                trivial = await measure(http, f"{base}/baseline", n, None)
                await slack.wait_for(lambda f: len(f.responses()) == n + 3, seconds=delay * 3 + 60)
                answered = time.perf_counter() - started
        finally:
            await runner.cleanup()
            await services.engine.aclose()
            await engine.dispose()
    report(n, delay, acks, trivial, sent_for, answered, len(gemini.requests))


def report(n: int, delay: float, acks: list[float], trivial: list[float], sent_for: float,
           answered: float, model_calls: int) -> None:  # fmt: skip
    """Print the figures beside the baseline."""
    rows = [("slash command ack (/patient)", acks), ("baseline: trivial aiohttp handler", trivial)]
    print(f"{n} requests each; model delay {delay:g} s; CPUs {os.cpu_count()}")
    print(f"{'':36} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'mean ms':>8}")
    for name, values in rows:
        print(f"{name:36} {pct(values, 0.5):8.1f} {pct(values, 0.99):8.1f} "
              f"{max(values):8.1f} {statistics.fmean(values):8.1f}")  # fmt: skip
    p99 = pct(acks, 0.99)
    ratio = p99 / max(pct(trivial, 0.99), 0.001)
    print(
        f"ack p99 / baseline p99 = {ratio:.1f}x; target p99 < 300 ms: {'met' if p99 < 300 else 'MISSED'}"
    )
    print(
        f"all {n} acks sent in {sent_for:.2f} s while answers were pending; every answer "
        f"reached response_url {answered:.2f} s after the first request ({model_calls} model calls)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--delay", type=float, default=5.0)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    asyncio.run(run(args.requests, args.delay, args.database_url))


if __name__ == "__main__":
    main()
