"""The safety flow in the core: what is kept, what never reaches a model, and what never fails."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select

from coach import crisis, members
from coach.chat import build_context
from coach.crisis import SafetyReply, handle_crisis, respond, respond_first, storable
from coach.members import Member
from storage import messages as msg_store
from storage.db import Sessions
from storage.models import Message, SafetyEvent
from tests.handlers.telegram.harness import Clock, make_services


async def _member(sessions: Sessions) -> tuple[Any, Member]:
    services = make_services(sessions, Clock())
    welcome = await members.start_local(services, user_id=None, name="Ana")
    return services, welcome.member


async def test_a_model_risk_flag_re_marks_the_stored_message_as_crisis(sessions: Sessions) -> None:
    services, member = await _member(sessions)
    async with services.sessions.begin() as session:  # as the Gemini turn stores it first
        row = await msg_store.add_message(session, user_id=member.id, user_message="im fine i guess",
                                          message_type="chat")  # fmt: skip
    reply = await handle_crisis(services, member=member, category="model_risk", source="chat",
                                message_id=row.id)  # fmt: skip
    assert isinstance(reply, SafetyReply) and "findahelpline.com" in reply.text
    async with sessions() as session:
        stored = await session.get(Message, row.id)
        (event,) = (await session.scalars(select(SafetyEvent))).all()
    assert stored is not None and stored.message_type == "crisis"
    assert event.message_id == row.id and event.category == "model_risk"
    context = await build_context(services, member=member)
    assert "im fine i guess" not in context.recent_messages


async def test_ordinary_words_go_on_and_store_nothing(sessions: Sessions) -> None:
    services, member = await _member(sessions)
    assert (
        await respond(services, member=member, text="ran 5k, legs are dead", source="chat") is None
    )
    async with sessions() as session:
        assert (await session.scalars(select(SafetyEvent))).all() == []


async def test_the_reply_does_not_depend_on_the_database(sessions: Sessions) -> None:
    services, member = await _member(sessions)

    class Down:
        def begin(self) -> Any:
            raise ConnectionError("database is down")

    broken = replace(services, sessions=Down())

    async def lookup_fails() -> Member | None:
        raise ConnectionError("database is down")

    reply = await respond(broken, member=member, text="i want to die", source="chat")
    assert reply is not None and "findahelpline.com" in reply.text
    first = await respond_first(broken, text="quiero morirme", source="chat",
                                find_member=lookup_fails)  # fmt: skip
    assert first is not None and "Gracias de verdad" in first.text


async def test_the_reply_speaks_the_language_written_in_with_the_members_helplines(
    sessions: Sessions,
) -> None:
    services, member = await _member(sessions)
    in_madrid = replace(member, timezone="Europe/Madrid", timezone_confirmed=True)
    reply = await respond(services, member=in_madrid, text="me quiero matar", source="chat")
    assert reply is not None and "024" in reply.text and "Gracias" in reply.text
    unknown = crisis.message_for(None, None, "pt-br")
    assert "CVV" in unknown and "188" in unknown and "Obrigado" in unknown


def test_what_postgres_refuses_is_removed_before_storing() -> None:
    assert storable("die\x00 now\ud83d") == "die now?"
    assert crisis.source_of("/journal@goalbot_test_bot i give up") == "journal"
    assert crisis.source_of("just words") == "chat"
