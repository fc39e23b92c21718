"""`goalbot run --api-only`: the HTTP API and /healthz with neither Telegram nor Slack."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from bot.run import check_configuration, serve
from bot.settings import load_settings
from tests.bot.running import free_port, health
from tests.goalbot_cli import invoke


def test_with_the_api_off_it_says_so(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOALBOT_API_ENABLED", "false")
    result = invoke("run", "--api-only")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "GOALBOT_API_ENABLED" in result.stderr


def test_without_it_nothing_configured_points_at_it(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke("run")
    assert result.exit_code == 2 and "--api-only" in result.stderr


async def test_it_serves_the_api_and_health_and_no_webhook(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    port = free_port()
    for name, value in {"PORT": str(port), "GOALBOT_HOST": "127.0.0.1",
                        "GOALBOT_DATA_DIR": str(clean_env), "SNOWFLAKE_ACCOUNT": "",
                        "SCHEDULER_ENABLED": "false"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    settings = load_settings()
    check_configuration(settings, api_only=True)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, database_url, stop))
    try:
        await health(port)
        async with aiohttp.ClientSession() as http:
            async with http.post(f"http://127.0.0.1:{port}/goals/", json={"text": "run"}) as goals:
                problem = await goals.json(content_type=None)
                assert goals.status == 401 and goals.content_type == "application/problem+json"
                assert problem["status"] == 401
            async with http.post(f"http://127.0.0.1:{port}/telegram/webhook", json={}) as hook:
                assert hook.status == 404
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
