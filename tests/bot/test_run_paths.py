"""`goalbot run` serves Telegram and Slack at TELEGRAM_WEBHOOK_PATH and SLACK_EVENTS_PATH."""

from __future__ import annotations

import asyncio
import gc
import json
from pathlib import Path

import aiohttp
import pytest

from bot.http import SECRET_HEADER
from bot.run import serve
from bot.settings import load_settings
from tests.bot.running import SECRET, an_update, free_port, health, production_env, slack_headers
from tests.fakes.telegram_server import FakeBotApi

TELEGRAM_PATH = "/hooks/telegram-7f3a"
SLACK_PATH = "/hooks/slack-9c1e"


@pytest.mark.slow
async def test_custom_paths_serve_telegram_and_slack_and_the_defaults_404(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    fake = await FakeBotApi().start()
    port = free_port()
    env = {**production_env(fake, database_url, clean_env, port),
           "TELEGRAM_WEBHOOK_URL": f"https://bot.example.org{TELEGRAM_PATH}",
           "TELEGRAM_WEBHOOK_PATH": TELEGRAM_PATH, "SLACK_EVENTS_PATH": SLACK_PATH,
           "SCHEDULER_ENABLED": "false"}  # fmt: skip
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(load_settings(), database_url, stop))
    base = f"http://127.0.0.1:{port}"
    challenge = json.dumps({"type": "url_verification", "challenge": "p4th-ch4llenge"})
    try:
        await health(port)
        async with aiohttp.ClientSession() as http:
            for default in ("/telegram/webhook", "/slack/events"):
                async with http.post(base + default, data=challenge, headers={
                        SECRET_HEADER: SECRET, **slack_headers(challenge)}) as gone:  # fmt: skip
                    assert gone.status == 404, default
            telegram = base + TELEGRAM_PATH
            async with http.post(telegram, json=an_update(1, "/start")) as unsigned:
                assert unsigned.status == 401  # the webhook handler itself, checking the secret
            async with http.post(telegram, json=an_update(2, "/start"),
                                 headers={SECRET_HEADER: SECRET}) as accepted:  # fmt: skip
                assert accepted.status == 200
            slack = base + SLACK_PATH
            forged = slack_headers(challenge, "forged")
            async with http.post(slack, data=challenge, headers=forged) as bad:
                assert bad.status == 401  # Bolt checked the signature
            async with http.post(slack, data=challenge, headers=slack_headers(challenge)) as good:
                assert good.status == 200 and "p4th-ch4llenge" in await good.text()
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
        gc.unfreeze()  # `serve` froze the start-up heap; the test process goes back to normal
        await fake.stop()
    webhooks = [params for method, params in fake.calls if method == "setWebhook"]
    assert [w["url"] for w in webhooks] == [f"https://bot.example.org{TELEGRAM_PATH}"]
    assert any(m.chat_id == 99 for m in fake.sent)  # the update posted to the custom path, answered
