"""Helpers for tests that run goalbot's server: ports, environment, signed requests, probes."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

from tests.fakes.telegram_server import FakeBotApi

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]
SECRET = "run-test-secret"
SLACK_SECRET = "slack-signing-secret"
LOCK_KEY = 7_400_999


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_goalbot(env: dict[str, str], cwd: Path) -> Any:
    """Start `python -m bot run` as a subprocess (an awaitable of it)."""
    return asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=cwd, env={**env, "PYTHONPATH": str(REPO)},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


def production_env(
    fake: FakeBotApi, database_url: str, data_dir: Path, port: int
) -> dict[str, str]:
    """The environment of a production `goalbot run` against the fake Bot API."""
    return {
        "DATABASE_URL": database_url.replace("+asyncpg", ""),
        "TELEGRAM_BOT_TOKEN": "123:RUN-TEST",
        "TELEGRAM_API_URL": fake.api_url,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "PORT": str(port),
        "GOALBOT_HOST": "127.0.0.1",
        "GOALBOT_DATA_DIR": str(data_dir),
        "SCHEDULER_LEADER_RETRY_SECONDS": "0.2",
        "SCHEDULER_LEADER_LOCK_KEY": str(LOCK_KEY),
        "SNOWFLAKE_ACCOUNT": "",
        "SLACK_BOT_TOKEN": "xoxb-run-test",
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }


def slack_headers(body: str, secret: str = "") -> dict[str, str]:
    """Slack's signature headers for `body` (v0, HMAC-SHA256 over v0:timestamp:body)."""
    stamp = str(int(time.time()))
    digest = hmac.new((secret or SLACK_SECRET).encode(), f"v0:{stamp}:{body}".encode(),
                      hashlib.sha256).hexdigest()  # fmt: skip
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/json"}  # fmt: skip


async def health(port: int) -> dict[str, Any]:
    """Poll /healthz until it answers 200; return its body."""
    async with asyncio.timeout(30), aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return dict(await response.json())
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)


async def advisory_locks(database_url: str) -> int:
    """How many advisory locks on the leader key are held."""
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return int(await conn.fetchval(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1",
            LOCK_KEY))  # fmt: skip
    finally:
        await conn.close()


def an_update(update_id: int, text: str) -> dict[str, Any]:
    """A private text message update as Telegram sends it."""
    user = {"id": 99, "is_bot": False, "first_name": "Ana"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(NOW.timestamp()), "text": text,
        "chat": {"id": 99, "type": "private"}, "from": user}}  # fmt: skip
