"""What the mentor side needs from the warehouse (sync.analytics.Analytics satisfies it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from sync.analytics import PatientAnalytics

PERCENT_FIELDS = ("adherence_7d", "adherence_30d", "adherence_90d")


def as_fraction(percent: float | None) -> float | None:
    """The warehouse keeps adherence in percent (0–100); the engine and renderers use 0–1."""
    return None if percent is None else round(percent / 100, 4)


PatientFigures = PatientAnalytics
"""One patient's warehouse figures: adherence in percent (0–100), risk_score in [0, 1]."""


class AnalyticsSource(Protocol):
    """Read-only analytics per patient, the mentor dashboard order, and the last sync time."""

    async def for_patients(
        self, user_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, PatientFigures]: ...

    async def dashboard(self, user_ids: Iterable[uuid.UUID]) -> list[PatientFigures]: ...

    async def last_sync(self) -> datetime | None: ...
