"""Editing through the real PTB Application: the goal card, archive and restore, habits (#15)."""

from __future__ import annotations

from sqlalchemy import select

from storage.db import Sessions
from storage.models import Goal, Habit
from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat

SETUP = [
    ("/start", r"time zone"),
    ("Berlin", r"Europe/Berlin"),
    ("I want to play guitar 3 times a week", r"plan.*guitar"),
    ("[Save]", r"Saved"),
]


async def test_pause_shows_resume_and_archive_asks_then_offers_undo(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, SETUP)
    await run_dialog(chat, [
        ("/goals", r"guitar.*\(active\)"),
        ("[Pause]", r"paused"),
        ("[Resume]", r"active again"),  # the card kept its toggle, now Resume -> Pause
        ("[Archive]", r"Archive .*\?.*restore"),
        ("[Keep it]", r"Kept"),
        ("[Archive]", r"Archive .*\?"),
        ("[Yes, archive]", r"archived; its history is kept"),
        ("[Undo]", r"back among your goals"),
        ("[Archive]", r"Archive"),
        ("[Yes, archive]", r"archived"),
        ("/goals", r"No goals yet"),
        ("/goals archived", r"guitar.*\(archived\)"),
        ("[Restore]", r"back among your goals"),
        ("/goals", r"guitar.*\(active\)"),
    ])  # fmt: skip
    async with sessions() as session:
        assert (await session.scalar(select(Goal.status))) == "active"


async def test_habits_are_edited_by_buttons_and_in_words(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, SETUP)
    await run_dialog(chat, [
        ("/goals", r"guitar"),
        ("[Edit]", r"3 times a week.*/edit"),
        ("[Every day]", r"now every day"),
        ("/goals", r"guitar"),
        ("[Edit]", r"every day"),
        ("[18:00]", r"reminders at 18:00"),
        ("/edit remind me about guitar at 7:30 and 21:00", r"reminders at 07:30, 21:00"),
        ("/edit guitar on mon and thu", r"now on Mon, Thu"),
        ("/edit guitar target 30 min", r"target now 30 min a day"),
        ("/edit no reminders for guitar", r"now no reminders"),
        ("/edit banjo on fridays", r"couldn't tell which habit.*guitar"),
    ])  # fmt: skip
    async with sessions() as session:
        habit = await session.scalar(select(Habit))
    assert habit.frequency == "days:mon,thu" and habit.reminder_times == []
    assert habit.target_amount == 30 and habit.target_unit == "min"
    title = habit.title
    await run_dialog(chat, [(f"/edit rename {title} to Practise guitar", r"Practise guitar")])
    await run_dialog(chat, [("/goals", r"Practise guitar: streak 0")])
