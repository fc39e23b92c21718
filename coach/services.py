"""The typed context the member-side core works with: handed to every core call, never global."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from coach.config import CoachSettings
from coach.limits import MemberLimits
from storage.crypto import JournalCipher
from storage.db import Sessions

if TYPE_CHECKING:
    from coach.api_tokens import Signing
    from coach.checkins import CheckinEvent
    from coach.llm import CoachEngine
    from coach.safety import CrisisAlerts


def utc_now() -> datetime:
    """The current time, UTC (the default clock; tests pass their own)."""
    return datetime.now(UTC)


@dataclass
class Services:
    """Database sessions, the coach engine, the journal cipher, settings and the clock."""

    sessions: Sessions
    engine: CoachEngine
    cipher: JournalCipher
    settings: CoachSettings = field(default_factory=CoachSettings)
    clock: Callable[[], datetime] = utc_now
    alerts: CrisisAlerts | None = None  # tells a member's mentor about a crisis message
    limits: MemberLimits | None = None  # per-member flood limits; built from settings if None
    api_signing: Signing | None = None  # signs the HTTP API's tokens; None: /apitoken is off
    # told after every recorded check-in (the group boards subscribe); must not raise or block
    checkin_listeners: list[Callable[[CheckinEvent], Awaitable[None]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.limits is None:
            self.limits = MemberLimits(per_second=self.settings.messages_per_second)
