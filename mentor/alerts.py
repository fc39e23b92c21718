"""Alerts to mentors by DM: a patient's crisis message at once, a rise to high risk once."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from babel.numbers import format_decimal
from sqlalchemy.ext.asyncio import AsyncSession

from coach.i18n import N_, translator
from coach.outbox import Kind
from coach.services import utc_now
from mentor.context import read_warehouse
from mentor.notify import MentorNotifier
from mentor.patients import handle
from mentor.services import MentorServices
from storage import mentors as store
from storage import outbox
from storage.db import Sessions
from storage.members import get_member
from storage.models import Mentor, User
from storage.outbox import CRISIS_ALERT, RISK_ALERT
from storage.safety import mark_mentor_notified

log = logging.getLogger(__name__)


CRISIS_KINDS = {"suicide": N_("suicide"), "self_harm": N_("self harm"),
                "harm_to_others": N_("harm to others")}  # fmt: skip
CRISIS_ALERT_TEXT = N_(
    ":rotating_light: Safety alert for {patient}: something they wrote to goalbot matched "
    "crisis language ({category}). goalbot showed them crisis-line information; it does not "
    "share their words here. Please contact them directly as soon as you can and follow your "
    "organisation's safety protocol. If you believe they are in immediate danger, contact "
    "local emergency services."
)
RISK_ALERT_TEXT = N_(
    ":warning: {patient} is now at high risk{detail}. Ask the copilot: /patient {handle} risk "
    "what should I do?"
)
RISK_FIGURES = (("risk_score", N_("risk score")), ("missed_count_7d", N_("missed in 7 days")),
                ("last_checkin_days_ago", N_("days since last check-in")))  # fmt: skip


def crisis_text(patient: User, category: str, language: str | None = None) -> str:
    """The crisis DM: that a safety event happened and what to do; never the patient's words
    (in the mentor's `language`, English by default)."""
    t = translator(language)
    kind = CRISIS_KINDS.get(category)
    return t.gettext(
        CRISIS_ALERT_TEXT, patient=patient.name or t.gettext("one of your patients"),
        category=t.gettext(kind) if kind else category.replace("_", " "),
    )  # fmt: skip


def risk_text(patient: User, figures: object | None, language: str | None = None) -> str:
    """The DM sent when a patient's risk level becomes high, with the figures behind it (in the
    mentor's `language`)."""
    t, parts = translator(language), []
    for name, label in RISK_FIGURES:
        value = getattr(figures, name, None)
        if value is not None:
            shown = (
                format_decimal(value, "0.00", locale=t.language)
                if isinstance(value, float)
                else str(value)
            )
            parts.append(f"{t.gettext(label)} {shown}")
    detail = f" ({', '.join(parts)})" if parts else ""
    who = patient.name or t.gettext("One of your patients")
    return t.gettext(RISK_ALERT_TEXT, patient=who, detail=detail, handle=handle(patient))


async def _mentor_of(session: object, user: User | None) -> Mentor | None:
    if user is None or user.mentor_id is None or user.mentor_consent_at is None:
        return None
    mentor = await store.mentor_by_id(session, mentor_id=user.mentor_id)  # type: ignore[arg-type]
    return mentor if mentor and mentor.active and mentor.slack_user_id else None


class MentorCrisisAlerts:
    """The mentor alerts' senders: the outbox delivers crisis and risk alerts through these."""

    def __init__(
        self, sessions: Sessions, notifier: MentorNotifier,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:  # fmt: skip
        self.sessions, self.notifier, self.clock = sessions, notifier, clock

    async def crisis(self, *, user_id: uuid.UUID, event_id: uuid.UUID, category: str) -> None:
        """Tell the mentor now, without the outbox; record the time on the event if delivered."""
        payload = {"user_id": str(user_id), "event_id": str(event_id), "category": category}
        if await self.send_crisis(payload) == "sent":
            async with self.sessions.begin() as session:
                await crisis_delivered(session, payload, self.clock())

    async def send_crisis(self, payload: dict[str, Any]) -> str:
        """DM the patient's mentor about a safety event: sent, failed, or skipped (no mentor)."""
        return await self._send(payload, lambda p, lang: crisis_text(p, payload["category"], lang))

    async def send_risk(self, payload: dict[str, Any]) -> str:
        """DM the patient's mentor that their risk became high, with the figures behind it."""
        figures = SimpleNamespace(**payload)
        return await self._send(payload, lambda p, lang: risk_text(p, figures, lang))

    async def _send(self, payload: dict[str, Any], text: Callable[[User, str | None], str]) -> str:
        async with self.sessions() as session:
            patient = await get_member(session, user_id=uuid.UUID(payload["user_id"]))
            mentor = await _mentor_of(session, patient)
        if patient is None or mentor is None:
            return "skipped: no active, consented mentor on Slack"
        message = text(patient, mentor.language)  # in the mentor's language
        delivered = await self.notifier.notify(mentor.slack_user_id or "", message)
        return "sent" if delivered else "failed: Slack did not accept the DM"

    def outbox_kinds(self) -> dict[str, Kind]:
        """The outbox kinds these alerts deliver (for coach.outbox.deliver_pending)."""
        return {CRISIS_ALERT: Kind(self.send_crisis, crisis_delivered),
                RISK_ALERT: Kind(self.send_risk)}  # fmt: skip


async def crisis_delivered(session: AsyncSession, payload: dict[str, Any], at: datetime) -> None:
    """Record on the safety event when its mentor was told (in the outbox's transaction)."""
    await mark_mentor_notified(session, event_id=uuid.UUID(payload["event_id"]), at=at)


async def report_newly_high_risk(
    services: MentorServices, user_ids: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """After a sync: queue a DM to each newly high-risk patient's mentor, once per rise (an
    outbox row beside the risk_alerts row, one transaction); return whose mentor will be told."""
    ids = list(dict.fromkeys(user_ids))
    await _forget_fallen(services, exclude=set(ids))
    warehouse = await read_warehouse(
        services.analytics, ids, services.options.analytics_timeout_seconds
    )
    told = []
    for user_id in ids:
        if await _report_one(services, user_id, warehouse.figures.get(user_id)):
            told.append(user_id)
    return told


async def _report_one(services: MentorServices, user_id: uuid.UUID, figures: object | None) -> bool:
    now = services.clock()
    async with services.sessions.begin() as session:
        patient = await get_member(session, user_id=user_id)
        mentor = await _mentor_of(session, patient)
        previous = (await store.risk_alerts(session, user_ids=[user_id])).get(user_id)
        if patient is None or mentor is None or (previous and previous.risk_level == "high"):
            return False
        score = getattr(figures, "risk_score", None)
        await store.set_risk_alert(
            session, user_id=user_id, risk_level="high", risk_score=score, at=now
        )
        payload = {"user_id": str(user_id)} | {
            name: _plain(getattr(figures, name, None))
            for name in ("risk_score", "missed_count_7d", "last_checkin_days_ago")
        }
        # no dedup key: the risk_alerts row already makes it one alert per rise
        await outbox.enqueue(session, kind=RISK_ALERT, payload=payload)
    return True


def _plain(value: object) -> int | float | None:
    """A warehouse figure as JSON can hold it (Snowflake gives Decimals)."""
    if value is None or isinstance(value, int | float):
        return value  # type: ignore[return-value]
    return float(value)  # type: ignore[arg-type]


async def _forget_fallen(services: MentorServices, *, exclude: set[uuid.UUID]) -> None:
    """Patients reported high whose risk has since dropped may be reported again later."""
    async with services.sessions() as session:
        high = [
            a.user_id for a in await store.high_risk_alerts(session) if a.user_id not in exclude
        ]
    if not high:
        return
    warehouse = await read_warehouse(
        services.analytics, high, services.options.analytics_timeout_seconds
    )
    if not warehouse.available:
        return
    async with services.sessions.begin() as session:
        for user_id in high:
            figures = warehouse.figures.get(user_id)
            level = getattr(figures, "risk_level", None)
            if level is not None and level != "high":
                await store.set_risk_alert(session, user_id=user_id, risk_level=level,
                                           risk_score=figures.risk_score, at=services.clock())  # type: ignore[union-attr]  # fmt: skip
