"""Bad input on Telegram: short answers, no tracebacks, no duplicates, no one else's data."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from coach.limits import MemberLimits
from storage.db import Sessions
from storage.models import Checkin, Goal, Message, ModelCall, SafetyEvent
from storage.outbox import CRISIS_ALERT, outbox_rows
from tests.fakes.telegram import callback_update, edited_update, media_update
from tests.handlers.telegram.harness import (
    Clock,
    TelegramChat,
    make_services,
    run_dialog,
    telegram_chat,
)

ONBOARD = [
    ("/start", "time zone"),
    ("Berlin", "Europe/Berlin"),
    ("I want to read 20 pages every day", "Read 20 pages"),
    ("[Save]", "Saved"),
    ("/checkin", "Habits for"),
]


async def _member(
    sessions: Sessions, clock: Clock, user_id: int = 4242, **coach: object
) -> TelegramChat:
    chat = await telegram_chat(make_services(sessions, clock, **coach), clock, user_id=user_id)
    await run_dialog(chat, ONBOARD)
    return chat


async def _count(sessions: Sessions, model: type) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_media_edits_and_unknown_commands_get_short_answers(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    for kind in ("sticker", "photo", "voice"):
        assert "only read text" in await chat.feed(media_update(chat.user_id, kind))
    assert "keep what you first sent" in await chat.feed(edited_update(chat.user_id, "ran 5k"))
    assert "don't know that command" in await chat.say("/dance")
    assert await _count(sessions, Checkin) == 0  # the edit recorded nothing


async def test_text_over_the_limit_is_refused_politely(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    before = await _count(sessions, Message)
    assert "longer than I can read" in await chat.say("word " * 1000)
    assert await _count(sessions, Message) == before


async def test_strangers_are_asked_to_start(sessions: Sessions) -> None:
    clock = Clock()
    member = await _member(sessions, clock)
    data = member.button("Done")
    stranger = await telegram_chat(member.app.bot_data["goalbot.services"], clock, user_id=999)
    assert "/start first" in await stranger.say("ran 5k")
    assert "/start first" in await stranger.feed(callback_update(999, data))
    assert await _count(sessions, Checkin) == 0


async def test_pressing_twice_changes_the_one_row(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    await run_dialog(chat, [("[Done]", "Streak 1"), ("[Missed]", "missed"), ("[Done]", "Streak 1")])
    async with sessions() as session:
        statuses = (await session.scalars(select(Checkin.status))).all()
    assert statuses == ["done"]


async def test_forged_and_tampered_buttons_are_refused(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    good = chat.button("Done")
    kind, habit, day, status = good.split(":")
    tampered = f"{kind}:{'A' * 22}:{day}:{status}"
    for data in ("c:garbage", "p:xyz:s", "zz:1", tampered, f"{kind}:{habit}:{day}:q"):
        answer = await chat.feed(callback_update(chat.user_id, data))
        assert "answerCallbackQuery" in answer, data  # every press is answered
        assert "isn't valid" in answer or "isn't one of yours" in answer, (data, answer)
    future = f"{kind}:{habit}:{int(day, 16) + 1:x}:{status}"
    assert "hasn't started" in await chat.feed(callback_update(chat.user_id, future))
    old = f"{kind}:{habit}:{int(day, 16) - 5:x}:{status}"
    assert "too far back" in await chat.feed(callback_update(chat.user_id, old))
    assert await _count(sessions, Checkin) == 0


async def test_another_members_habit_cannot_be_pressed(sessions: Sessions) -> None:
    clock = Clock()
    alice = await _member(sessions, clock, user_id=1)
    bob = await telegram_chat(alice.app.bot_data["goalbot.services"], clock, user_id=2)
    await run_dialog(bob, [("/start", "time zone"), ("Paris", "Europe/Paris")])
    answer = await bob.feed(callback_update(2, alice.button("Done")))
    assert "isn't one of yours" in answer and "Read 20 pages" not in answer
    assert await _count(sessions, Checkin) == 0


async def test_a_deleted_goal_and_a_stale_keyboard(sessions: Sessions) -> None:
    clock = Clock()
    chat = await _member(sessions, clock)
    data = chat.button("Done")
    clock.advance(hours=37)  # older than keyboard_max_age_hours (36)
    assert "too old" in await chat.feed(
        callback_update(chat.user_id, data, message_date=clock.now - timedelta(hours=37))
    )
    async with sessions.begin() as session:
        await session.execute(delete(Goal))
    assert "isn't one of yours" in await chat.feed(
        callback_update(chat.user_id, data, message_date=clock.now)
    )
    assert await _count(sessions, Checkin) == 0


async def test_a_flood_gets_one_note_and_no_model_calls(sessions: Sessions) -> None:
    clock = Clock()
    chat = await _member(sessions, clock)
    # a frozen clock: eight messages arrive "at once", however slow this machine is
    chat.app.bot_data["goalbot.services"].limits = MemberLimits(per_second=2, clock=lambda: 0.0)
    calls = await _count(sessions, ModelCall)
    answers = [await chat.say(f"tell me something {i}") for i in range(8)]
    notes = [a for a in answers if "faster than I can read" in a]
    assert len(notes) == 1 and answers[-1] == ""
    assert await _count(sessions, ModelCall) == calls + 2  # only the admitted two


async def test_the_daily_model_cap_is_told_once(sessions: Sessions) -> None:
    clock = Clock()
    chat = await _member(sessions, clock, daily_model_calls=2)  # the plan used one
    assert "Saved to your journal" in await chat.say("/journal a good day")  # the second
    capped = [await chat.say(f"how am I doing {i}") for i in range(3)]
    assert "all the coaching I can do for today" in capped[0] and capped[1:] == ["", ""]
    assert await _count(sessions, ModelCall) == 2
    clock.advance(days=1)
    assert await chat.say("new day, how am I doing") != ""


async def test_a_crisis_message_gets_the_safety_message_and_no_model(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    calls = await _count(sessions, ModelCall)
    answer = await chat.say("I didn't read today and honestly I want to kill myself")
    assert "TelefonSeelsorge" in answer and "findahelpline.com" in answer  # a member in Berlin
    assert "TelefonSeelsorge" in await chat.say("/journal I can't go on anymore")
    assert await _count(sessions, ModelCall) == calls
    assert await _count(sessions, Checkin) == 0
    async with sessions() as session:
        events = (await session.scalars(select(SafetyEvent).order_by(SafetyEvent.created_at))).all()
        queued = await outbox_rows(session, kind=CRISIS_ALERT)  # the job DMs the mentor
    assert [(e.category, e.source) for e in events] == [("suicide", "chat"), ("suicide", "journal")]
    assert [(q.payload["category"], q.payload["event_id"]) for q in queued] == [
        ("suicide", str(e.id)) for e in events
    ]


async def test_a_failure_inside_gets_a_short_apology_never_a_traceback(sessions: Sessions) -> None:
    from storage.db import create_engine, session_factory

    chat = await _member(sessions, Clock())
    data = chat.button("Done")
    services = chat.app.bot_data["goalbot.services"]
    broken = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    services.sessions = session_factory(broken)  # the database is gone
    try:
        said = await chat.say("ran 5k")
        pressed = await chat.feed(callback_update(chat.user_id, data))
    finally:
        services.sessions = sessions
        await broken.dispose()
    assert (
        said == "sendMessage: Sorry, something went wrong on my side. Please try again in a moment."
    )
    assert pressed.startswith("answerCallbackQuery: Sorry, something went wrong")
    assert "Traceback" not in said + pressed
