"""`goalbot run`: everything configured, side by side on one event loop, stopped gracefully.

Order at start: sessions and services; Telegram (PTB and the inbox's workers; long polling
into the inbox, or the webhook storing into it) and Slack (Socket Mode, or the HTTP route); the
HTTP server; then `setWebhook`, once the route listens; then the leader election that starts
the scheduler in whichever process holds the lock. At stop, the reverse: step down (the lock is
released), stop taking requests and let in-flight ones finish, close Slack's socket, give
running handlers `inbox.shutdown_seconds` and leave the rest in the inbox, close the warehouse
reader and the database engine. docs/operations.md tells the whole story.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta
from typing import Any

from telegram import Update

from bot.http import Health, build_http_app, start_server
from bot.inbox import Inbox
from bot.jobs import JobDeps, job_specs
from bot.leader import LeaderElection
from bot.scheduler import JobRunner, Scheduler
from bot.settings import Settings
from bot.telegram_intake import application_handler, poll_updates
from bot.wiring import api_routes, coach_services, open_sessions
from handlers.telegram.notifier import TelegramNotifier
from mentor.alerts import report_newly_high_risk
from mentor.services import MentorOptions, MentorServices
from mentor.suggestions import outbox_kinds as suggestion_kinds
from storage.db import Sessions, server_max_connections
from sync.analytics import Analytics

log = logging.getLogger(__name__)


class NotConfigured(Exception):
    """A setting `goalbot run` needs is missing; the message says which."""


def check_configuration(settings: Settings, *, api_only: bool = False) -> None:
    """Refuse to start with nothing to serve (no platform, and no `api_only` with the API
    on), or with a webhook but no secret."""
    if api_only and not settings.api.enabled:
        raise NotConfigured("--api-only serves the HTTP API, which is off: unset "
                            "GOALBOT_API_ENABLED or set it to true.")  # fmt: skip
    if not api_only and not settings.telegram.configured and not settings.slack.configured:
        raise NotConfigured(
            "nothing to run: set TELEGRAM_BOT_TOKEN (members) and/or SLACK_BOT_TOKEN with "
            "SLACK_SIGNING_SECRET or SLACK_APP_TOKEN (mentors), or pass --api-only to serve "
            "the HTTP API alone. To try goalbot without any platform, run `goalbot console`."
        )
    if settings.telegram.configured and settings.telegram.webhook_url:
        secret = settings.telegram.webhook_secret
        if secret is None or not secret.get_secret_value():
            raise NotConfigured(
                "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: every "
                "process behind the webhook needs the same secret (1-256 of A-Z a-z 0-9 _ -)."
            )
    slack = settings.slack
    if slack.configured and not slack.app_token and not slack.signing_secret:
        raise NotConfigured("SLACK_BOT_TOKEN is set: also set SLACK_SIGNING_SECRET (HTTP) "
                            "or SLACK_APP_TOKEN (Socket Mode).")  # fmt: skip


class Runtime:
    """The services and platform apps of one `goalbot run` process."""

    def __init__(self, settings: Settings, sessions: Sessions) -> None:
        self.settings = settings
        self.sessions = sessions
        self.coach = coach_services(settings, sessions)
        self.analytics = Analytics(settings.snowflake, settings.app.data_dir)
        options = MentorOptions(daily_model_calls=settings.mentor.daily_model_calls)
        self.mentor = MentorServices(sessions=sessions, engine=self.coach.engine,
                                     cipher=self.coach.cipher, analytics=self.analytics,
                                     options=options)  # fmt: skip
        self.telegram: Any = None
        self.slack: Any = None
        self.socket: Any = None
        self.notifier: TelegramNotifier | None = None
        self.inbox: Inbox | None = None
        self.mentor_alerts: Any = None
        self._build_slack()
        self._build_telegram()

    def _build_slack(self) -> None:
        slack = self.settings.slack
        if not slack.configured:
            return
        from handlers.slack.app import build_slack_app, web_client
        from handlers.slack.notify import SlackCrisisAlerts, SlackMentorNotifier

        client = web_client(slack)
        self.mentor.mentor_notifier = SlackMentorNotifier(client)
        self.mentor_alerts = SlackCrisisAlerts(client, self.sessions)  # the outbox's senders
        socket_mode = bool(slack.app_token and slack.app_token.get_secret_value())
        self.slack = build_slack_app(slack, self.mentor, socket_mode=socket_mode)
        if socket_mode:
            from handlers.slack.socket import socket_mode_handler

            self.socket = socket_mode_handler(self.slack, slack)

    def _build_telegram(self) -> None:
        if not self.settings.telegram.configured:
            return
        from handlers.telegram.app import build_application
        from handlers.telegram.suggestions import TelegramSuggestionSender

        self.telegram = build_application(self.settings.telegram, self.coach,
                                          mentor_services=self.mentor)  # fmt: skip
        self.inbox = Inbox(self.sessions, application_handler(self.telegram), self.settings.inbox)
        self.mentor.member_messenger = TelegramSuggestionSender(self.telegram.bot)
        rate = self.settings.telegram.overall_messages_per_second
        # The application's bot on purpose: its AIORateLimiter also carries the replies to
        # members, so both together stay within Telegram's per-bot limit.
        self.notifier = TelegramNotifier(self.telegram.bot, messages_per_second=rate)

    def job_deps(self) -> JobDeps:
        """What the scheduled jobs use in this process."""
        from sync.pipeline import run_metrics, run_sync

        s = self.settings

        async def sync() -> Any:
            return await run_sync(self.sessions, s.snowflake, s.sync, s.app.data_dir,
                                  cipher=self.coach.cipher)  # fmt: skip

        async def metrics(kind: str) -> Any:
            report = await run_metrics(s.snowflake, s.app.data_dir, families=(kind,))
            await self.alert_mentors(report)
            return report

        kinds = self.mentor_alerts.outbox_kinds() if self.mentor_alerts is not None else {}
        if self.mentor.member_messenger is not None:  # plan suggestions retried until sent (#19)
            kinds = {**kinds, **suggestion_kinds(self.mentor)}
        return JobDeps(self.sessions, s, coach=self.coach, sender=self.notifier,
                       run_sync=sync, run_metrics=metrics, after_sync=self.alert_mentors,
                       outbox_kinds=kinds)  # fmt: skip

    async def alert_mentors(self, report: Any) -> list[Any]:
        """DM each newly high-risk patient's mentor once (Slack), after a sync or metrics run."""
        newly = list(getattr(report, "newly_high_risk", []) or [])
        return await report_newly_high_risk(self.mentor, newly) if newly else []


@asynccontextmanager
async def telegram_running(runtime: Runtime) -> AsyncIterator[None]:
    """Start PTB and the inbox's workers (and long polling unless a webhook is configured).

    At exit: polling stops, the inbox takes nothing new and gives running handlers
    `inbox.shutdown_seconds`; what is left stays in the inbox for the next process.
    """
    app, cfg, inbox = runtime.telegram, runtime.settings.telegram, runtime.inbox
    if app is None or inbox is None:
        yield
        return
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        inbox.start()
        polling, stop_polling = None, asyncio.Event()
        if not cfg.webhook_url:
            polling = asyncio.create_task(poll_updates(app.bot, inbox, stop_polling,
                                          wait_seconds=runtime.settings.inbox.poll_timeout_seconds))  # fmt: skip
            log.info("telegram: long polling (set TELEGRAM_WEBHOOK_URL for a webhook)")
        try:
            yield
        finally:
            stop_polling.set()
            if polling is not None:
                polling.cancel()  # an update stored but not yet confirmed is absorbed next time
                await asyncio.gather(polling, return_exceptions=True)
            cut = await inbox.stop()
            log.info("inbox: stopped (%d handled here, %d cut short and left in the inbox)",
                     inbox.handled, cut)  # fmt: skip
            await app.stop()


async def set_webhook(runtime: Runtime) -> None:
    """Point Telegram at TELEGRAM_WEBHOOK_URL with the secret (every process does; idempotent)."""
    app, cfg = runtime.telegram, runtime.settings.telegram
    if app is None or not cfg.webhook_url:
        return
    secret = cfg.webhook_secret.get_secret_value()  # type: ignore[union-attr]
    await app.bot.set_webhook(cfg.webhook_url, secret_token=secret,
                              allowed_updates=Update.ALL_TYPES)  # fmt: skip
    log.info("telegram: webhook %s", cfg.webhook_url)


@asynccontextmanager
async def slack_socket(runtime: Runtime) -> AsyncIterator[None]:
    """Socket Mode when SLACK_APP_TOKEN is set."""
    if runtime.socket is None:
        yield
        return
    await runtime.socket.connect_async()
    log.info("slack: Socket Mode connected")
    try:
        yield
    finally:
        await runtime.socket.close_async()


@asynccontextmanager
async def leadership(runtime: Runtime, url: str) -> AsyncIterator[LeaderElection | None]:
    """Campaign for the scheduler lock; the winner runs the jobs until it steps down."""
    cfg = runtime.settings.scheduler
    if not cfg.enabled:
        yield None
        return
    grace = timedelta(seconds=cfg.misfire_grace_seconds)
    scheduler = Scheduler(JobRunner(runtime.sessions, grace=grace), job_specs(runtime.job_deps()))
    election = LeaderElection(url, key=cfg.leader_lock_key, retry_seconds=cfg.leader_retry_seconds,
                              on_elected=scheduler.start, on_deposed=scheduler.stop)  # fmt: skip
    task = asyncio.create_task(election.run(), name="leader-election")
    try:
        yield election
    finally:
        await election.stop()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(task, 10)


def _slack_routes(runtime: Runtime) -> Any:
    if runtime.slack is None or runtime.socket is not None:
        return None
    from handlers.slack.http import add_routes

    return lambda web_app: add_routes(web_app, runtime.slack, runtime.settings.slack.events_path)


async def _report_connection_budget(sessions: Sessions, settings: Settings) -> None:
    """Log how many of PostgreSQL's connections this process may open (docs/operations.md)."""
    db = settings.database
    mine = 2 * db.pool_size + db.max_overflow  # the sessions' pool and the press pool
    server = await server_max_connections(sessions)
    level = logging.WARNING if mine * 3 > server else logging.INFO
    log.log(level, "database: this process opens at most %d of the server's %d connections; "
            "keep the sum over all processes below it", mine, server)  # fmt: skip


async def serve(settings: Settings, url: str, stop: asyncio.Event) -> None:
    """Run everything configured until `stop` is set."""
    async with AsyncExitStack() as stack:
        sessions = await stack.enter_async_context(open_sessions(settings, url))
        await _report_connection_budget(sessions, settings)
        runtime = Runtime(settings, sessions)
        stack.push_async_callback(runtime.analytics.close)
        stack.push_async_callback(runtime.coach.engine.aclose)
        election: list[LeaderElection | None] = [None]
        role = lambda: election[0].role if election[0] else "disabled"  # noqa: E731
        cfg = settings.telegram
        webhook = None
        if runtime.telegram is not None and cfg.webhook_url:
            secret = cfg.webhook_secret.get_secret_value()  # type: ignore[union-attr]
            webhook = (runtime.inbox, runtime.telegram.bot, cfg.webhook_path, secret)
        web_app = build_http_app(Health(sessions, role), telegram=webhook,
                                 add_slack_routes=_slack_routes(runtime))  # fmt: skip
        if (add_api := api_routes(settings, runtime.coach, runtime.mentor)) is not None:
            add_api(web_app)  # the HTTP API (docs/api.md), same server and PORT
        # Unwound in reverse: leave the election, stop taking requests (in-flight ones finish),
        # close Slack's socket, let PTB handle what is queued, then close the database.
        await stack.enter_async_context(telegram_running(runtime))
        await stack.enter_async_context(slack_socket(runtime))
        runner = await start_server(web_app, settings.app.host, settings.app.port)
        stack.push_async_callback(runner.cleanup)
        await set_webhook(runtime)
        election[0] = await stack.enter_async_context(leadership(runtime, url))
        freeze_startup_heap()
        log.info("goalbot is running", extra={"port": settings.app.port})
        await stop.wait()
        log.info("shutting down")
    log.info("goalbot stopped")


def freeze_startup_heap() -> None:
    """Put everything alive after start-up out of the cyclic garbage collector's reach.

    Imports, settings, the Application and the pools are some 200,000 objects that live as
    long as the process; left in the oldest generation, every full collection walks them again
    (120-230 ms on a 2-core machine: the whole p99 of a check-in press). Once, after start-up.
    """
    gc.collect()
    gc.freeze()


def install_signal_handlers(stop: asyncio.Event) -> None:
    """SIGTERM and SIGINT set `stop`; a second one exits at once (the inbox keeps the rest)."""
    loop = asyncio.get_running_loop()

    def on_signal() -> None:
        if stop.is_set():
            log.warning("second signal: exiting now; unhandled updates stay in the inbox")
            logging.shutdown()
            os._exit(1)
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, on_signal)


async def main(settings: Settings, url: str) -> None:
    """`goalbot run`'s event loop: serve until SIGTERM/SIGINT."""
    stop = asyncio.Event()
    install_signal_handlers(stop)
    await serve(settings, url, stop)
