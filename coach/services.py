"""The typed context the member-side core works with: handed to every core call, never global."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from coach.config import CoachSettings
from storage.crypto import JournalCipher
from storage.db import Sessions

if TYPE_CHECKING:
    from coach.llm import CoachEngine


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
