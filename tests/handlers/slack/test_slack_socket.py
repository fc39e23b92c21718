"""Socket Mode: the same Bolt app over a WebSocket from the fake Slack (SLACK_APP_TOKEN)."""

from __future__ import annotations

import pytest

from handlers.slack import socket
from handlers.slack.app import SlackNotConfigured, build_slack_app
from handlers.slack.config import SlackSettings
from storage.db import Sessions
from tests.fakes.mentoring import add_mentor, add_patient, services
from tests.fakes.slack import FakeSlack


async def test_a_slash_command_over_socket_mode_is_acked_and_answered(
    sessions: Sessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    await add_patient(sessions, mentor, "Anna Smith", "anna")
    async with FakeSlack() as fake:
        settings = SlackSettings(
            bot_token="xoxb-test", app_token="xapp-1-test", api_url=fake.api_url
        )
        app = build_slack_app(settings, services(sessions), socket_mode=True)
        handler = socket.socket_mode_handler(app, settings)
        await handler.connect_async()
        try:
            envelope = await fake.push("slash_commands", {
                "command": "/patient", "text": "@anna", "user_id": "U1", "team_id": "T0001",
                "channel_id": "C1", "response_url": fake.response_url("sock"), "trigger_id": "t",
            })  # fmt: skip
            await fake.wait_for(lambda f: f.responses("sock") and f.socket_acks)
        finally:
            await handler.close_async()

    (ack,) = [a for a in fake.socket_acks if a["envelope_id"] == envelope]
    assert ack["payload"] == {"response_type": "ephemeral", "text": "Looking into @anna…"}
    (answer,) = fake.responses("sock")
    assert answer["response_type"] == "ephemeral" and "Anna Smith" in answer["text"]
    assert fake.calls("apps.connections.open")


def test_socket_mode_needs_an_app_token_and_http_mode_a_signing_secret(
    monkeypatch: pytest.MonkeyPatch, sessions: Sessions
) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    settings = SlackSettings(bot_token="xoxb-test")
    with pytest.raises(SlackNotConfigured, match="SLACK_SIGNING_SECRET"):
        build_slack_app(settings, services(sessions))
    app = build_slack_app(settings, services(sessions), socket_mode=True)
    with pytest.raises(SlackNotConfigured, match="SLACK_APP_TOKEN"):
        socket.socket_mode_handler(app, settings)
    with pytest.raises(SlackNotConfigured, match="SLACK_BOT_TOKEN"):
        build_slack_app(SlackSettings(signing_secret="s"), services(sessions))
