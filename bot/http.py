"""The one aiohttp server on PORT: /healthz, the Telegram webhook, and Slack's /slack/events."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web
from telegram.ext import Application

from coach.services import utc_now
from handlers.telegram.app import update_from_json
from storage.db import Sessions
from storage.sync_state import last_run

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DB_CHECK_SECONDS = 3.0


@dataclass
class Health:
    """What /healthz reports: the database, this process's scheduler role, the last sync."""

    sessions: Sessions
    role: Callable[[], str]
    clock: Callable[[], datetime] = utc_now

    async def report(self) -> tuple[bool, dict[str, Any]]:
        """(healthy, details); healthy means the database answers."""
        database, last_sync = True, None
        try:
            async with asyncio.timeout(DB_CHECK_SECONDS), self.sessions() as session:
                run = await last_run(session, status="ok")  # answering it is the database check
                last_sync = (run.finished_at or run.started_at) if run else None
        except Exception as exc:
            log.warning("health check: database unreachable (%r)", exc)  # a timeout has no text
            database = False
        age = (self.clock() - last_sync).total_seconds() if last_sync else None
        return database, {
            "status": "ok" if database else "unavailable",
            "database": "ok" if database else "unreachable",
            "scheduler": self.role(),
            "last_sync_age_seconds": round(age, 1) if age is not None else None,
        }


def healthz(health: Health) -> Callable[[web.Request], Any]:
    """GET /healthz: 200 with details when the database answers, else 503."""

    async def handle(request: web.Request) -> web.Response:
        healthy, details = await health.report()
        return web.json_response(details, status=200 if healthy else 503)

    return handle


def telegram_webhook(application: Application[Any, Any, Any, Any, Any, Any], secret: str) -> Any:
    """POST webhook: Telegram's secret token checked on every request, then the update queued."""

    async def handle(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return web.json_response({"error": "missing secret token"}, status=401)
        if not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("telegram webhook: wrong secret token from %s", request.remote)
            return web.json_response({"error": "wrong secret token"}, status=403)
        try:
            update = update_from_json(await request.json(), application.bot)
        except (json.JSONDecodeError, ValueError, TypeError, KeyError):
            return web.json_response({"error": "not a Telegram update"}, status=400)
        await application.update_queue.put(update)
        return web.Response(status=200)

    return handle


def build_http_app(
    health: Health,
    *,
    telegram: tuple[Application[Any, Any, Any, Any, Any, Any], str, str] | None = None,
    add_slack_routes: Callable[[web.Application], None] | None = None,
) -> web.Application:
    """The server's routes; `telegram` is (application, webhook path, secret) in webhook mode."""
    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_get("/healthz", healthz(health))
    if telegram is not None:
        application, path, secret = telegram
        app.router.add_post(path, telegram_webhook(application, secret))
    if add_slack_routes is not None:
        add_slack_routes(app)
    return app


async def start_server(app: web.Application, host: str, port: int) -> web.AppRunner:
    """Listen on host:port; `await runner.cleanup()` stops it after in-flight requests finish."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=10.0)
    await runner.setup()
    # reuse_port: several `goalbot run` processes on one machine share PORT (Linux balances)
    await web.TCPSite(runner, host, port, reuse_port=True).start()
    log.info("HTTP server on %s:%s", host, port)
    return runner
