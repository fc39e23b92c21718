"""The real Bolt app behind goalbot's aiohttp handler on loopback, with a fake Slack Web API."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import ClientResponse, ClientSession, web

from handlers.slack.app import build_slack_app
from handlers.slack.config import SlackSettings
from handlers.slack.http import add_routes
from handlers.slack.notify import SlackMentorNotifier
from mentor.services import MentorServices
from storage.db import Sessions
from tests.fakes.mentoring import WarehouseDouble, services
from tests.fakes.server import serve_on_loopback
from tests.fakes.slack import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def signature(body: str, timestamp: str, secret: str = SECRET) -> str:
    """Slack's v0 signature: HMAC-SHA256 over `v0:{timestamp}:{body}`."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return "v0=" + digest.hexdigest()


@dataclass
class SlackWorld:
    """The served app, the fake Slack, the mentor services and a client to post with."""

    url: str
    fake: FakeSlack
    services: MentorServices
    warehouse: WarehouseDouble
    http: ClientSession

    async def post(
        self, body: str, *, content_type: str, timestamp: str | None = None, secret: str = SECRET
    ) -> ClientResponse:
        """POST a signed request to /slack/events."""
        ts = timestamp or str(int(time.time()))
        headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature(body, ts, secret),
                   "Content-Type": content_type}  # fmt: skip
        return await self.http.post(self.url, data=body.encode(), headers=headers)

    async def command(
        self, command: str, text: str, *, user: str = "U1", response: str = "r1", **kw: Any
    ) -> ClientResponse:
        """A slash command as Slack sends it."""
        body = urlencode({
            "token": "legacy", "team_id": "T0001", "team_domain": "fake", "channel_id": "C0001",
            "channel_name": "general", "user_id": user, "user_name": user.lower(),
            "command": command, "text": text, "api_app_id": "A0001", "trigger_id": "1.2.3",
            "response_url": self.fake.response_url(response),
        })  # fmt: skip
        return await self.post(body, content_type="application/x-www-form-urlencoded", **kw)

    async def button(
        self, action_id: str, value: str, *, user: str = "U1", response: str = "b1"
    ) -> ClientResponse:
        """A block_actions payload as Slack sends it when a button is pressed."""
        payload = {
            "type": "block_actions", "user": {"id": user, "team_id": "T0001"},
            "team": {"id": "T0001", "domain": "fake"}, "api_app_id": "A0001", "token": "legacy",
            "container": {"type": "message", "is_ephemeral": True}, "trigger_id": "1.2.3",
            "response_url": self.fake.response_url(response),
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b",
                         "value": value, "action_ts": "1700000000.1"}],
        }  # fmt: skip
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, content_type="application/x-www-form-urlencoded")

    async def event(self, event: dict[str, Any]) -> ClientResponse:
        """An Events API callback."""
        body = json.dumps({
            "token": "legacy", "team_id": "T0001", "api_app_id": "A0001", "type": "event_callback",
            "event": event, "event_id": "Ev1", "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}],
        })  # fmt: skip
        return await self.post(body, content_type="application/json")


@pytest.fixture
async def slack(sessions: Sessions, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[SlackWorld]:
    """A SlackWorld on fresh tables."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    async with FakeSlack() as fake, ClientSession() as http:
        settings = SlackSettings(bot_token="xoxb-test", signing_secret=SECRET, api_url=fake.api_url)
        warehouse = WarehouseDouble()
        svc = services(sessions, analytics=warehouse)
        app = build_slack_app(settings, svc)
        svc.mentor_notifier = SlackMentorNotifier(app.client)
        web_app = web.Application()
        add_routes(web_app, app)
        runner, port = await serve_on_loopback(web_app)
        try:
            yield SlackWorld(f"http://127.0.0.1:{port}/slack/events", fake, svc, warehouse, http)
        finally:
            await runner.cleanup()
