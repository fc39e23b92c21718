"""Socket Mode: Slack's events over a WebSocket with SLACK_APP_TOKEN (no public URL needed)."""

from __future__ import annotations

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from handlers.slack.app import SlackNotConfigured
from handlers.slack.config import SlackSettings


def socket_mode_handler(app: AsyncApp, settings: SlackSettings) -> AsyncSocketModeHandler:
    """The Socket Mode handler for `app`: `await handler.connect_async()` starts it in the
    background, `await handler.close_async()` closes the WebSocket (bot.run does both)."""
    token = settings.app_token.get_secret_value() if settings.app_token else ""
    if not token.startswith("xapp-"):
        raise SlackNotConfigured("SLACK_APP_TOKEN (an app-level token, xapp-…) is not set")
    return AsyncSocketModeHandler(app, app_token=token)
