"""What the mentor side needs from the warehouse (sync.analytics.Analytics satisfies it)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Protocol, TypeVar

from coach.i18n import N_, Translator
from sync.analytics import PatientAnalytics

log = logging.getLogger(__name__)
X = TypeVar("X")
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


# Why the warehouse is unavailable, as the copilot and the dashboard report it (in English);
# Slack says it in the mentor's language with `reason_in`.
NOT_CONFIGURED = N_("no analytics warehouse is configured")
UNREACHABLE = N_("the analytics warehouse is unreachable")
TIMED_OUT = N_("the analytics warehouse did not answer within {seconds} s")


class Reason(str):
    """A reason in English that remembers its catalogue text and values, to be said again in
    another language; anywhere else it is the plain English string."""

    template: str
    values: dict[str, object]

    @classmethod
    def of(cls, template: str, **values: object) -> Reason:
        """The English text of `template` filled with `values`."""
        made = cls(template.format(**values))
        made.template, made.values = template, values
        return made


def reason_in(reason: str, t: Translator) -> str:
    """A reason from `bounded_read` in `t`'s language (a reason the catalogue lacks: as is)."""
    if isinstance(reason, Reason):
        return t.gettext(reason.template, **reason.values)
    return t.gettext(reason)


async def bounded_read(
    analytics: AnalyticsSource | None,
    read: Callable[[AnalyticsSource], Awaitable[X]],
    wait_seconds: float,
) -> tuple[X | None, str | None]:
    """One warehouse read within `wait_seconds`: (answer, None) or (None, why it is unavailable).

    Never raises: the warehouse is optional, so any failure means "unavailable".
    """
    if analytics is None:
        return None, Reason.of(NOT_CONFIGURED)
    try:
        return await asyncio.wait_for(read(analytics), wait_seconds), None
    except TimeoutError:
        return None, Reason.of(TIMED_OUT, seconds=f"{wait_seconds:g}")
    except Exception as exc:
        log.warning("analytics unavailable: %s", exc)
        return None, Reason.of(UNREACHABLE)
