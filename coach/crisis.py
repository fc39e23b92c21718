"""The safety flow: crisis language in anything a person sends gets the fixed, human-written reply.

Every entry point calls `respond` FIRST — before rate limits, the "/start first" check, routing,
storage or any model call (docs/safety.md). A crisis message is kept as `message_type="crisis"`
(so no history or context ever reads it again), gets a safety event and, in the same transaction,
an outbox row that alerts the member's mentor. A journal entry is kept encrypted and tagged
"crisis" instead. The reply never waits on storage: if the database fails, the safety message
still goes out. Someone with no member row (never sent /start) gets the message and nothing is
stored about them: there is no mentor to tell and no consent to keep their words.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from coach.members import Member
from coach.safety import SAFETY_MESSAGE, Crisis, country_for, safety_message, screen
from coach.services import Services
from storage import messages as msg_store
from storage import outbox
from storage.journal import add_entry
from storage.safety import record_safety_event

log = logging.getLogger(__name__)
CRISIS = "crisis"  # the message_type (and journal mood tag) that keeps a text out of every context


@dataclass(frozen=True)
class SafetyReply:
    """Crisis language was found: the fixed safety message, no model call."""

    text: str = SAFETY_MESSAGE


def source_of(text: str, default: str = "chat") -> str:
    """Where a typed text belongs: a command's name ("/journal …" -> "journal"), else `default`."""
    if not text.startswith("/"):
        return default
    return text[1:].split(" ", 1)[0].split("@", 1)[0][:30].lower() or default


def storable(text: str) -> str:
    """`text` without what PostgreSQL refuses (NUL bytes, lone UTF-16 surrogates)."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def message_for(member: Member | None, crisis: Crisis | None, language_code: str | None) -> str:
    """The safety message in the language the person wrote in, with their country's helplines."""
    language = (crisis.language if crisis else None) or (member.language if member else None)
    zone = member.timezone if member is not None and member.timezone_confirmed else None
    return safety_message(language or language_code, country_for(zone, language_code))


async def respond(services: Services, *, member: Member | None, text: str | None, source: str,
                  language_code: str | None = None) -> SafetyReply | None:  # fmt: skip
    """The safety flow when `text` holds crisis language, else None (then go on as usual)."""
    crisis = screen(text)
    if crisis is None:
        return None
    return await handle_crisis(services, member=member, category=crisis.category, source=source,
                               text=text, crisis=crisis, language_code=language_code)  # fmt: skip


async def respond_first(services: Services, *, text: str | None, source: str,
                        find_member: Callable[[], Awaitable[Member | None]],
                        language_code: str | None = None) -> SafetyReply | None:  # fmt: skip
    """`respond` for a transport that has not looked the person up yet: the text is screened
    first, and only crisis language looks the member up (a failed lookup still gets the reply)."""
    crisis = screen(text)
    if crisis is None:
        return None
    try:
        member = await find_member()
    except Exception:  # the safety message must not depend on the database
        log.exception("could not look up who sent crisis language")
        member = None
    return await handle_crisis(services, member=member, category=crisis.category, source=source,
                               text=text, crisis=crisis, language_code=language_code)  # fmt: skip


async def handle_crisis(
    services: Services, *, member: Member | None, category: str, source: str,
    message_id: uuid.UUID | None = None, text: str | None = None, crisis: Crisis | None = None,
    language_code: str | None = None,
) -> SafetyReply:  # fmt: skip
    """Keep what was said as a crisis message, record the event and its mentor alert, and return
    the safety message. `message_id`: a message already stored (it is re-marked as crisis)."""
    reply = SafetyReply(message_for(member, crisis, language_code))
    if member is None:
        log.warning("crisis language from someone with no member row (%s); nothing stored", source)
        return reply
    try:
        await _keep(services, member, category, source, message_id, text, reply.text)
    except Exception:  # the safety message must not depend on the database
        log.exception("could not store the safety event of member %s", member.id)
    return reply


async def _keep(services: Services, member: Member, category: str, source: str,
                message_id: uuid.UUID | None, text: str | None, reply: str) -> None:  # fmt: skip
    used = {"source": "safety", "category": category, "from": source}
    async with services.sessions.begin() as session:
        if message_id is not None:
            await msg_store.mark_crisis(session, message_id=message_id, ai_reply=reply,
                                        context_used=used)  # fmt: skip
        elif source == "journal" and text:
            words = text.partition(" ")[2] if text.startswith("/") else text  # "/journal …"
            await add_entry(session, cipher=services.cipher, user_id=member.id,
                            text=storable(words), mood_tags=[CRISIS])  # fmt: skip
        elif text:
            row = await msg_store.add_message(session, user_id=member.id, user_message=storable(text),
                                              message_type=CRISIS, ai_reply=reply, context_used=used)  # fmt: skip
            message_id = row.id
        event = await record_safety_event(session, user_id=member.id, category=category,
                                          source=source, message_id=message_id)  # fmt: skip
        await outbox.enqueue(session, kind=outbox.CRISIS_ALERT, dedup_key=f"crisis:{event.id}",
                             payload={"user_id": str(member.id), "event_id": str(event.id),
                                      "category": category})  # fmt: skip
