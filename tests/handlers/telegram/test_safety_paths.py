"""The safety screen on every path, through the real PTB Application and the console.

Each test sends crisis language one way a person can (plain text, a command's words, a plan
correction, a caption, an edit, a group, a stranger, a flood, odd bytes) and checks that the
fixed safety message came back, that no plan, check-in or model call followed, and what was kept.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from coach.chat import build_context
from coach.limits import MemberLimits
from coach.members import by_telegram
from storage.db import Sessions
from storage.models import Checkin, JournalEntry, Message, ModelCall, SafetyEvent, User
from storage.outbox import CRISIS_ALERT, outbox_rows
from tests.fakes.telegram import edited_update, media_update
from tests.handlers.telegram.harness import (
    Clock,
    TelegramChat,
    console_chat,
    make_services,
    run_dialog,
    telegram_chat,
)

ONBOARD = [("/start", "time zone"), ("Berlin", "Europe/Berlin")]
HELPLINE = "TelefonSeelsorge"  # the member is in Berlin
_ids = itertools.count(900_000)


async def _count(sessions: Sessions, model: type, **where: Any) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    async with sessions() as session:
        return int(await session.scalar(query) or 0)


async def _member(sessions: Sessions, clock: Clock, user_id: int = 5151) -> TelegramChat:
    chat = await telegram_chat(make_services(sessions, clock), clock, user_id=user_id)
    await run_dialog(chat, ONBOARD)
    return chat


def _safe(answer: str, helpline: str = HELPLINE) -> bool:
    return helpline in answer and "findahelpline.com" in answer


async def test_plain_text_in_five_languages_gets_the_message_in_that_language(
    sessions: Sessions,
) -> None:
    chat = await _member(sessions, Clock())
    calls = await _count(sessions, ModelCall)
    said = {
        "i want to k*ll myself": "I'm really glad you told me",
        "quiero morirme, ya no puedo más": "Gracias de verdad",
        "ich will nicht mehr leben": "Danke, dass du es mir sagst",
        "je veux mourir": "Merci de me l'avoir dit",
        "não quero mais viver": "Obrigado por me contar",
    }
    for text, opening in said.items():
        chat.clock.advance(seconds=2)
        answer = await chat.say(text)
        assert opening in answer and _safe(answer), answer
    assert await _count(sessions, ModelCall) == calls
    assert await _count(sessions, SafetyEvent) == len(said)
    async with sessions() as session:
        assert len(await outbox_rows(session, kind=CRISIS_ALERT)) == len(said)


async def test_goal_and_journal_words_are_screened_and_never_planned(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    assert _safe(await chat.say("/goal kill myself by June"))
    assert _safe(
        await chat.say("/journal can't stop crying, i just want to sleep and never wake up")
    )
    assert await _count(sessions, Message, message_type="plan_draft") == 0
    async with sessions() as session:
        (entry,) = (await session.scalars(select(JournalEntry))).all()
    assert entry.mood_tags == ["crisis"] and entry.sentiment_score is None  # kept, not analysed
    cipher = chat.app.bot_data["goalbot.services"].cipher
    assert cipher.decrypt(entry.text).startswith("can't stop crying")  # the words, encrypted
    assert await _count(sessions, SafetyEvent, source="goal") == 1
    assert await _count(sessions, SafetyEvent, source="journal") == 1


async def test_a_plan_correction_is_screened(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    await run_dialog(chat, [("I want to run 3x a week", "Run"), ("[Change]", "What should change")])
    drafts = await _count(sessions, Message, message_type="plan_draft")
    assert _safe(await chat.say("honestly whats the point of living anymore"))
    assert await _count(sessions, Message, message_type="plan_draft") == drafts  # no new plan


async def test_captions_edits_and_odd_bytes_are_screened(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    photo = media_update(chat.user_id, "photo")
    photo["message"]["caption"] = "thinking of jumping in front of a train"
    assert _safe(await chat.feed(photo))
    assert _safe(await chat.feed(edited_update(chat.user_id, "end my li\u200bfe")))
    assert _safe(await chat.say("i want to die\x00"))
    assert _safe(await chat.say("sui\u00adcidal tonight \ud83d"))  # a soft hyphen, a lone surrogate
    assert await _count(sessions, SafetyEvent) == 4
    assert await _count(sessions, Checkin) == 0


async def test_a_stranger_gets_the_message_and_nothing_is_stored(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock, user_id=6262)
    answer = await chat.say("no one would care if i died")
    assert "I'm really glad you told me" in answer and "988" in answer  # no country known
    assert "/start" not in answer
    assert await _count(sessions, User) == 0 and await _count(sessions, SafetyEvent) == 0


async def test_the_flood_limit_never_drops_a_crisis_message(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    chat.app.bot_data["goalbot.services"].limits = MemberLimits(per_second=1, clock=lambda: 0.0)
    answers = [await chat.say(f"blah {i}") for i in range(5)]
    assert answers[-1] == ""  # over the limit: ordinary messages get nothing
    assert _safe(await chat.say("im gonna end it tonight"))


async def test_a_group_message_gets_the_message_in_the_group(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    group = {"id": -100777, "type": "supergroup", "title": "Runners"}
    update = {"update_id": next(_ids), "message": {
        "message_id": next(_ids), "date": int(chat.clock().timestamp()), "chat": group,
        "from": {"id": chat.user_id, "is_bot": False, "first_name": "Ada"},
        "text": "@goalbot_test_bot honestly i want to die"}}  # fmt: skip
    assert _safe(await chat.feed(update))
    (method, params) = chat.request.sent()[-1]
    assert method == "sendMessage" and int(params["chat_id"]) == -100777


async def test_a_crisis_text_never_reaches_a_later_context(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    await chat.say("i have a plan to end it, pills saved up")
    chat.clock.advance(seconds=5)
    await chat.say("how do I stay motivated?")
    member = await by_telegram(chat.app.bot_data["goalbot.services"], telegram_user_id=chat.user_id)
    assert member is not None
    context = await build_context(chat.app.bot_data["goalbot.services"], member=member)
    assert context.recent_messages and not any("pills" in m for m in context.recent_messages)
    assert await _count(sessions, Message, message_type="crisis") == 1


async def test_hyperbole_gets_an_ordinary_answer(sessions: Sessions) -> None:
    chat = await _member(sessions, Clock())
    for text in ("this workout is killing me", "me muero de hambre", "ich bin todmüde"):
        chat.clock.advance(seconds=2)
        assert "findahelpline.com" not in await chat.say(text)
    assert await _count(sessions, SafetyEvent) == 0


async def test_the_console_screens_before_start_and_after(
    sessions: Sessions, tmp_path: Path
) -> None:
    clock = Clock()
    console = console_chat(make_services(sessions, clock), tmp_path)
    assert "findahelpline.com" in await console.say("i want to kms")  # before /start
    assert await _count(sessions, SafetyEvent) == 0
    await run_dialog(console, ONBOARD)
    assert "TelefonSeelsorge" in await console.say("/journal ich will sterben")
    assert await _count(sessions, SafetyEvent, source="journal") == 1
