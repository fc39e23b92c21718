"""Buttons: send a copilot answer's plan change to the patient; refresh App Home."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from handlers.slack import render
from handlers.slack.home import publish_home
from mentor import suggestions
from mentor.services import MentorServices


def register(app: AsyncApp, services: MentorServices) -> None:
    """Add the button listeners to `app`."""

    async def suggest_plan(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        action = body["actions"][0]
        result = await suggestions.propose(
            services, slack_user_id=body["user"]["id"], interaction_id=str(action.get("value", ""))
        )
        await respond(**render.ephemeral(render.escape(result.text)))

    async def refresh(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await publish_home(client, services, slack_user_id=body["user"]["id"],
                           action="home_refresh")  # fmt: skip

    app.action(render.SUGGEST_ACTION)(suggest_plan)
    app.action(render.REFRESH_ACTION)(refresh)
