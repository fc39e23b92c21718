"""The member journey through the real PTB Application, offline, on the real PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from storage.db import Sessions
from storage.models import Checkin, Erasure, Goal, JournalEntry, Message, User
from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat

JOURNEY = [
    ("/start", r"accountability coach.*time zone"),
    ("Mars", r"don't know that place"),
    ("Berlin", r"Europe/Berlin"),
    ("I want to read 20 pages every day", r"plan.*Read 20 pages"),
    ("[Change]", r"What should change"),
    ("mornings please", r"plan.*Read 20 pages"),
    ("[Save]", r"Saved .*1 habit"),
    ("/checkin", r"Habits for .*Read 20 pages"),
    ("[Done]", r"Read 20 pages: done\. Streak 1"),
    ("[Undo]", r"back to no check-in"),
    ("did my reading this morning", r"Read 20 pages: done\. Streak 1"),
    ("how am I doing?", r"completed 100% of your scheduled.*streak is 1 on Read 20 pages"),
    ("/journal Tired but proud of today", r"Saved to your journal"),
    ("/progress", r"Your progress.*Read 20 pages.*streak 1"),
    ("/goals", r"Read 20 pages.*streak 1"),
    ("[Pause]", r"now paused"),
    ("/checkin", r"Nothing is due"),
    ("/export", r"everything I keep"),
    ("/forget", r"Are you sure"),
    ("[Yes]", r"erased"),
    ("hello again", r"/start"),
]


async def test_the_whole_journey_on_telegram(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    answers = await run_dialog(chat, JOURNEY)
    assert (
        "[photo]"
        in answers[JOURNEY.index(("/progress", r"Your progress.*Read 20 pages.*streak 1"))]
    )
    methods = [m for m, _ in chat.request.calls]
    assert "sendChatAction" in methods  # "typing…" while the coach worked
    assert "editMessageText" in methods  # check-ins edit the keyboard message in place
    assert methods.count("answerCallbackQuery") == sum(1 for s, _ in JOURNEY if s.startswith("["))
    async with sessions() as session:  # /forget erased the member and queued the warehouse
        assert await session.scalar(select(func.count()).select_from(User)) == 0
        assert await session.scalar(select(func.count()).select_from(Checkin)) == 0
        assert await session.scalar(select(func.count()).select_from(Erasure)) == 1


async def test_export_holds_the_members_own_data_and_the_journal_in_clear(
    sessions: Sessions,
) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(
        chat, [*JOURNEY[:9], ("/journal A calm, good day", "journal"), ("/export", "everything")]
    )
    sent = [p for m, p in chat.request.calls if m == "sendDocument"]
    assert len(sent) == 1
    async with sessions() as session:
        entry = await session.scalar(select(JournalEntry))
        assert entry is not None and "calm" not in (entry.text or "")  # encrypted at rest
        goal = await session.scalar(select(Goal))
        assert goal is not None and goal.ai_plan["plan"]["habits"][0]["title"] == "Read 20 pages"
        drafts = (
            await session.scalars(select(Message).where(Message.message_type == "plan_draft"))
        ).all()
        assert sorted(d.context_used["state"] for d in drafts) == ["replaced", "saved"]


async def test_export_document_content(sessions: Sessions) -> None:
    from coach import data, members

    clock = Clock()
    services = make_services(sessions, clock)
    chat = await telegram_chat(services, clock)
    await run_dialog(chat, [*JOURNEY[:9], ("/journal A calm, good day", "journal")])
    member = await members.by_telegram(services, telegram_user_id=chat.user_id)
    assert member is not None
    document = json.loads((await data.export(services, member=member)).content)
    assert document["member"]["timezone"] == "Europe/Berlin"
    assert [c["status"] for c in document["checkins"]] == ["done"]
    assert document["journal"][0]["text"] == "A calm, good day"
    assert {g["title"] for g in document["goals"]} == {"Read 20 pages every day"}
