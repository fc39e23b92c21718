"""Settings that guide, through the real PTB Application (#15)."""

from __future__ import annotations

from sqlalchemy import select

from storage.db import Sessions
from storage.models import User
from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat

ONBOARDED = [
    ("/start", r"time zone"),
    ("New York", r"America/New_York.*tell me a goal"),
    ("I want to read 20 pages every day", r"plan"),
    ("[Save]", r"Saved"),
]


async def _user(sessions: Sessions) -> User:
    async with sessions() as session:
        user = await session.scalar(select(User))
    assert user is not None
    return user


async def test_settings_show_values_and_choices_and_buttons_change_them(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, ONBOARDED)
    await run_dialog(chat, [
        ("/settings", r"time zone: America/New_York.*reminder: 07:00 \(on\).*day starts at: 03:00"),
        ("[08:00]", r"reminder: 08:00 \(on\)"),
        ("[Reminders off]", r"reminder: 08:00 \(off\)"),
        ("[Reminders on]", r"\(on\)"),
        ("[day starts 05:00]", r"day starts at: 05:00"),
    ])  # fmt: skip
    user = await _user(sessions)
    assert (user.reminder_time.hour, user.day_start_hour, user.reminders_enabled) == (8, 5, True)
    assert "Change time zone" in str(chat.keyboard)


async def test_reminders_off_and_on_in_words(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, ONBOARDED)
    await run_dialog(chat, [("/settings reminder off", r"Reminders are off.*reminder on")])
    assert (await _user(sessions)).reminders_enabled is False
    await run_dialog(chat, [("/settings reminder on", r"Reminders are on")])
    assert (await _user(sessions)).reminders_enabled is True


async def test_an_invalid_value_is_followed_by_a_question_whose_answer_is_used(
    sessions: Sessions,
) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    answers = await run_dialog(chat, [*ONBOARDED,
        ("/settings timezone Atlantis", r"didn't fit.*Which city"),
        ("London", r"Europe/London.*past days stay"),
        ("/settings timezone", r"Which city"),
        ("Tokyo", r"Asia/Tokyo"),
        ("/settings reminder 25:99", r"didn't fit.*What time"),
        ("half past six", r"didn't fit.*What time"),
        ("6:30pm", r"reminder is now 18:30"),
    ])  # fmt: skip
    # a member with goals never hears the onboarding line again
    assert not any("tell me a goal" in a.lower() for a in answers[len(ONBOARDED) :])
    user = await _user(sessions)
    assert user.timezone == "Asia/Tokyo" and user.reminder_time.hour == 18
    await run_dialog(chat, [("/settings timezone", r"Which city"), ("/help", r"/settings"),
                            ("Paris", r".")])  # fmt: skip
    assert (await _user(sessions)).timezone == "Asia/Tokyo"  # another command dropped the question
