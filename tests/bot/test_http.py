"""The one HTTP server: /healthz, and the Telegram webhook's secret token checked every time."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.http import DB_CHECK_SECONDS, SECRET_HEADER, Health, build_http_app, start_server
from bot.inbox import Inbox
from bot.inbox_config import InboxSettings
from bot.telegram_intake import application_handler
from storage.db import Sessions, create_engine, session_factory
from storage.models import SyncRun
from tests.bot.running import NOW, an_update
from tests.fakes.telegram_server import FakeBotApi

SECRET = "s3cret-token_for-tests"
PATH = "/telegram/webhook"


@pytest.fixture
async def telegram() -> AsyncIterator[tuple[Application[Any, Any, Any, Any, Any, Any], list[str]]]:
    fake = await FakeBotApi().start()
    seen: list[str] = []

    async def record(update: Update, context: object) -> None:
        assert update.message is not None
        seen.append(update.message.text or "")

    app = Application.builder().token("1:T").base_url(fake.base_url).updater(None).build()
    app.add_handler(MessageHandler(filters.TEXT, record))
    async with app:
        await app.start()
        yield app, seen
        await app.stop()
    await fake.stop()


async def client_for(app: Any) -> TestClient:
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


async def test_webhook_checks_the_secret_token_on_every_request(
    sessions: Sessions, telegram: tuple[Any, list[str]]
) -> None:
    application, seen = telegram
    inbox = Inbox(sessions, application_handler(application), InboxSettings())
    web_app = build_http_app(
        Health(sessions, lambda: "standby"), telegram=(inbox, application.bot, PATH, SECRET)
    )
    client = await client_for(web_app)
    try:
        missing = await client.post(PATH, json=an_update(1, "no secret"))
        wrong = await client.post(PATH, json=an_update(2, "wrong"), headers={SECRET_HEADER: "nope"})
        right = await client.post(PATH, json=an_update(3, "hello"), headers={SECRET_HEADER: SECRET})
        garbage = await client.post(PATH, data=b"{not json", headers={SECRET_HEADER: SECRET})
        assert (missing.status, wrong.status, right.status, garbage.status) == (401, 403, 200, 400)
        async with asyncio.timeout(5):
            while not seen:  # noqa: ASYNC110 - PTB handles the queued update in its own task
                await asyncio.sleep(0.02)
        assert seen == ["hello"]
    finally:
        await client.close()
        await inbox.stop()


async def test_healthz_reports_database_role_and_sync_age(sessions: Sessions) -> None:
    async with sessions.begin() as session:
        session.add(SyncRun(status="ok", finished_at=NOW - timedelta(minutes=3)))
    health = Health(sessions, lambda: "leader", clock=lambda: NOW)
    client = await client_for(build_http_app(health))
    try:
        response = await client.get("/healthz")
        assert response.status == 200
        assert await response.json() == {
            "status": "ok", "database": "ok", "scheduler": "leader",
            "last_sync_age_seconds": 180.0,
        }  # fmt: skip
    finally:
        await client.close()


async def test_healthz_is_503_when_the_database_is_unreachable() -> None:
    engine = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    client = await client_for(build_http_app(Health(session_factory(engine), lambda: "standby")))
    try:
        response = await client.get("/healthz")
        body = await response.json()
        assert response.status == 503
        assert body["database"] == "unreachable" and body["scheduler"] == "standby"
    finally:
        await client.close()
        await engine.dispose()


@asynccontextmanager
async def a_hanging_database() -> AsyncIterator[tuple[int, list[asyncio.StreamWriter]]]:
    """A loopback TCP server that accepts every connection and never answers a byte."""
    accepted: list[asyncio.StreamWriter] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)
        await reader.read()  # swallow the client's bytes until it hangs up

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1], accepted
    finally:
        server.close()
        for writer in accepted:
            writer.close()
        await server.wait_closed()


@pytest.mark.slow
async def test_healthz_is_503_within_the_check_time_when_the_database_hangs() -> None:
    async with a_hanging_database() as (port, accepted):
        engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/hangs")
        health = Health(session_factory(engine), lambda: "leader")
        client = await client_for(build_http_app(health))
        try:
            for _ in range(2):  # and again: the abandoned connection attempt blocks nothing
                started = time.monotonic()
                response = await client.get("/healthz")
                elapsed = time.monotonic() - started
                assert response.status == 503
                assert (await response.json())["database"] == "unreachable"
                assert DB_CHECK_SECONDS - 0.2 <= elapsed < 5.0  # it waited, then gave up
            assert len(accepted) >= 2  # each probe reached the silent server
        finally:
            await client.close()
            await engine.dispose()


async def test_two_processes_worth_of_servers_share_one_port(sessions: Sessions) -> None:
    """One `goalbot run` per core on one machine: each binds PORT, and both answer."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    runners = []
    try:
        for _ in range(2):
            app = build_http_app(Health(sessions, lambda: "standby"))
            runners.append(await start_server(app, "127.0.0.1", port))
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/healthz") as response,
        ):
            assert response.status == 200
    finally:
        for runner in runners:
            await runner.cleanup()
