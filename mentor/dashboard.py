"""The mentor's patient list for /patients and App Home: riskiest first, from the warehouse."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from mentor import audit
from mentor.analytics import as_fraction
from mentor.audit import AuditEntry
from mentor.context import read_warehouse
from mentor.copilot import load_mentor
from mentor.patients import handle
from mentor.services import MentorServices


def not_a_mentor(slack_user_id: str) -> str:
    """What an unregistered Slack user is told."""
    return (
        "You are not registered as a goalbot mentor. Ask your goalbot admin to run "
        f'`goalbot mentor add {slack_user_id} "Your Name"`.'
    )


@dataclass(frozen=True)
class PatientRow:
    """One patient on the dashboard."""

    user_id: uuid.UUID
    name: str
    handle: str
    adherence_7d: float | None = None  # 0–1
    risk_level: str | None = None
    risk_score: float | None = None
    missed_count_7d: int | None = None
    last_checkin_days_ago: int | None = None


@dataclass(frozen=True)
class Dashboard:
    """The list, whether the warehouse answered, and how fresh it is."""

    outcome: str
    mentor_name: str | None = None
    rows: list[PatientRow] = field(default_factory=list)
    analytics_error: str | None = None
    last_sync: datetime | None = None
    text: str = ""


async def build(services: MentorServices, *, slack_user_id: str, action: str) -> Dashboard:
    """The mentor's patients in mentor_dashboard order; audited as `action`."""
    mentor, own = await load_mentor(services, slack_user_id)
    if mentor is None:
        board = Dashboard("refused", text=not_a_mentor(slack_user_id))
        await audit.record(services.sessions, AuditEntry(slack_user_id, action, "refused"))
        return board
    by_id = {p.id: p for p in own}
    warehouse = await read_warehouse(
        services.analytics, list(by_id), services.options.analytics_timeout_seconds
    )
    rows: list[PatientRow] = []
    if warehouse.available and by_id:
        ordered = await services.analytics.dashboard(list(by_id))  # type: ignore[union-attr]
        for fig in ordered:
            user = by_id.pop(fig.user_id, None)
            if user is not None:
                rows.append(_row(user, fig))
    rows += [PatientRow(u.id, u.name or "?", handle(u)) for u in by_id.values()]
    sources = {"used": ["postgresql"] + (["snowflake"] if warehouse.available else []),
               "snowflake": {"available": warehouse.available, "reason": warehouse.error,
                             "last_sync": warehouse.last_sync.isoformat() if warehouse.last_sync else None}}  # fmt: skip
    await audit.record(
        services.sessions,
        AuditEntry(slack_user_id, action, "answered", mentor_id=mentor.id, sources_used=sources),
    )
    return Dashboard("answered", mentor.name, rows, warehouse.error, warehouse.last_sync)


def _row(user, fig) -> PatientRow:  # type: ignore[no-untyped-def]
    return PatientRow(
        user_id=user.id,
        name=user.name or "?",
        handle=handle(user),
        adherence_7d=as_fraction(fig.adherence_7d),
        risk_level=fig.risk_level,
        risk_score=fig.risk_score,
        missed_count_7d=fig.missed_count_7d,
        last_checkin_days_ago=fig.last_checkin_days_ago,
    )
