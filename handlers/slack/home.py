"""App Home: the mentor's dashboard, rebuilt each time they open it, in their language."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from coach.i18n import translator
from handlers.slack import render
from mentor import copilot, dashboard
from mentor import language as mentor_language
from mentor.services import MentorServices


async def publish_home(
    client: AsyncWebClient, services: MentorServices, *, slack_user_id: str, action: str
) -> None:
    """Build the mentor's dashboard and publish it as their Home tab (visible only to them)."""
    mentor = await copilot.find_mentor(services, slack_user_id)
    t = translator(mentor_language.spoken_by(mentor))
    board = await dashboard.build(services, slack_user_id=slack_user_id, action=action,
                                  mentor=mentor)  # fmt: skip
    await client.views_publish(user_id=slack_user_id, view=render.home(board, t))


def register(app: AsyncApp, services: MentorServices) -> None:
    """Publish App Home on app_home_opened."""

    async def home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        await publish_home(client, services, slack_user_id=event["user"], action="home")

    app.event("app_home_opened")(home_opened)
