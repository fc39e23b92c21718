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

from bot.inbox import Inbox
from bot.inbox_payload import clean
from bot.telegram_intake import parse_update
from coach.services import utc_now
from storage.db import Sessions
from storage.sync_state import last_run

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DB_CHECK_SECONDS = 3.0
STORE_SECONDS = 8.0  # the longest a webhook request waits to store its update, then 503


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


def telegram_webhook(inbox: Inbox, bot: Any, secret: str) -> Any:
    """POST webhook: the secret first, then the update stored in the inbox before the 200
    (a check-in press is handled before the 200 instead, see `take_update`).

    Bad input never gets a 500 (Telegram would retry it forever): a wrong secret 403, a
    body that is not a JSON update 400, an update PTB cannot parse 200 and kept aside; only
    a database that cannot store the update gets 503, so that Telegram delivers it again.
    """

    async def handle(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return web.json_response({"error": "missing secret token"}, status=401)
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode()):
            log.warning("telegram webhook: wrong secret token from %s", request.remote)
            return web.json_response({"error": "wrong secret token"}, status=403)
        data = await _update_body(request)
        if data is None:
            return web.json_response({"error": "not a Telegram update"}, status=400)
        if await take_update(inbox, data, parse_update(data, bot)):
            return web.Response(status=200)
        return web.json_response({"error": "try again"}, status=503)

    return handle


async def take_update(inbox: Inbox, data: dict[str, Any], update: Any) -> bool:
    """Take a webhook update: a check-in press is handled at once (`Inbox.takes_at_once`),
    anything else is stored in the inbox. False: Telegram must deliver it again (503)."""
    if update is not None and inbox.takes_at_once(data):
        return await inbox.handle_at_once(data["update_id"], data, update)
    try:
        async with asyncio.timeout(STORE_SECONDS):  # Telegram waits; a dead database must not
            if update is None:
                await inbox.keep_unhandled(data["update_id"], data, "unparsable")
            else:
                await inbox.receive(data["update_id"], data, update)
    except Exception as exc:
        log.warning("telegram webhook: update %s not stored (%r)", data["update_id"], exc)
        return False
    return True


async def _update_body(request: web.Request) -> dict[str, Any] | None:
    """The body as a cleaned JSON object with an integer update_id, else None."""
    try:
        data = clean(json.loads(await request.read()))
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        return None
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool) or not 0 <= update_id < 2**63:
        return None
    return data


def build_http_app(
    health: Health,
    *,
    telegram: tuple[Inbox, Any, str, str] | None = None,
    add_slack_routes: Callable[[web.Application], None] | None = None,
) -> web.Application:
    """The server's routes; `telegram` is (inbox, bot, webhook path, secret) in webhook mode."""
    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_get("/healthz", healthz(health))
    if telegram is not None:
        inbox, bot, path, secret = telegram
        app.router.add_post(path, telegram_webhook(inbox, bot, secret))
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
