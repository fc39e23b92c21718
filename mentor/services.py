"""The typed context of the mentor-side core, handed to every call (never a global)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from coach.services import utc_now
from mentor.analytics import AnalyticsSource
from mentor.notify import MemberMessenger, MentorNotifier
from storage.crypto import JournalCipher
from storage.db import Sessions

if TYPE_CHECKING:
    from coach.llm import CoachEngine


@dataclass(frozen=True)
class MentorOptions:
    """How much context the copilot reads, how long invites live, how long to wait for data."""

    invite_ttl_hours: int = 72
    analytics_timeout_seconds: float = 10.0
    checkins_brief: int = 7
    checkins_history: int = 120
    journal_brief: int = 3
    journal_history: int = 30
    notes_brief: int = 3
    notes_history: int = 10
    max_message_chars: int = 2000
    max_note_chars: int = 2000
    daily_model_calls: int = 100  # the mentor's own copilot calls per UTC day ([mentor])
    suggestion_hold_seconds: float = 60.0  # one sender at a time per suggestion delivery


@dataclass
class MentorServices:
    """Sessions, the coach engine, the analytics reader, notifiers, the clock and options.

    `analytics` is None when no warehouse is wired; the copilot then answers from PostgreSQL.
    `member_messenger` sends plan suggestions to members (Telegram); `mentor_notifier` sends
    direct messages to mentors (Slack). Either may be None when that platform is not set up.
    """

    sessions: Sessions
    engine: CoachEngine
    cipher: JournalCipher
    analytics: AnalyticsSource | None = None
    member_messenger: MemberMessenger | None = None
    mentor_notifier: MentorNotifier | None = None
    options: MentorOptions = field(default_factory=MentorOptions)
    clock: Callable[[], datetime] = utc_now
