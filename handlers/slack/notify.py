"""Direct messages to mentors: crisis and risk alerts, answers to plan suggestions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from coach.services import utc_now
from mentor.alerts import MentorCrisisAlerts
from storage.db import Sessions

log = logging.getLogger(__name__)


class SlackMentorNotifier:
    """mentor.notify.MentorNotifier over Slack: open the DM with the mentor, post there."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def notify(self, slack_user_id: str, text: str) -> bool:
        """Send `text` as a DM (never to a channel); False when Slack refused it."""
        try:
            opened = await self.client.conversations_open(users=slack_user_id)
            channel = opened["channel"]["id"]
            await self.client.chat_postMessage(channel=channel, text=text, unfurl_links=False)
        except (SlackApiError, OSError, TimeoutError) as exc:
            log.warning("DM to %s failed: %s", slack_user_id, exc)
            return False
        return True


class SlackCrisisAlerts(MentorCrisisAlerts):
    """coach.safety.CrisisAlerts for Slack: DM the patient's mentor about a safety event."""

    def __init__(
        self, client: AsyncWebClient, sessions: Sessions, clock: Callable[[], datetime] = utc_now
    ) -> None:
        super().__init__(sessions, SlackMentorNotifier(client), clock)
