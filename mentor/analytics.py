"""What the mentor side needs from the warehouse (sync.analytics.Analytics satisfies it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

PERCENT_FIELDS = ("adherence_7d", "adherence_30d", "adherence_90d")


def as_fraction(percent: float | None) -> float | None:
    """The warehouse keeps adherence in percent (0–100); the engine and renderers use 0–1."""
    return None if percent is None else round(percent / 100, 4)


class PatientFigures(Protocol):
    """One patient's warehouse figures (the fields of sync.analytics.PatientAnalytics we read).

    Adherence is in percent (0–100), risk_score in [0, 1], mood_trend a sentiment difference.
    """

    user_id: uuid.UUID
    name: str | None
    adherence_7d: float | None
    adherence_30d: float | None
    adherence_90d: float | None
    current_streak: int | None
    longest_streak: int | None
    last_completion: date | datetime | None
    risk_level: str | None
    risk_score: float | None
    missed_count_3d: int | None
    missed_count_7d: int | None
    last_checkin_days_ago: int | None
    mood_trend: float | str | None
    computed_at: datetime | None


class AnalyticsSource(Protocol):
    """Read-only analytics per patient, the mentor dashboard order, and the last sync time."""

    async def for_patients(
        self, user_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, PatientFigures]: ...

    async def dashboard(self, user_ids: Iterable[uuid.UUID]) -> list[PatientFigures]: ...

    async def last_sync(self) -> datetime | None: ...
