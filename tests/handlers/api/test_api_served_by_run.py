"""`goalbot run` serves the API on the same port as /healthz and the Telegram webhook."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from bot.http import SECRET_HEADER
from bot.run import serve
from bot.settings import load_settings
from tests.bot.running import SECRET, free_port, health, production_env
from tests.fakes.telegram_server import FakeBotApi


@pytest.mark.slow
async def test_goalbot_run_serves_the_api_beside_the_webhook(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    fake = await FakeBotApi().start()
    port, stop = free_port(), asyncio.Event()
    for name, value in {**production_env(fake, database_url, clean_env, port),
                        "SCHEDULER_ENABLED": "false", "GOALBOT_API_DOCS": "true"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    task = asyncio.create_task(serve(load_settings(), database_url, stop))
    try:
        await health(port)
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}") as http:
            paths = (await (await http.get("/openapi.json")).json())["paths"]
            assert "/goals/{goal_id}/checkin" in paths and "/mentor/chat/" in paths
            refused = await http.post("/chat/", json={"message": "hi"})
            assert refused.status == 401 and refused.content_type == "application/problem+json"
            webhook = await http.post("/telegram/webhook", json={"update_id": 1},
                                      headers={SECRET_HEADER: SECRET})  # fmt: skip
            assert webhook.status == 200  # the webhook keeps its own aiohttp route
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
        await fake.stop()
