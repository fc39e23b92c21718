"""The mentor alert outbox: written with the safety event, delivered by the job once Slack
accepts, exactly once, with the time recorded; the member's answer never waits on Slack."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import func, select, update

from coach import chat
from coach.config import GeminiSettings
from coach.llm import CoachEngine
from coach.members import by_telegram
from coach.outbox import Backoff, deliver_pending
from coach.services import Services
from handlers.slack.notify import SlackCrisisAlerts
from storage.db import Sessions
from storage.models import OutboxItem, SafetyEvent
from storage.outbox import CRISIS_ALERT, outbox_rows
from tests.fakes.mentoring import NOW, add_mentor, add_patient, cipher
from tests.fakes.slack import FakeSlack


@pytest.fixture
def coach_services(sessions: Sessions) -> Services:
    engine = CoachEngine(GeminiSettings(), sessions, clock=lambda: NOW)
    return Services(sessions=sessions, engine=engine, cipher=cipher(), clock=lambda: NOW)


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        yield server


def alerts_for(sessions: Sessions, slack: FakeSlack, timeout: int = 30) -> SlackCrisisAlerts:
    client = AsyncWebClient(token="xoxb-t", base_url=slack.api_url, timeout=timeout)
    return SlackCrisisAlerts(client, sessions, clock=lambda: NOW)


async def run_job(sessions: Sessions, alerts: SlackCrisisAlerts) -> dict[str, int]:
    """One run of the outbox job, every pending send due."""
    async with sessions.begin() as session:
        await session.execute(update(OutboxItem).values(next_attempt_at=func.now()))
    return dict(await deliver_pending(sessions, alerts.outbox_kinds(), now=lambda: NOW))


async def crisis(sessions: Sessions, services: Services, telegram_id: int) -> chat.SafetyReply:
    member = await by_telegram(services, telegram_user_id=telegram_id)
    assert member is not None
    return await chat.handle_crisis(services, member=member, category="suicide", source="chat",
                                    message_id=None)  # fmt: skip


async def test_slack_down_then_up_the_alert_arrives_once_with_its_time(
    sessions: Sessions, slack: FakeSlack, coach_services: Services
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    slack.fail["chat.postMessage"] = "service_unavailable"
    reply = await crisis(sessions, coach_services, anna.telegram_user_id)  # type: ignore[attr-defined]
    assert isinstance(reply, chat.SafetyReply)
    alerts = alerts_for(sessions, slack)
    down = [await run_job(sessions, alerts) for _ in range(3)]
    del slack.fail["chat.postMessage"]
    up = await run_job(sessions, alerts)
    later = await run_job(sessions, alerts)
    assert down == [{"failed": 1}] * 3 and up == {"sent": 1} and later == {}
    async with sessions() as session:
        (item,) = await outbox_rows(session, kind=CRISIS_ALERT)
        (event,) = await session.scalars(select(SafetyEvent))
    assert item.attempts == 4 and item.delivered_at == NOW and event.mentor_notified_at == NOW
    texts = [c["text"] for c in slack.calls("chat.postMessage")]
    assert len(texts) == 4 and "Safety alert for Anna Smith" in texts[-1]


async def test_the_safety_message_does_not_wait_for_a_hanging_slack(
    sessions: Sessions, coach_services: Services
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    started = time.monotonic()
    reply = await crisis(sessions, coach_services, anna.telegram_user_id)  # type: ignore[attr-defined]
    assert isinstance(reply, chat.SafetyReply) and time.monotonic() - started < 1.0
    async with sessions() as session:
        (item,) = await outbox_rows(session)
        (event,) = await session.scalars(select(SafetyEvent))
    assert item.payload == {"user_id": str(anna.id), "event_id": str(event.id),
                            "category": "suicide"}  # fmt: skip


async def test_two_jobs_at_once_send_one_dm(
    sessions: Sessions, slack: FakeSlack, coach_services: Services
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    await crisis(sessions, coach_services, anna.telegram_user_id)  # type: ignore[attr-defined]
    alerts = alerts_for(sessions, slack)
    kinds = alerts.outbox_kinds()
    results = await asyncio.gather(
        *(deliver_pending(sessions, kinds, now=lambda: NOW) for _ in range(4))
    )
    assert sum(r["sent"] for r in results) == 1
    assert len(slack.calls("chat.postMessage")) == 1


async def test_no_mentor_is_set_aside_not_retried(
    sessions: Sessions, slack: FakeSlack, coach_services: Services
) -> None:
    lou = await add_patient(sessions, None, "Lonely Lou", "lou")
    await crisis(sessions, coach_services, lou.telegram_user_id)  # type: ignore[attr-defined]
    alerts = alerts_for(sessions, slack)
    assert await run_job(sessions, alerts) == {"skipped": 1}
    assert await run_job(sessions, alerts) == {}
    assert slack.calls("chat.postMessage") == []


def test_the_backoff_doubles_up_to_its_ceiling() -> None:
    backoff = Backoff(timedelta(seconds=10), timedelta(minutes=2))
    waits = [(backoff.next_try(NOW, n) - NOW).total_seconds() for n in range(1, 7)]
    assert waits == [10, 20, 40, 80, 120, 120]
