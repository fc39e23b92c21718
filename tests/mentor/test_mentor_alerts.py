"""Alerts by Slack DM: a crisis at once (never the words), a rise to high risk once per rise."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import func, select, update

from coach.outbox import deliver_pending
from handlers.slack.notify import SlackCrisisAlerts, SlackMentorNotifier
from mentor.alerts import report_newly_high_risk
from storage.db import Sessions
from storage.models import OutboxItem, RiskAlert, SafetyEvent
from tests.fakes.mentoring import NOW, Figures, WarehouseDouble, add_mentor, add_patient, services
from tests.fakes.slack import FakeSlack


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        yield server


def client(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=fake.api_url)


async def test_a_crisis_reaches_the_assigned_mentor_by_dm_without_the_words(
    sessions: Sessions, fake: FakeSlack
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    loner = await add_patient(sessions, None, "Lonely Lou", "lou")
    async with sessions.begin() as session:
        event = SafetyEvent(user_id=anna.id, category="self_harm", source="journal")
        other = SafetyEvent(user_id=loner.id, category="suicide", source="chat")
        session.add_all([event, other])

    alerts = SlackCrisisAlerts(client(fake), sessions, clock=lambda: NOW)
    await alerts.crisis(user_id=anna.id, event_id=event.id, category="self_harm")
    await alerts.crisis(user_id=loner.id, event_id=other.id, category="suicide")

    assert fake.calls("conversations.open") == [{"users": "U1"}]
    (dm,) = fake.calls("chat.postMessage")
    assert dm["channel"] == "DU1"
    assert "Safety alert for Anna Smith" in dm["text"] and "self harm" in dm["text"]
    assert "contact them directly" in dm["text"]
    async with sessions() as session:
        notified = {
            e.user_id: e.mentor_notified_at for e in await session.scalars(select(SafetyEvent))
        }
    assert notified == {anna.id: NOW, loner.id: None}


async def test_high_risk_is_reported_once_per_rise(sessions: Sessions, fake: FakeSlack) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    warehouse = WarehouseDouble({anna.id: Figures(anna.id, risk_level="high", risk_score=0.85,
                                                  missed_count_7d=5)})  # fmt: skip
    svc = services(sessions, analytics=warehouse, mentor_notifier=SlackMentorNotifier(client(fake)))

    alerts = SlackCrisisAlerts(client(fake), sessions, clock=lambda: NOW)
    first = await report_newly_high_risk(svc, [anna.id])
    await deliver(sessions, alerts)
    again = await report_newly_high_risk(svc, [anna.id])  # a later sync still lists her
    warehouse.figures[anna.id].risk_level = "medium"
    await report_newly_high_risk(svc, [])  # her risk fell: the next rise is news again
    warehouse.figures[anna.id].risk_level = "high"
    risen = await report_newly_high_risk(svc, [anna.id])
    await deliver(sessions, alerts)
    await deliver(sessions, alerts)  # delivered once: nothing is sent twice

    assert (first, again, risen) == ([anna.id], [], [anna.id])
    texts = [c["text"] for c in fake.calls("chat.postMessage")]
    assert len(texts) == 2 and all(c["channel"] == "DU1" for c in fake.calls("chat.postMessage"))
    assert texts[0] == (":warning: Anna Smith is now at high risk (risk score 0.85, missed in 7 days 5, "
                        "days since last check-in 0). Ask the copilot: /patient @anna risk what should I do?")  # fmt: skip


async def test_an_undelivered_risk_alert_is_tried_again_by_the_outbox(
    sessions: Sessions, fake: FakeSlack
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    svc = services(sessions, analytics=WarehouseDouble(down=True),
                   mentor_notifier=SlackMentorNotifier(client(fake)))  # fmt: skip
    alerts = SlackCrisisAlerts(client(fake), sessions, clock=lambda: NOW)

    fake.fail["conversations.open"] = "user_not_found"
    queued = await report_newly_high_risk(svc, [anna.id])
    failed = await deliver(sessions, alerts)
    del fake.fail["conversations.open"]
    again = await report_newly_high_risk(svc, [anna.id])  # already reported: not queued twice
    await _due_now(sessions)
    delivered = await deliver(sessions, alerts)

    assert (queued, again) == ([anna.id], [])
    assert (failed["failed"], delivered["sent"]) == (1, 1)
    async with sessions() as session:
        (row,) = await session.scalars(select(RiskAlert))
        (item,) = await session.scalars(select(OutboxItem))
    assert row.risk_level == "high" and item.delivered_at == NOW and item.attempts == 2
    assert "Anna Smith is now at high risk." in fake.calls("chat.postMessage")[0]["text"]


async def deliver(sessions: Sessions, alerts: SlackCrisisAlerts) -> dict[str, int]:
    """One run of the outbox job with these alert senders."""
    return dict(await deliver_pending(sessions, alerts.outbox_kinds(), now=lambda: NOW))


async def _due_now(sessions: Sessions) -> None:
    """Skip the backoff: every pending send is due."""
    async with sessions.begin() as session:
        await session.execute(update(OutboxItem).values(next_attempt_at=func.now()))
