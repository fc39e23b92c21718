"""The Bolt app for mentors: one AsyncApp with the commands, buttons and App Home."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from handlers.slack import actions, commands, home
from handlers.slack.config import SlackSettings
from mentor import replays
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
    app.use(refuse_replays(services))
    commands.register(app, services)
    actions.register(app, services)
    home.register(app, services)
    app.error(_log_error)
    return app


Next = Callable[[], Awaitable[BoltResponse]]


def refuse_replays(services: MentorServices) -> Callable[..., Awaitable[BoltResponse]]:
    """Middleware after Bolt's signature check: a signature seen before gets an empty 200.

    Commands, buttons and events alike; Socket Mode requests carry no signature and pass.
    """

    async def guard(req: AsyncBoltRequest, resp: BoltResponse, next: Next) -> BoltResponse:
        signature = _header(req, "x-slack-signature")
        if signature and not await replays.first_time(
            services.sessions, signature=signature,
            timestamp=_header(req, "x-slack-request-timestamp"),
        ):  # fmt: skip
            return BoltResponse(status=200, body="")
        return await next()

    return guard


def _header(req: AsyncBoltRequest, name: str) -> str:
    values = req.headers.get(name) or []
    return str(values[0]) if values else ""


async def _log_error(error: Exception, body: dict[str, Any]) -> None:
    log.error("slack listener failed (%s): %s", body.get("command") or body.get("type"), error,
              exc_info=error)  # fmt: skip
