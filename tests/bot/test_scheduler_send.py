"""The reminder job through the real PTB Bot to a fake Bot API: buttons, blocked members, 429."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select
from telegram import Bot, Update

from bot.jobs import JobDeps, reminders_job, reviews_job
from bot.settings import load_settings
from coach.config import GeminiSettings
from coach.llm import CoachEngine
from coach.services import Services
from handlers.telegram.app import build_application
from handlers.telegram.config import TelegramSettings
from handlers.telegram.notifier import TelegramNotifier
from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.models import Habit, PlanSuggestion, ReminderSent, User
from tests.fakes.builder import add_member
from tests.fakes.telegram_server import FakeBotApi

TOKEN = "123456:TEST-token"
SEVEN = datetime(2026, 6, 1, 7, 0, 20, tzinfo=UTC)


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = await FakeBotApi().start()
    yield api
    await api.stop()


@pytest.mark.slow
async def test_a_blocked_member_is_marked_inactive_and_the_batch_goes_on(
    sessions: Sessions, fake: FakeBotApi
) -> None:
    for chat in (301, 302, 303):
        await add_member(sessions, "UTC", chat, frequencies=("daily", "weekly:3"))
    fake.blocked.add(302)
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        deps = JobDeps(sessions, load_settings(), sender=TelegramNotifier(bot), clock=lambda: SEVEN)
        result = await reminders_job(deps, SEVEN)
        assert result == {"sent": 2, "blocked": 1}
        deps.clock = lambda: SEVEN + timedelta(days=1)
        next_day = await reminders_job(deps, SEVEN + timedelta(days=1))
    assert next_day == {"sent": 2}  # the blocked member is skipped from now on
    assert sorted(m.chat_id for m in fake.sent) == [301, 301, 303, 303]
    buttons = fake.sent[0].reply_markup
    assert buttons is not None and buttons["inline_keyboard"]
    assert "habit daily" in fake.sent[0].text
    async with sessions() as session:
        active = dict((await session.execute(select(User.telegram_chat_id, User.active))).all())
        statuses = sorted((await session.execute(select(ReminderSent.status))).scalars())
    assert active == {301: True, 302: False, 303: True}
    assert statuses == ["blocked", "sent", "sent", "sent", "sent"]


@pytest.mark.slow
async def test_retry_after_is_honoured_and_nothing_is_lost(
    sessions: Sessions, fake: FakeBotApi
) -> None:
    chats = list(range(600, 606))
    for chat in chats:
        await add_member(sessions, "UTC", chat)
    fake.max_per_second = 3  # stricter than the notifier's 30/s: the fake answers 429
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        deps = JobDeps(sessions, load_settings(), sender=TelegramNotifier(bot), clock=lambda: SEVEN)
        result = await reminders_job(deps, SEVEN)
    assert result == {"sent": 6}
    assert fake.too_many > 0
    assert sorted(m.chat_id for m in fake.sent) == chats


@pytest.mark.slow
async def test_one_chat_gets_at_most_one_message_per_second(fake: FakeBotApi) -> None:
    fake.per_chat_seconds = 1.0
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        notifier = TelegramNotifier(bot)
        outcomes = [await notifier.send(77, f"hello {i}") for i in range(3)]
    assert [o.status for o in outcomes] == ["sent"] * 3
    assert fake.too_many == 0
    gaps = [b.at - a.at for a, b in zip(fake.sent, fake.sent[1:], strict=False)]
    assert all(gap >= 0.95 for gap in gaps), gaps


@pytest.mark.slow
async def test_an_easier_plan_is_sent_with_buttons_and_accepting_applies_it(
    sessions: Sessions, fake: FakeBotApi
) -> None:
    user_id, habits = await add_member(sessions, "UTC", 701, frequencies=("daily",))
    async with sessions.begin() as session:
        (await session.get(User, user_id)).telegram_user_id = 701
    monday = datetime(2026, 6, 1, 9, 0, 30, tzinfo=UTC)  # nothing done for two weeks
    services = Services(sessions=sessions, engine=CoachEngine(GeminiSettings(api_key=None), sessions),
                        cipher=JournalCipher.from_setting(Fernet.generate_key().decode()),
                        clock=lambda: monday)  # fmt: skip
    settings = TelegramSettings(bot_token=SecretStr(TOKEN), api_url=fake.api_url)
    application = build_application(settings, services)
    async with application:
        deps = JobDeps(sessions, load_settings(), coach=services,
                       sender=TelegramNotifier(application.bot), clock=lambda: monday)  # fmt: skip
        await reviews_job(deps, monday)
        offer = next(m for m in fake.sent if "easier plan" in m.text)
        accept = offer.reply_markup["inline_keyboard"][0][0]  # type: ignore[index]
        assert accept["text"] == "Accept"
        press = {"update_id": 9, "callback_query": {
            "id": "cb-1", "chat_instance": "ci", "data": accept["callback_data"],
            "from": {"id": 701, "is_bot": False, "first_name": "Ana"},
            "message": {"message_id": 3, "date": int(monday.timestamp()), "text": offer.text,
                        "chat": {"id": 701, "type": "private"}}}}  # fmt: skip
        await application.process_update(Update.de_json(press, application.bot))
    async with sessions() as session:
        habit = await session.get(Habit, habits[0])
        status = (await session.execute(select(PlanSuggestion.status))).scalar_one()
    assert (habit.frequency, status) == ("weekly:4", "accepted")


@pytest.mark.slow
async def test_the_overall_limit_holds_in_every_rolling_second(fake: FakeBotApi) -> None:
    fake.max_per_second = 5
    async with Bot(TOKEN, base_url=fake.base_url) as bot:
        notifier = TelegramNotifier(bot, messages_per_second=5)
        outcomes = await asyncio.gather(*(notifier.send(900 + i, "hi") for i in range(12)))
    assert [o.status for o in outcomes] == ["sent"] * 12
    assert fake.too_many == 0
    arrivals = [m.at for m in fake.sent]
    assert all(b - a >= 1.0 for a, b in zip(arrivals, arrivals[5:], strict=False))
