"""An unknown command on Telegram names the command it most likely means, as the console does."""

from __future__ import annotations

import pytest

from coach.i18n import translator
from storage.db import Sessions
from tests.fakes.telegram import message_update
from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat

ONBOARD = [
    ("/start", "time zone"),
    ("Berlin", "Europe/Berlin"),
    ("I want to read 20 pages every day", "Read 20 pages"),
    ("[Save]", "Saved"),
]


async def test_an_unknown_command_suggests_the_one_meant(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [
        *ONBOARD,
        ("/stats", r"I don't know /stats\. Did you mean /progress\?"), ("/streak", r"/progress"),
        ("/chekin", r"Did you mean /checkin\?"), ("/jurnal", r"/journal"),
        ("/delete", r"/forget"), ("/stop", r"/settings reminder off"),
        ("/Stats@goalbot_bot", r"I don't know /Stats\. Did you mean /progress\?"),
        ("/progres last week", r"Did you mean /progress\?"),
        ("/xyzzy", r"don't know that command\. /help lists what I can do\.$"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("code", "language", "user_id"),
    [("es-MX", "es", 7301), ("de-DE", "de", 7302), ("fr-FR", "fr", 7303), ("pt-BR", "pt", 7304)],
)
async def test_the_hint_speaks_the_telegram_apps_language(
    sessions: Sessions, code: str, language: str, user_id: int
) -> None:
    """Someone who has not started yet gets it too, in their Telegram app's language."""
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock, user_id=user_id)
    person = {"id": user_id, "is_bot": False, "first_name": "Ana", "language_code": code}
    typed = message_update(user_id, "/chekin", date=clock(), **{"from": person})
    expected = translator(language).gettext(
        "I don't know /{name}. Did you mean {meant}?", name="chekin", meant="/checkin"
    )
    assert not expected.startswith("I don't know")  # the catalogue translates it
    assert await chat.feed(typed) == f"sendMessage: {expected}"
