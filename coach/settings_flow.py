"""Settings that guide: a question after a missing or invalid value, whose answer is used.

`/settings timezone` with no value, or `/settings reminder 25:99`, asks a question and
remembers it (a `messages` row of type "setting_question", open for QUESTION_WINDOW); the
member's next plain message is taken as the answer (after the safety screen, see
`coach.conversation`). Another command drops the question. An invalid answer asks again,
unless it is plainly something else (a question, a goal, a check-in, a sentence): then the
question is dropped and the message goes its usual way. A setting's name is also taken in
the member's language (`/settings zeitzone Berlin`, `/settings zona horaria Madrid`).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

from coach.i18n import N_, offered_languages, translator
from coach.members import SettingInvalid, TimezoneUnknown, change_setting, invalid_setting
from coach.services import Services
from storage import messages as msg_store
from storage.members import get_member

QUESTION = "setting_question"
QUESTION_WINDOW = timedelta(minutes=15)
NAMES = {"timezone": "timezone", "tz": "timezone", "zone": "timezone", "reminder": "reminder",
         "reminders": "reminder", "reminder_time": "reminder", "daystart": "daystart",
         "day_start": "daystart", "day_start_hour": "daystart", "language": "language",
         "lang": "language",
         # the names members use in their own languages (/settings zeitzone Berlin)
         "zona": "timezone", "huso": "timezone", "zeitzone": "timezone", "fuseau": "timezone",
         "fuso": "timezone", "recordatorio": "reminder", "recordatorios": "reminder",
         "erinnerung": "reminder", "erinnerungen": "reminder", "rappel": "reminder",
         "rappels": "reminder", "lembrete": "reminder", "lembretes": "reminder",
         "idioma": "language", "lengua": "language", "sprache": "language", "langue": "language",
         "lingua": "language", "língua": "language", "tagesbeginn": "daystart"}  # fmt: skip
# the second word of a two-word name ("zona horaria Madrid", "fuseau horaire Paris")
_NAME_TAIL = re.compile(r"^(?:horaria|horaire|hor[aá]rio)\b\s*", re.IGNORECASE)
QUESTIONS = {
    "timezone": N_("Which city are you in (or which time zone)? e.g. London, Tokyo, America/Chicago"),
    "reminder": N_("What time should I remind you? e.g. 07:30 or 7pm — or “off”"),
    "daystart": N_("At what hour does your day start? e.g. 3 (a check-in at 02:00 then counts for "
                   "the day before)"),
    "language": N_("Which language? One of: {languages}"),
}  # fmt: skip


@dataclass(frozen=True)
class SettingAsked:
    """A question about one setting is waiting for the member's answer."""

    name: str
    question: str
    retry: bool = False  # asked again after an answer that did not fit


async def ask(
    services: Services, *, user_id: uuid.UUID, name: str, retry: bool = False
) -> SettingAsked | SettingInvalid:
    """Ask for a setting's value and remember the question."""
    key = NAMES.get(name.lower().strip())
    if key is None:
        return invalid_setting(name[:20])
    await drop(services, user_id=user_id)
    async with services.sessions.begin() as session:
        await msg_store.add_message(
            session, user_id=user_id, user_message=None, message_type=QUESTION,
            context_used={"state": "open", "name": key},
        )  # fmt: skip
        member = await get_member(session, user_id=user_id)
    t = translator(member.language if member is not None else None)
    question = t.gettext(QUESTIONS[key], languages=", ".join(offered_languages()))
    return SettingAsked(key, question, retry)


async def pending(services: Services, *, user_id: uuid.UUID) -> str | None:
    """The setting a question is waiting on, if any (recent only)."""
    since = services.clock() - QUESTION_WINDOW
    async with services.sessions() as session:
        row = await msg_store.latest_with_state(
            session, user_id=user_id, message_type=QUESTION, state="open", since=since
        )
    return None if row is None else (row.context_used or {}).get("name")


async def drop(services: Services, *, user_id: uuid.UUID) -> None:
    """Close a waiting question (the member moved on, or answered)."""
    since = services.clock() - QUESTION_WINDOW
    async with services.sessions.begin() as session:
        row = await msg_store.latest_with_state(
            session, user_id=user_id, message_type=QUESTION, state="open", since=since
        )
        if row is not None:
            await msg_store.set_state(session, message=row, state="closed")


async def change(services: Services, *, user_id: uuid.UUID, name: str, value: str) -> object:
    """/settings NAME [VALUE]: change it, or ask when the value is missing or does not fit."""
    if (key := NAMES.get(name.lower().strip())) is not None:
        name, value = key, _NAME_TAIL.sub("", value.strip())
    if not value.strip():
        return await ask(services, user_id=user_id, name=name)
    result = await change_setting(services, user_id=user_id, name=name, value=value)
    if isinstance(result, SettingInvalid | TimezoneUnknown) and NAMES.get(name.lower().strip()):
        return await ask(services, user_id=user_id, name=name, retry=True)
    return result


async def answer(services: Services, *, user_id: uuid.UUID, name: str, text: str) -> object:
    """The member's answer to a waiting question: used, or the question asked again."""
    await drop(services, user_id=user_id)
    return await change(services, user_id=user_id, name=name, value=text)
