"""The mentor's patient list for /patients and App Home: riskiest first, from the warehouse."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from coach.i18n import N_
from mentor import audit
from mentor.analytics import AnalyticsSource, PatientFigures, as_fraction, bounded_read
from mentor.audit import AuditEntry
from mentor.context import Gathered, gather
from mentor.copilot import UNREAD, Known, load_mentor, own_patient
from mentor.patients import handle, refusal
from mentor.services import MentorServices
from storage.models import Mentor, User

log = logging.getLogger(__name__)
# before the mentor is known: marked for the catalogue, said by the transport in their language
FAILED = N_("Sorry, your patients could not be loaded; please try again.")


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
    language: str = "en"  # the language the patient uses goalbot in (#16)


@dataclass(frozen=True)
class Dashboard:
    """The list, whether the warehouse answered, and how fresh it is."""

    outcome: str
    mentor_name: str | None = None
    rows: list[PatientRow] = field(default_factory=list)
    analytics_error: str | None = None
    last_sync: datetime | None = None
    text: str = ""


async def build(
    services: MentorServices, *, slack_user_id: str, action: str, mentor: Known = UNREAD
) -> Dashboard:
    """The mentor's patients in mentor_dashboard order; audited as `action`, failures too."""
    try:
        return await _build(services, slack_user_id, action, mentor)
    except Exception:
        log.exception("dashboard failed for %s", slack_user_id)
        try:
            await audit.record(services.sessions, AuditEntry(slack_user_id, action, "failed"))
        except Exception:
            log.exception("could not audit a failed dashboard")
        return Dashboard("failed", text=FAILED)


async def read_board(
    analytics: AnalyticsSource | None, user_ids: list[uuid.UUID], wait_seconds: float
) -> tuple[list[PatientFigures], datetime | None, str | None]:
    """The warehouse's dashboard rows and last sync, or why it is unavailable; never raises."""

    async def both(a: AnalyticsSource) -> tuple[list[PatientFigures], datetime | None]:
        return await a.dashboard(user_ids), await a.last_sync()

    answer, error = await bounded_read(analytics, both, wait_seconds)
    rows, last_sync = answer or ([], None)
    return rows, last_sync, error


async def _build(
    services: MentorServices, slack_user_id: str, action: str, known: Known
) -> Dashboard:
    mentor, own = await load_mentor(services, slack_user_id, known)
    if mentor is None:
        refused = not_a_mentor(slack_user_id)
        await audit.record(
            services.sessions, AuditEntry(slack_user_id, action, "refused", ai_reply=refused)
        )
        return Dashboard("refused", text=refused)
    by_id = {p.id: p for p in own}
    figures, last_sync, error = await read_board(
        services.analytics, list(by_id), services.options.analytics_timeout_seconds
    )
    rows = [_row(by_id.pop(f.user_id), f) for f in figures if f.user_id in by_id]
    rows += [
        PatientRow(u.id, u.name or "?", handle(u), language=u.language) for u in by_id.values()
    ]
    sources = {
        "used": ["postgresql"] + (["snowflake"] if error is None else []),
        "snowflake": {"available": error is None, "reason": error,
                      "last_sync": last_sync.isoformat() if last_sync else None},
    }  # fmt: skip
    await audit.record(
        services.sessions,
        AuditEntry(slack_user_id, action, "answered", mentor_id=mentor.id, sources_used=sources),
    )
    return Dashboard("answered", mentor.name, rows, error, last_sync)


def _row(user: User, fig: PatientFigures) -> PatientRow:
    return PatientRow(
        user_id=user.id,
        name=user.name or "?",
        handle=handle(user),
        adherence_7d=as_fraction(fig.adherence_7d),
        risk_level=fig.risk_level,
        risk_score=fig.risk_score,
        missed_count_7d=fig.missed_count_7d,
        last_checkin_days_ago=fig.last_checkin_days_ago,
        language=user.language,
    )


@dataclass(frozen=True)
class PatientPicture:
    """One patient's whole picture for a dashboard, or a refusal (`patient` None)."""

    outcome: str
    patient: User | None = None
    gathered: Gathered | None = None
    text: str = ""


async def patient_picture(
    services: MentorServices, *, mentor: Mentor, patient_id: uuid.UUID
) -> PatientPicture:
    """Everything the copilot's deep view reads about one consenting patient: PostgreSQL
    records and warehouse figures with their age; audited as `api_dashboard`."""
    entry = AuditEntry(mentor.slack_user_id or str(mentor.id), "api_dashboard", "refused",
                       mentor_id=mentor.id)  # fmt: skip
    patient = await own_patient(services, mentor, patient_id)
    if patient is None:
        await audit.record(services.sessions, entry)
        return PatientPicture("refused", text=refusal(str(patient_id), mentor.language))
    gathered = await gather(services, mentor_id=mentor.id, patient=patient, mode="deep_dive")
    await audit.record(services.sessions, replace(entry, outcome="answered", patient_id=patient.id,
                                                  sources_used=gathered.sources))  # fmt: skip
    return PatientPicture("answered", patient, gathered)
