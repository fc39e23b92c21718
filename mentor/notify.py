"""How the mentor-side core reaches people: a mentor by DM, a member with a plan suggestion.

The core defines these protocols; the platform handlers implement them (Slack, Telegram).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol


class MentorNotifier(Protocol):
    """Sends a private message to a mentor (a Slack DM, never a channel post)."""

    async def notify(self, slack_user_id: str, text: str) -> bool:
        """Send `text` to the mentor; True when it was delivered."""
        ...


@dataclass(frozen=True)
class SuggestionNotice:
    """A plan suggestion ready to be shown to the member."""

    suggestion_id: uuid.UUID
    telegram_chat_id: int
    mentor_name: str
    summary: str
    changes: list[str]


class MemberMessenger(Protocol):
    """Sends a plan suggestion to a member (Telegram, with Accept/Decline)."""

    async def send_suggestion(self, notice: SuggestionNotice) -> bool:
        """Show the suggestion to the member; True when it was delivered."""
        ...
