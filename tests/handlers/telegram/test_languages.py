"""A Spanish and a German member's whole journey through the real PTB Application, and the console.

The language comes from Telegram's `language_code` at /start (or the console's --language);
every answer is checked against the catalogue's translation (via the translator, placeholders
matching anything), so a text that stays English, or a translation that loses its words, fails.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coach.i18n import Translator, translator
from coach.scheduled.reminders import send_due_reminders
from handlers import dialog, present
from handlers.console import Console
from handlers.telegram import common, fallbacks
from handlers.telegram.notifier import TelegramNotifier
from storage.db import Sessions
from storage.models import Checkin, User
from tests.fakes.telegram import media_update, message_update
from tests.handlers.telegram.harness import (
    Clock,
    ConsoleChat,
    TelegramChat,
    make_services,
    run_dialog,
    telegram_chat,
)

# What a member of each language types, the way people do (the goal, a check-in in words,
# crisis words), their city and the helpline the safety message must name for it.
PEOPLE = {
    "es": {"code": "es-ES", "city": "Madrid", "zone": "Europe/Madrid",
           "goal": "/goal leer 20 páginas cada día", "words": "hoy leí", "crisis": "quiero morir",
           "helpline": "024"},
    "de": {"code": "de-DE", "city": "Berlin", "zone": "Europe/Berlin",
           "goal": "/goal jeden Tag 20 Seiten lesen", "words": "heute gelesen",
           "crisis": "ich will nicht mehr leben", "helpline": "TelefonSeelsorge"},
}  # fmt: skip
PLAN = "Here's a plan: {title} ({category}, {frequency})"
SAVED = (
    "Saved “{title}” with {count} habit: {habits}. Send /checkin to check in today.",
    "Saved “{title}” with {count} habits: {habits}. Send /checkin to check in today.",
)


def shown(text: str) -> str:
    """A regex for a translated text: its words exactly, any value where a placeholder stood."""
    parts = re.split(r"\{\w*\}", text)
    return ".*?".join(re.escape(part) for part in parts)


def said(t: Translator, message: str) -> str:
    """The regex of `message` as `t`'s catalogue says it (it must differ from the English)."""
    translated = t.gettext(message)
    assert translated != message, f"{t.language}: {message!r} is not translated"
    return shown(translated)


def saved(t: Translator) -> str:
    """Either plural form of the "Saved …" answer."""
    forms = (t.ngettext(*SAVED, n, title="{title}", habits="{habits}") for n in range(1, 6))
    return "|".join(shown(form) for form in forms)


def sender(user_id: int, language_code: str) -> dict[str, Any]:
    """Telegram's `from` of a user whose app speaks `language_code`."""
    return {"id": user_id, "is_bot": False, "first_name": "Ana", "language_code": language_code}


async def _started(sessions: Sessions, language: str, user_id: int) -> tuple[TelegramChat, Clock]:
    clock, person, t = Clock(), PEOPLE[language], translator(language)
    chat = await telegram_chat(make_services(sessions, clock), clock, user_id=user_id)
    start = message_update(
        user_id, "/start", date=clock(), **{"from": sender(user_id, person["code"])}
    )
    answer = await chat.feed(start)
    assert re.search(said(t, dialog.INTRO), answer, re.DOTALL), answer
    assert re.search(said(t, dialog.TZ_QUESTION), answer), answer
    async with sessions() as session:
        user = await session.scalar(select(User).where(User.telegram_user_id == user_id))
    assert user is not None and user.language == language
    return chat, clock


@pytest.mark.slow
@pytest.mark.parametrize("language", list(PEOPLE))
async def test_the_whole_journey_speaks_the_members_telegram_language(
    sessions: Sessions, language: str
) -> None:
    person, t = PEOPLE[language], translator(language)
    chat, clock = await _started(sessions, language, user_id=7100 + len(language))
    now = shown(t.gettext("Time zone set to {zone} (it's {local} there now). Now tell me a goal, "
                          "e.g. “I want to run 3x a week”. /help lists the rest."))  # fmt: skip
    await run_dialog(chat, [
        (person["city"], now),
        (person["goal"], shown(t.gettext("Here's a plan: {title} ({category}, {frequency})"))),
        (f"[{t.gettext('Save')}]", saved(t)),
        ("/checkin", shown(t.gettext("Habits for {day}:"))),
        (f"[{t.gettext('Skip')}]", shown(t.gettext(present.STATUS_WORDS["skipped"]))),
        (f"[{t.gettext('↩ Undo')}]", shown(t.gettext("{habit}: back to {state}.")) + ".*"
         + re.escape(t.gettext("no check-in"))),
        (person["words"], shown(t.gettext("{habit}: {status}. Streak {streak} · strength {strength}",
                                          status=t.gettext("done"), habit="{habit}",
                                          streak="{streak}", strength="{strength}"))),
        ("/help", said(t, "Here's what I can do:")),
        ("/groups", said(t, "You're in no group yet. Add me to a group chat, then send /join there.")),
        ("/progress", shown(t.gettext("Your progress ({day}): 7-day {week}, 30-day {month}"))),
    ])  # fmt: skip
    await _the_reminder_next_morning(chat, clock, sessions, t)
    answer = await chat.say(person["crisis"])
    assert person["helpline"] in answer and "findahelpline.com" in answer, answer


async def _the_reminder_next_morning(
    chat: TelegramChat, clock: Clock, sessions: Sessions, t: Translator
) -> None:
    """07:00 local the next day: the reminder greets by name, in the member's language."""
    clock.now = datetime(2026, 11, 26, 6, 0, 30, tzinfo=UTC)  # 07:00 in Madrid and in Berlin
    mark = len(chat.request.calls)
    sent = await send_due_reminders(sessions, TelegramNotifier(chat.app.bot).send_reminder,
                                    now=clock())  # fmt: skip
    assert sent["sent"] == 1
    (params,) = [p for m, p in chat.request.calls[mark:] if m == "sendMessage"]
    assert re.match(shown(t.gettext("Hi {name}! {rest}")), params["text"]), params["text"]
    assert re.search(shown(t.gettext("Habits for {day}:")), params["text"])
    assert t.weekday(clock().date(), "abbreviated") in params["text"]
    labels = [b["text"] for row in params["reply_markup"]["inline_keyboard"] for b in row]
    assert t.gettext("Skip") in labels and t.gettext("Missed") in labels


@pytest.mark.parametrize(("language", "code", "city", "seven_utc"),
                         [("fr", "fr-FR", "Paris", 6), ("pt", "pt-PT", "Lisbon", 7)])  # fmt: skip
async def test_french_and_portuguese_members_get_buttons_and_the_reminder_in_theirs(
    sessions: Sessions, language: str, code: str, city: str, seven_utc: int
) -> None:
    clock, t, user_id = Clock(), translator(language), 7300 + len(code)
    chat = await telegram_chat(make_services(sessions, clock), clock, user_id=user_id)
    answer = await chat.feed(message_update(user_id, "/start", date=clock(),
                                            **{"from": sender(user_id, code)}))  # fmt: skip
    assert re.search(said(t, dialog.TZ_QUESTION), answer), answer
    await run_dialog(chat, [
        (city, re.escape(city) if city != "Lisbon" else "Europe/Lisbon"),
        ("/goal read 20 pages every day", shown(t.gettext(PLAN))),
        (f"[{t.gettext('Save')}]", saved(t)),
    ])  # fmt: skip
    clock.now = datetime(2026, 11, 26, seven_utc, 0, 30, tzinfo=UTC)  # 07:00 there
    mark = len(chat.request.calls)
    await send_due_reminders(sessions, TelegramNotifier(chat.app.bot).send_reminder, now=clock())
    (params,) = [p for m, p in chat.request.calls[mark:] if m == "sendMessage"]
    assert re.search(shown(t.gettext("Habits for {day}:")), params["text"]), params["text"]
    labels = [b["text"] for row in params["reply_markup"]["inline_keyboard"] for b in row]
    assert t.gettext("Skip") in labels and t.gettext("Missed") in labels


@pytest.mark.parametrize("language", [*PEOPLE, "fr", "pt"])
async def test_someone_not_started_is_answered_in_their_apps_language(
    sessions: Sessions, language: str
) -> None:
    clock, t, user_id = Clock(), translator(language), 7500 + len(language) + ord(language[0])
    chat = await telegram_chat(make_services(sessions, clock), clock, user_id=user_id)
    who = {"from": sender(user_id, f"{language}-XX")}
    answer = await chat.feed(message_update(user_id, "/checkin", date=clock(), **who))
    assert t.gettext(common.NOT_STARTED) in answer, answer
    assert t.gettext(common.NOT_STARTED) != common.NOT_STARTED
    sticker = media_update(user_id, "sticker")
    sticker["message"]["from"] = who["from"]
    assert t.gettext(fallbacks.MEDIA_ONLY) in await chat.feed(sticker)


@pytest.mark.parametrize("language", [*PEOPLE, "fr", "pt"])
async def test_the_command_menu_is_registered_in_each_language(
    sessions: Sessions, language: str
) -> None:
    clock, t = Clock(), translator(language)
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await chat.app.post_init(chat.app)
    menus = [p for m, p in chat.request.calls
             if m == "setMyCommands" and p.get("language_code") == language and "scope" not in p]  # fmt: skip
    (menu,) = menus
    described = {c["command"]: c["description"] for c in map(dict, menu["commands"])}
    assert described["checkin"] == t.gettext("Today's habits: Done / Skip / Missed")
    assert described["checkin"] != "Today's habits: Done / Skip / Missed"


@pytest.mark.slow
@pytest.mark.parametrize("language", list(PEOPLE))
async def test_the_console_speaks_its_language(
    sessions: Sessions, tmp_path: Path, language: str
) -> None:
    person, t, clock = PEOPLE[language], translator(language), Clock()
    services = make_services(sessions, clock)
    chat = ConsoleChat(
        Console(services, member_id=None, out_dir=tmp_path, language=language), clock
    )
    await run_dialog(chat, [
        ("/start", said(t, dialog.TZ_QUESTION)),
        (person["city"], re.escape(person["zone"])),
        (person["goal"], shown(t.gettext("Here's a plan: {title} ({category}, {frequency})"))),
        (f"[{t.gettext('Save')}]", saved(t)),
        ("/checkin", shown(t.gettext("Habits for {day}:"))),
        (f"[{t.gettext('Missed')}]", re.escape(t.gettext("missed"))),
        ("/progress", shown(t.gettext("Your progress ({day}): 7-day {week}, 30-day {month}"))),
    ])  # fmt: skip
    async with sessions() as session:
        statuses = list((await session.scalars(select(Checkin.status))).all())
    assert statuses == ["missed"]
