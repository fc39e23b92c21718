"""The Slack app manifest: paste it into "Create New App → From an app manifest"."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

BOT_SCOPES = ("commands", "chat:write", "im:write")
COMMANDS = (
    ("/patient", "Ask the copilot about one of your patients",
     "<name or @telegram_username> [quick|deep|risk] <question>"),
    ("/patients", "Your patients, riskiest first", ""),
    ("/note", "Add a note about a patient (used in later answers)",
     "<name or @telegram_username> <note>"),
)  # fmt: skip


DISPLAY = {
    "description": "Mentor copilot for goalbot patients",
    "long_description": (
        "Ask an AI copilot about your goalbot patients (plans, check-ins, journal mood, "
        "warehouse analytics), see them ranked by risk, and send plan suggestions they "
        "accept on Telegram. Answers are visible only to you."
    ),
    "background_color": "#2c2d30",
}


class BadBaseUrl(ValueError):
    """The base URL is not an https:// URL Slack can reach."""


def events_url(base_url: str, path: str = "/slack/events") -> str:
    """The request URL under `base_url` (https only, as Slack requires)."""
    parsed = urlparse(base_url)
    if parsed.scheme != "https" or not parsed.netloc:
        raise BadBaseUrl(f"'{base_url}' is not an https:// URL (Slack only calls https)")
    return base_url.rstrip("/") + path


def manifest(
    base_url: str | None,
    *,
    name: str = "goalbot",
    path: str = "/slack/events",
    socket_mode: bool = False,
) -> dict[str, Any]:
    """A manifest with the slash commands, App Home, interactivity, bot scopes and request URLs.

    In Socket Mode Slack sends everything over the WebSocket, so no request URL is listed.
    """
    url = None if socket_mode else events_url(base_url or "", path)
    at = {"url": url} if url else {}
    at_request = {"request_url": url} if url else {}
    commands = [
        {"command": c, **at, "description": d, "should_escape": False}
        | ({"usage_hint": hint} if hint else {})
        for c, d, hint in COMMANDS
    ]
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": DISPLAY | {"name": name},
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": True,
            },
            "bot_user": {"display_name": name, "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": {**at_request, "bot_events": ["app_home_opened"]},
            "interactivity": {"is_enabled": True, **at_request},
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }
