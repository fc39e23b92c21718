"""`goalbot run` at SIGTERM with a backlog: running handlers get their deadline, the rest stays
in the inbox for the next process; a second signal exits at once."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import asyncpg
import pytest

from bot.http import SECRET_HEADER
from storage.db import Sessions
from tests.bot.running import SECRET, free_port, health, production_env, run_goalbot
from tests.fakes.gemini import FakeGemini, Reply
from tests.fakes.telegram import message_update
from tests.fakes.telegram_server import FakeBotApi

USER = 4711


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = await FakeBotApi().start()
    yield api
    await api.stop()


async def backlog(database_url: str) -> tuple[int, int]:
    """(handled, waiting) updates in the inbox."""
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        row = await conn.fetchrow("SELECT count(handled_at), count(*) - count(handled_at) "
                                  "FROM telegram_updates")  # fmt: skip
        return int(row[0]), int(row[1])
    finally:
        await conn.close()


async def started_with_a_backlog(env: dict[str, str], port: int, database_url: str) -> object:
    """A running goalbot whose one member has sent 6 messages to a model that hangs."""
    process = await run_goalbot(env, Path(env["GOALBOT_DATA_DIR"]))
    await health(port)
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    texts = ["/start", "Europe/Berlin"] + [f"how is my week going? {n}" for n in range(6)]
    async with aiohttp.ClientSession() as http:
        for n, text in enumerate(texts, start=1):
            body = message_update(USER, text) | {"update_id": 90_000 + n}
            async with http.post(url, json=body, headers={SECRET_HEADER: SECRET}) as answer:
                assert answer.status == 200
    async with asyncio.timeout(20):
        while (await backlog(database_url))[0] < 2:  # noqa: ASYNC110 - another process's work
            await asyncio.sleep(0.1)
    return process


@pytest.mark.slow
async def test_sigterm_with_a_backlog_exits_by_the_deadline_and_keeps_the_rest(
    clean_env: Path, fake: FakeBotApi, database_url: str, sessions: Sessions
) -> None:
    async with FakeGemini() as gemini:
        gemini.default = Reply.json({"reply": "late"}, delay=60.0)
        port = free_port()
        env = {**os.environ, **production_env(fake, database_url, clean_env, port),
               "GEMINI_API_KEY": "k", "GEMINI_API_URL": gemini.url,
               "INBOX_SHUTDOWN_SECONDS": "1", "SCHEDULER_ENABLED": "false"}  # fmt: skip
        process = await started_with_a_backlog(env, port, database_url)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)  # type: ignore[attr-defined]
        await asyncio.wait_for(process.communicate(), 30)  # type: ignore[attr-defined]
        took = time.monotonic() - started
        _, waiting = await backlog(database_url)
        assert took < 10, took  # one handler cut at 1 s, not 6 model deadlines
        assert waiting >= 5  # left in the inbox, not lost
        heir_port = free_port()
        heir = await run_goalbot({**env, "PORT": str(heir_port), "GEMINI_API_KEY": ""},
                                 clean_env)  # fmt: skip
        try:
            async with asyncio.timeout(30):
                while (await backlog(database_url))[1] > 0:  # noqa: ASYNC110 - another process
                    await asyncio.sleep(0.2)
        finally:
            heir.send_signal(signal.SIGTERM)
            await asyncio.wait_for(heir.communicate(), 30)
        assert (await backlog(database_url)) == (8, 0)


@pytest.mark.slow
async def test_a_second_signal_exits_at_once(
    clean_env: Path, fake: FakeBotApi, database_url: str, sessions: Sessions
) -> None:
    async with FakeGemini() as gemini:
        gemini.default = Reply.json({"reply": "late"}, delay=60.0)
        port = free_port()
        env = {**os.environ, **production_env(fake, database_url, clean_env, port),
               "GEMINI_API_KEY": "k", "GEMINI_API_URL": gemini.url,
               "INBOX_SHUTDOWN_SECONDS": "30", "SCHEDULER_ENABLED": "false",
               "GEMINI_TIMEOUT_SECONDS": "60", "GEMINI_INTERACTIVE_DEADLINE_SECONDS": "60"}  # fmt: skip
        process = await started_with_a_backlog(env, port, database_url)
        process.send_signal(signal.SIGTERM)  # type: ignore[attr-defined]
        await asyncio.sleep(0.2)
        if process.returncode is not None:  # type: ignore[attr-defined]
            _, err = await process.communicate()  # type: ignore[attr-defined]
            raise AssertionError("stopped before the second signal: " + err.decode()[-3000:])
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)  # type: ignore[attr-defined]
        _, err = await asyncio.wait_for(process.communicate(), 10)  # type: ignore[attr-defined]
        assert time.monotonic() - started < 3
        assert process.returncode == 1, err.decode()[-3000:]  # type: ignore[attr-defined]
        assert (await backlog(database_url))[1] >= 5
