"""The Bolt app for mentors: one AsyncApp with the commands, buttons and App Home."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from handlers.slack import actions, commands, home
from handlers.slack.config import SlackSettings
from mentor.services import MentorServices

log = logging.getLogger(__name__)


class SlackNotConfigured(ValueError):
    """A setting the Slack app needs is missing (the message names it)."""


def web_client(settings: SlackSettings) -> AsyncWebClient:
    """The Web API client: SLACK_BOT_TOKEN against SLACK_API_URL (kept with its trailing /)."""
    if not settings.configured:
        raise SlackNotConfigured("SLACK_BOT_TOKEN is not set")
    base_url = settings.api_url if settings.api_url.endswith("/") else settings.api_url + "/"
    return AsyncWebClient(token=settings.bot_token.get_secret_value(), base_url=base_url)  # type: ignore[union-attr]


def build_slack_app(
    settings: SlackSettings, services: MentorServices, *, socket_mode: bool = False
) -> AsyncApp:
    """The Bolt app; HTTP mode verifies every request with SLACK_SIGNING_SECRET."""
    secret = settings.signing_secret.get_secret_value() if settings.signing_secret else ""
    if not secret and not socket_mode:
        raise SlackNotConfigured("SLACK_SIGNING_SECRET is not set (needed for HTTP mode)")
    app = AsyncApp(client=web_client(settings), signing_secret=secret or "socket-mode-only")
    commands.register(app, services)
    actions.register(app, services)
    home.register(app, services)
    app.error(_log_error)
    return app


async def _log_error(error: Exception, body: dict[str, Any]) -> None:
    log.error("slack listener failed (%s): %s", body.get("command") or body.get("type"), error,
              exc_info=error)  # fmt: skip
