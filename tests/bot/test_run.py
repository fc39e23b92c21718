"""`goalbot run`: refuses with nothing configured, serves webhook + /healthz, one leader, SIGTERM."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from click.testing import Result

from bot.http import SECRET_HEADER
from bot.run import serve
from bot.settings import load_settings
from tests.bot.running import (
    SECRET,
    advisory_locks,
    an_update,
    free_port,
    health,
    production_env,
    run_goalbot,
    slack_headers,
)
from tests.fakes.slack import FakeSlack
from tests.fakes.telegram_server import FakeBotApi
from tests.goalbot_cli import invoke


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = await FakeBotApi().start()
    yield api
    await api.stop()


def goalbot_run(monkeypatch: pytest.MonkeyPatch, **env: str) -> Result:
    """`goalbot run` in this process (the refusals happen before anything starts)."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return invoke("run")


def test_nothing_configured_says_what_to_set(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = goalbot_run(monkeypatch)
    assert result.exit_code == 2 and result.exception is not None
    assert isinstance(result.exception, SystemExit)  # typer.Exit, not a crash
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "goalbot console" in result.stderr


def test_webhook_without_a_secret_is_refused(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = goalbot_run(monkeypatch, TELEGRAM_BOT_TOKEN="1:x",
                         TELEGRAM_WEBHOOK_URL="https://x.org/h")  # fmt: skip
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "TELEGRAM_WEBHOOK_SECRET" in result.stderr


def test_a_database_that_refuses_is_one_line_not_a_traceback(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = goalbot_run(monkeypatch, TELEGRAM_BOT_TOKEN="1:x",
                         DATABASE_URL="postgresql://no_such_role@127.0.0.1:5432/postgres")  # fmt: skip
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "cannot run" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
async def test_two_processes_behind_one_webhook_one_leader(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, fake: FakeBotApi, database_url: str
) -> None:
    ports = [free_port(), free_port()]
    stops = [asyncio.Event(), asyncio.Event()]
    tasks = []
    for port, stop in zip(ports, stops, strict=True):
        for name, value in production_env(fake, database_url, clean_env, port).items():
            monkeypatch.setenv(name, value)
        settings = load_settings()
        tasks.append(asyncio.create_task(serve(settings, database_url, stop)))
        await health(port)
    try:
        await asyncio.sleep(0.6)
        assert gc.get_freeze_count() > 10_000  # the start-up heap is out of the collector's way
        roles = sorted([(await health(p))["scheduler"] for p in ports])
        assert roles == ["leader", "standby"]
        webhooks = [params for method, params in fake.calls if method == "setWebhook"]
        assert len(webhooks) == 2 and all(w["secret_token"] == SECRET for w in webhooks)
        async with aiohttp.ClientSession() as http:
            url = f"http://127.0.0.1:{ports[1]}/telegram/webhook"
            async with http.post(url, json=an_update(1, "/start")) as refused:
                assert refused.status == 401
            async with http.post(url, json=an_update(2, "/start"),
                                 headers={SECRET_HEADER: SECRET}) as accepted:  # fmt: skip
                assert accepted.status == 200
            slack = f"http://127.0.0.1:{ports[0]}/slack/events"
            body = json.dumps({"type": "url_verification", "challenge": "ch4ll3nge"})
            async with http.post(slack, data=body, headers=slack_headers(body, "forged")) as bad:
                assert bad.status == 401
            async with http.post(slack, data=body, headers=slack_headers(body)) as good:
                assert good.status == 200 and "ch4ll3nge" in await good.text()
    finally:
        for stop in stops:
            stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 30)
        gc.unfreeze()  # the test process's heap goes back to normal collection
    assert any(m.chat_id == 99 for m in fake.sent)  # the queued /start was answered before exit
    assert await advisory_locks(database_url) == 0


@pytest.mark.slow
async def test_sigterm_stops_gracefully_and_releases_the_lock(
    clean_env: Path, fake: FakeBotApi, database_url: str
) -> None:
    port = free_port()
    env = {**os.environ, **production_env(fake, database_url, clean_env, port),
           "GOALBOT_LOG_FORMAT": "json"}  # fmt: skip
    process = await run_goalbot(env, clean_env)
    try:
        async with asyncio.timeout(30):
            while (await health(port))["scheduler"] != "leader":  # noqa: ASYNC110 - another process
                await asyncio.sleep(0.1)
        assert await advisory_locks(database_url) == 1
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()[-2000:]
    records = [json.loads(line) for line in err.decode().splitlines() if line.strip()]
    assert {"time", "level", "logger", "message"} <= set(records[0])
    messages = [r["message"] for r in records]
    assert "goalbot stopped" in messages and any("leader" in m for m in messages)
    assert await advisory_locks(database_url) == 0


@pytest.mark.slow
async def test_slack_socket_mode_only_connects_and_closes(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    port = free_port()
    async with FakeSlack() as slack:
        env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-1-test",
               "SLACK_API_URL": slack.api_url, "PORT": str(port), "GOALBOT_HOST": "127.0.0.1",
               "GOALBOT_DATA_DIR": str(clean_env), "SCHEDULER_ENABLED": "false"}  # fmt: skip
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        stop = asyncio.Event()
        task = asyncio.create_task(serve(load_settings(), database_url, stop))
        try:
            assert (await health(port))["scheduler"] == "disabled"
            await slack.wait_for(lambda s: bool(s.calls("apps.connections.open")))
            async with aiohttp.ClientSession() as http:
                events = f"http://127.0.0.1:{port}/slack/events"
                async with http.post(events, data="{}") as response:
                    assert response.status == 404  # Socket Mode: no public route
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)


@pytest.mark.slow
async def test_each_metrics_job_asks_for_its_own_family(
    clean_env: Path, sessions: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.jobs import job_specs
    from bot.run import Runtime

    asked: list[tuple[str, ...]] = []

    async def run_metrics(*args: Any, families: tuple[str, ...], **kw: Any) -> Any:
        asked.append(families)
        return None

    monkeypatch.setattr("sync.pipeline.run_metrics", run_metrics)
    runtime = Runtime(load_settings(), sessions)
    try:
        specs = {spec.name: spec for spec in job_specs(runtime.job_deps())}
        for name in ("metrics_adherence", "metrics_risk"):
            await specs[name].body(datetime.now(UTC))
    finally:
        await runtime.analytics.close()
        await runtime.coach.engine.aclose()
    assert asked == [("adherence",), ("risk",)]
