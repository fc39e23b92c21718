"""More of the journey on Telegram: settings, location, backfill, confirmations, goals, Gemini."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select

from coach.config import GeminiSettings
from coach.i18n import translator
from storage.db import Sessions
from storage.models import Checkin, Message, User
from tests.fakes.gemini import FakeGemini
from tests.fakes.gemini import Reply as GeminiReply
from tests.fakes.telegram import location_update
from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat

GERMAN = translator("de")  # the answer to "/settings language de" already speaks German
UNFIT = GERMAN.gettext("That didn't fit. {question} (just type it)")
READING = [
    ("/start", "time zone"),
    ("Berlin", "Europe/Berlin"),
    ("/goal read 20 pages every day", "Read 20 pages"),
    ("[Save]", "Saved"),
]


async def test_settings_help_and_a_shared_location(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [("/start", "share your location")])
    assert "Europe/Paris" in await chat.feed(location_update(chat.user_id, 48.86, 2.35))
    await run_dialog(chat, [
        ("/help", "/checkin.*/journal.*/forget"),
        ("/settings", "time zone: Europe/Paris.*reminder: 07:00.*day starts at: 03:00"),
        ("/settings reminder 7:30pm", "reminder is now 19:30"),
        ("/settings daystart 4", "daystart is now 04:00"),
        ("/settings language de", re.escape(GERMAN.gettext("Done: language is now {value}.", value="de"))),
        ("/settings language klingon", ".*".join(map(re.escape, UNFIT.split("{question}")))),
        ("/settings timezone Tokyo", "Asia/Tokyo"),
        # German by now: the hint's command words stay English, the rest is German
        ("/settings colour blue",
         re.escape(GERMAN.gettext("timezone, reminder, daystart or language"))),
    ])  # fmt: skip
    async with sessions() as session:
        user = await session.scalar(select(User))
    assert user is not None
    assert (user.timezone, user.reminder_time.hour, user.day_start_hour, user.language) == (
        "Asia/Tokyo",
        19,
        4,
        "de",
    )


async def test_yesterday_backfills_and_the_day_rolls_over_at_day_start(sessions: Sessions) -> None:
    clock = Clock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, READING)
    clock.now = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)  # 01:30 Berlin: still the 25th
    await run_dialog(chat, [("/checkin", "Wed 25 Nov"), ("[Done]", "Streak 1")])
    clock.now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    await run_dialog(chat, [("/yesterday", "Wed 25 Nov.*✅ Read 20 pages"), ("/checkin", "Thu 26 Nov.*▫️ Read 20 pages"),
                            ("[Done]", "Streak 2")])  # fmt: skip
    clock.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    await run_dialog(chat, [("/yesterday", "Sat 28 Nov"), ("[Skip]", "skipped")])
    async with sessions() as session:
        days = sorted((c.day.isoformat(), c.status) for c in await session.scalars(select(Checkin)))
    assert days == [("2026-11-25", "done"), ("2026-11-26", "done"), ("2026-11-28", "skipped")]


async def test_an_unsure_message_is_confirmed_with_one_tap(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [*READING, ("reading", "Shall I mark “Read 20 pages” as done"), ("[Yes]", "Streak 1"),
                            ("skipped reading today", "Read 20 pages: skipped")])  # fmt: skip
    await run_dialog(chat, [("pages", "Shall I mark"), ("[No]", "never mind")])
    async with sessions() as session:
        assert [c.status for c in await session.scalars(select(Checkin))] == ["skipped"]
        kinds = [
            m.message_type
            for m in await session.scalars(select(Message).order_by(Message.created_at))
        ]
    assert kinds.count("checkin") == 1  # the sure message was kept with its check-in


async def test_goals_can_be_cancelled_paused_resumed_and_archived(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [
        ("/start", "time zone"), ("Berlin", "Berlin"),
        ("I want to meditate every morning", "Meditate"), ("[Cancel]", "Plan dropped"),
        ("[Save]", "no longer open"),
        ("/goals", "No goals yet"),
        *READING[2:],
        ("/goals", "Read 20 pages"), ("[Pause]", "paused"),
        ("/goals", "⏸"), ("[Resume]", "now active"),
        ("/goals", "active"), ("[Archive]", r"Archive .*\?"), ("[Yes, archive]", "archived"),
        ("/goals", "No goals yet"),
    ])  # fmt: skip


async def test_coach_chat_with_the_fake_gemini_server(sessions: Sessions) -> None:
    clock = Clock()
    async with FakeGemini() as fake:
        gemini = GeminiSettings(
            api_key="test-key", api_url=fake.url, timeout_seconds=2, max_retries=0
        )
        chat = await telegram_chat(make_services(sessions, clock, gemini=gemini), clock)
        plan = {"title": "Read every day", "category": "learning", "frequency": "daily",
                "subgoals": ["Finish one book"], "habits": [{"title": "Read 20 pages", "frequency": "daily"}],
                "start_date": "2026-11-25"}  # fmt: skip
        fake.script(
            GeminiReply.json(plan),
            GeminiReply.json(
                {
                    "reply": "Nice start, Ada. Keep the pages small.",
                    "action_steps": ["Read before bed"],
                }
            ),
            GeminiReply.error(500),
        )
        await run_dialog(chat, [
            ("/start", "time zone"), ("Berlin", "Berlin"),
            ("I want to read more", "Read every day.*Read 20 pages"), ("[Save]", "Saved “Read every day”"),
            ("/checkin", "Read 20 pages"), ("[Done]", "Streak 1"),
            ("how am I doing?", "Nice start, Ada.*• Read before bed"),
            # Gemini fails: the offline coach still answers, from the member's own figures
            ("any tips for tomorrow?", "completed 100% of your scheduled.*streak is 1 on Read 20 pages"),
        ])  # fmt: skip
        prompt = fake.requests[1].user
        assert "Read 20 pages" in prompt and "how am I doing?" in prompt
        await chat.app.bot_data["goalbot.services"].engine.aclose()
    async with sessions() as session:
        chats = (
            await session.scalars(
                select(Message).where(Message.message_type == "chat").order_by(Message.created_at)
            )
        ).all()
    assert [m.context_used["source"] for m in chats] == ["gemini", "offline"]
    assert chats[1].context_used["fallback_reason"] and chats[0].context_used["call_id"]
    assert chats[0].ai_reply == "Nice start, Ada. Keep the pages small."


async def test_a_command_after_change_ends_the_wait_for_words(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    answers = await run_dialog(chat, [*READING[:3], ("[Change]", "What should change"),
                                      ("/help", "what I can do"),
                                      ("hello coach", "plan “Read 20 pages every day” is still waiting")])  # fmt: skip
    assert "Here's a plan" not in answers[-1]
    assert "Saved" in await chat.press("Save")  # the draft itself is still open


async def test_a_member_who_blocked_the_bot_is_back_after_start(sessions: Sessions) -> None:
    from sqlalchemy import update

    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, READING[:2])
    async with sessions.begin() as session:  # what the reminder job does on "bot was blocked"
        await session.execute(update(User).values(active=False))
    await run_dialog(
        chat,
        [("/checkin", "/start first"), ("/start", "Europe/Berlin"), ("/checkin", "Nothing is due")],
    )
