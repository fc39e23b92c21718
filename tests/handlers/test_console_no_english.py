"""No English inside a Spanish or German member's replies: a whole journey in the console and
the same on Telegram (the real PTB Application on the Bot API fake: replies, edits, the short
answers on presses and the keyboards' labels), checked against the English source texts of both
catalogues (#16).

Rather than list the texts that must be translated, the test takes every English msgid of
core.pot and handlers.pot, keeps its fragments of two words or more (between placeholders)
that the member's catalogue translates differently, and fails when one of them is shown. The
member's own words (what they typed: goal and habit titles) and the command words that stay
English in every language (docs/languages.md) are taken out of the answers first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages import pofile

from coach.i18n import Translator, catalogue_path, template_path, translator
from handlers.console import Console
from storage.db import Sessions
from tests.fakes.telegram import message_update
from tests.handlers.telegram.harness import (
    Clock,
    ConsoleChat,
    TelegramChat,
    make_services,
    telegram_chat,
)

# Words a command parses stay English in every language: the examples that show them.
COMMAND_WORDS = re.compile(
    r"/\w+(?:[ \t]+(?:reminder|timezone|language|daystart|off|on|archived|rename|to|target|"
    r"remind|me|about|at|and|no|reminders|for|guitar|reading|practise|pages|min|\d[\d:.]*|"
    r"London|mon|thu|fridays))*"
)
# What the Telegram fake prefixes each sent text with (Bot API method names)
METHODS = "(?:sendMessage|editMessageText|answerCallbackQuery|sendPhoto|sendDocument)"
# Fragments that betray an English text however it was built (concatenation, f-strings).
ENGLISH = [r"\bevery day\b", r"\btimes a week\b", r"\bonce a week\b", r"\bon weekdays\b",
           r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", r"\bstreak\b", r"\bhabits?\b",
           r"\bweek\b", r"\btoday\b", r"\bthe\b", r"\byour\b", r"\byou\b"]  # fmt: skip

JOURNEYS = {
    "es": {
        "city": "Madrid",
        "goal": "quiero leer 20 páginas cada día",
        "habit": "tocar la guitarra 3 veces por semana",
        "habit_word": "guitarra",
        "change": "por las mañanas",
        "measurable": "/goal correr 5 km cada semana",
        "amount": "hoy corrí 2 km",
        "renamed": "practicar guitarra",
        "words": "hoy leí",
        "chat": "me cuesta mucho ser constante, ¿algún consejo?",
        "journal": "/journal Cansada pero orgullosa de hoy",
        "more": [
            "no leí hoy",
            "hice algo",
            "¿cómo voy?",
            "/progress natación",
            "/settings timezone Atlantis",
            "Madrid",
            "/goal aprender alemán para marzo",
            "[Cancelar]",
            "+1d",
            "/yesterday",
            "[Hecho]",
            "leí 10 páginas",
            "gracias",
        ],
        "own": [
            "leer",
            "páginas",
            "guitarra",
            "correr",
            "natación",
            "alemán",
            "Cansada pero orgullosa de hoy",
        ],
    },
    "de": {
        "city": "Berlin",
        "goal": "ich will jeden Tag 20 Seiten lesen",
        "habit": "dreimal pro Woche Gitarre spielen",
        "habit_word": "Gitarre",
        "change": "lieber morgens",
        "measurable": "/goal jede Woche 5 km laufen",
        "amount": "heute 2 km gelaufen",
        "renamed": "Gitarre üben",
        "words": "heute gelesen",
        "chat": "ich schaffe es nie, dranzubleiben, hast du einen Tipp?",
        "journal": "/journal Müde, aber stolz auf heute",
        "more": [
            "heute nicht gelesen",
            "hab was gemacht",
            "wie läuft es bei mir?",
            "/progress Schwimmen",
            "/settings timezone Atlantis",
            "Berlin",
            "/goal bis März Spanisch lernen",
            "[Abbrechen]",
            "+1d",
            "/yesterday",
            "[Erledigt]",
            "10 Seiten gelesen",
            "danke",
        ],
        "own": [
            "lesen",
            "Seiten",
            "Gitarre",
            "laufen",
            "Schwimmen",
            "Spanisch",
            "Müde, aber stolz auf heute",
        ],
    },
}


def english_fragments(t: Translator) -> list[str]:
    """Every English fragment (2+ words between placeholders) that `t` translates otherwise."""
    fragments = set()
    for domain in ("core", "handlers"):
        with template_path(domain).open("rb") as source:
            template = pofile.read_po(source)
        with catalogue_path(t.language, domain).open("rb") as source:
            catalogue = pofile.read_po(source, locale=t.language)
        for message in template:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            found = catalogue.get(message.id)
            strings = found.string if found is not None else ()
            translated = " ".join(strings if isinstance(strings, tuple) else (strings,))
            for text in ids:
                for part in re.split(r"\{\w*\}", text):
                    part = part.strip(" .,:;—–-•\n")
                    if len(part.split()) >= 2 and part not in translated:
                        fragments.add(part)
    return sorted(fragments, key=len, reverse=True)


def journey(t: Translator, person: dict) -> list[str]:
    """What the member does: a list of typed lines and "[label]" presses (labels translated)."""
    g, habit = t.gettext, person["habit_word"]
    edit = ["/goals", f"[{g('✏️ Edit')}]"]
    return [
        "/start", person["city"], person["goal"], f"[{g('Save')}]",
        "/checkin", f"[{g('Done: {habit}', habit='').rstrip(': ')}]", f"[{g('↩ Undo')}]",
        person["words"], f"/goal {person['habit']}", f"[{g('Change')}]", person["change"],
        f"[{g('Save')}]", person["measurable"], f"[{g('Save')}]", "/checkin", f"[{g('Skip')}]",
        f"[{g('Missed')}]", person["amount"], person["chat"], "/progress", f"/progress {habit}",
        *edit, f"[{g('Every day')}]", *edit, f"[{g('3× a week')}]", *edit, "[18:00]",
        f"/edit {habit} on mon and thu", f"/edit remind me about {habit} at 7:30",
        f"/edit {habit} target 30 min", f"/edit no reminders for {habit}",
        f"/edit rename {habit} to {person['renamed']}", "/goals",
        f"[{g('⏸ Pause')}]", f"[{g('▶ Resume')}]", f"[{g('🗄 Archive')}]",
        f"[{g('Yes, archive')}]", f"[{g('↩ Undo')}]", "/goals archived", "/settings",
        f"[{g('🔕 Reminders off')}]", "/settings reminder on", "/settings reminder 25:99", "7:15",
        "/settings daystart 5", "/settings daystart 99", "/settings language xx",
        "/settings colour blue", person["journal"], "/yesterday", "/export", "/help", "/edit",
        "/goal", "/journal", "/mentor ABC123", "/mentor", *person["more"], "/forget",
        f"[{g('No, keep it')}]",
    ]  # fmt: skip


async def play(chat: ConsoleChat | TelegramChat, steps: list[str]) -> list[str]:
    """Play the steps; a press whose button is missing is noted (the journey goes on). On
    Telegram an answer also lists the labels of the keyboard it left."""
    answers = []
    for step in steps:
        assert chat.clock is not None
        chat.clock.advance(minutes=1)
        if step == "+1d":  # the next day: yesterday's habits can be backfilled
            chat.clock.advance(days=1)
            answers.append("…")
            continue
        pressed = re.fullmatch(r"\[(.+)\]", step)
        try:
            answer = await (chat.press(pressed.group(1).strip()) if pressed else chat.say(step))
        except AssertionError as missing:
            answer = f"MISSING BUTTON {missing}"
        if isinstance(chat, TelegramChat):
            answer += "\n" + " | ".join(b["text"] for row in chat.keyboard for b in row)
        answers.append(answer)
    return answers


def cleaned(answer: str, own: list[str]) -> str:
    """An answer without the member's own words and the command words that stay English."""
    answer = re.sub(rf"^(?:goalbot(?: \(updated\))?> |{METHODS}: )", "", answer, flags=re.M)
    for words in own:  # the word (or phrase) itself and the rest of its token, no more
        answer = re.sub(rf"\S*{re.escape(words)}\S*", "…", answer, flags=re.I)
    return COMMAND_WORDS.sub("/…", answer)


def leaks_in(answer: str, fragments: list[str], own: list[str]) -> list[str]:
    """The English source fragments and tell-tale English words shown in one answer."""
    text = cleaned(answer, own)
    return [f for f in fragments if f in text] + [p for p in ENGLISH if re.search(p, text)]


@pytest.mark.parametrize("language", list(JOURNEYS))
def test_the_leak_finder_sees_english_built_from_parts(language: str) -> None:
    t = translator(language)
    fragments = english_fragments(t)
    english = translator("en").gettext("Done: {habit} — {what} now {value}.", habit="Leer",
                                       what="frequency", value="3 times a week")  # fmt: skip
    assert leaks_in(f"goalbot> {english}", fragments, JOURNEYS[language]["own"])
    assert not leaks_in("goalbot> " + t.gettext("Save"), fragments, JOURNEYS[language]["own"])


def leaks_along(t: Translator, person: dict, steps: list[str], answers: list[str]) -> str:
    """Every step whose answer shows English (or lost its button, or said nothing)."""
    fragments, leaks = english_fragments(t), []
    for step, answer in zip(steps, answers, strict=True):
        found = leaks_in(answer, fragments, person["own"])
        if found or "MISSING BUTTON" in answer or not answer.strip():
            leaks.append(f"after {step!r}: {found}\n{answer}")
    return "\n\n".join(leaks)


@pytest.mark.slow
@pytest.mark.parametrize("language", list(JOURNEYS))
async def test_a_members_whole_console_journey_shows_no_english(
    sessions: Sessions, tmp_path: Path, language: str
) -> None:
    t, person, clock = translator(language), JOURNEYS[language], Clock()
    chat = ConsoleChat(
        Console(make_services(sessions, clock), member_id=None, out_dir=tmp_path,
                language=language), clock)  # fmt: skip
    steps = journey(t, person)
    answers = await play(chat, steps)
    leaks = leaks_along(t, person, steps, answers)
    assert not leaks, leaks
    shown = "\n".join(answers)  # the journey reached the places it means to check
    assert t.gettext("(saved {path})").split("{")[0] in shown  # /progress's picture, /export
    plan = t.gettext("Here's a plan: {title} ({category}, {frequency})").split("{")[0]
    card = t.gettext("your general reminder")
    for reached in (plan, card, t.gettext("reminders at {times}", times="18:00")):
        assert reached in shown


@pytest.mark.slow
@pytest.mark.parametrize("language", list(JOURNEYS))
async def test_the_same_journey_on_telegram_shows_no_english(
    sessions: Sessions, language: str
) -> None:
    t, person, clock, user_id = translator(language), JOURNEYS[language], Clock(), 8100
    chat = await telegram_chat(make_services(sessions, clock), clock, user_id=user_id)
    sender = {"id": user_id, "is_bot": False, "first_name": "Ana", "language_code": language}
    first = await chat.feed(message_update(user_id, "/start", date=clock(), **{"from": sender}))
    steps = journey(t, person)[1:]  # /start came from the Telegram app in `language`
    answers = await play(chat, steps)
    leaks = leaks_along(t, person, ["/start", *steps], [first, *answers])
    assert not leaks, leaks
    toasts = [
        p["text"] for m, p in chat.request.calls if m == "answerCallbackQuery" and "text" in p
    ]
    assert toasts  # the short answers on presses were checked too (they are in `answers`)
