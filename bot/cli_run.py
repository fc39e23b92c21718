"""`goalbot run`: serve members (Telegram), mentors (Slack) and the scheduler in production."""

from __future__ import annotations

import asyncio
import logging

import typer

log = logging.getLogger(__name__)


def run(
    api_only: bool = typer.Option(
        False, "--api-only", help="Serve the HTTP API (and the scheduler) with neither "
        "Telegram nor Slack configured: for apps, and for trying the API locally.",
    ),
) -> None:  # fmt: skip
    """Run the bot: Telegram (polling or webhook), Slack, the scheduler, and /healthz on PORT."""
    from bot.cli import settings_or_exit
    from bot.database import Database
    from bot.run import NotConfigured, check_configuration, main

    settings = settings_or_exit()
    try:
        check_configuration(settings, api_only=api_only)
    except NotConfigured as exc:
        typer.echo(f"goalbot: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        with Database(settings.database.url, settings.app.data_dir) as url:
            asyncio.run(main(settings, url))
    except startup_errors() as exc:  # the port is taken, the database refuses, a bad token…
        log.debug("goalbot run stopped", exc_info=exc)
        typer.echo(f"goalbot: cannot run: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None


def startup_errors() -> tuple[type[BaseException], ...]:
    """Failures that are the environment's, told in one line instead of a traceback."""
    from asyncpg import PostgresError
    from slack_sdk.errors import SlackApiError
    from sqlalchemy.exc import SQLAlchemyError
    from telegram.error import TelegramError

    return (OSError, PostgresError, SQLAlchemyError, TelegramError, SlackApiError)
