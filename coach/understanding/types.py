"""What the understanding step returns: an intent, check-ins, and how sure it is."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Intent = Literal["crisis", "checkin", "goal", "plan_edit", "question", "chat"]
SURE = 0.8  # at or above: a check-in is recorded; below: asked about with one tap


@dataclass(frozen=True)
class HabitRef:
    """One of the member's habits as the parser sees it: id, title, first day and frequency
    (canonical, as `storage.calendar_rules.parse_frequency` reads it)."""

    habit_id: uuid.UUID
    title: str
    start: date | None = None
    frequency: str = "daily"


@dataclass(frozen=True)
class Turn:
    """One member message with what it is read against."""

    text: str
    habits: tuple[HabitRef, ...]
    today: date
    backfill_days: int = 2
    language: str = "en"


@dataclass(frozen=True)
class CheckinItem:
    """A check-in the message reports: habit, status, the member's day, amount, confidence."""

    habit_id: uuid.UUID
    title: str
    status: str  # done | skipped | missed
    day: date
    amount: float | None = None
    confidence: float = 1.0
    reach: str | None = None  # None: recordable; "before_start" | "too_old" | "future"

    @property
    def sure(self) -> bool:
        """True when the item may be recorded without asking."""
        return self.confidence >= SURE and self.reach is None


@dataclass(frozen=True)
class Understood:
    """The typed result of one message; `reply` is set only when a model wrote one."""

    intent: Intent
    confidence: float
    checkins: tuple[CheckinItem, ...] = ()
    category: str | None = None  # crisis category when intent == "crisis"
    reply: str | None = None
    action_steps: tuple[str, ...] = ()
    source: str = "offline"
    notes: tuple[str, ...] = field(default_factory=tuple)  # why: for logs, tests and the bench
