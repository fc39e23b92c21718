"""What a newcomer meets in their own language in the console: the time zone prompt's own
examples, an offer to switch when they write in another language, measurable habits and
setting names in their words, and their language kept after /forget."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.db import Sessions
from tests.handlers.telegram.harness import run_dialog
from tests.handlers.test_console_newcomer import ONBOARD, fresh, saved


@pytest.mark.parametrize(
    ("language", "city", "zone"),
    [("es", "Ciudad de México", "America/Mexico_City"), ("de", "Wien", "Europe/Vienna"),
     ("pt", "Lisboa", "Europe/Lisbon"), ("en", "berln", "Europe/Berlin")],
)  # fmt: skip
async def test_the_time_zone_question_takes_its_own_examples(
    sessions: Sessions, tmp_path: Path, language: str, city: str, zone: str
) -> None:
    chat = fresh(sessions, tmp_path, language)
    await chat.say("/start")
    assert await chat.say("/settings timezone") and zone in await chat.say(city)


async def test_writing_in_another_language_offers_to_switch_to_it(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    answers = await run_dialog(chat, [
        *saved("I want to run 3 times a week"),
        ("how am I doing this week?", r"scheduled check-ins"),
        ("skipped today, legs sore", r"."),
        ("no tengo tiempo hoy", r"¿Te hablo en español\?.*\[\d+\] Español"),
        ("[Español]", r"idioma|español|es\b"),
        ("¿cómo voy?", r"registros previstos"),  # now the coach speaks Spanish
        ("ich habe heute keine Zeit", r"Soll ich Deutsch mit dir sprechen\?.*Deutsch"),
    ])  # fmt: skip
    assert not any("Español" in answer for answer in answers[:-5])  # English got no offer
    assert "español" not in answers[-2].lower()  # nor Spanish, once it is the member's


async def test_a_measurable_habit_in_german_takes_a_bare_number(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path, "de")
    await run_dialog(chat, [
        ("/start", r"Zeitzone"), ("Wien", r"Europe/Vienna"),
        ("ich will jeden Tag 20 Seiten lesen", r"Speichern"), ("[Speichern]", r"gespeichert"),
        ("/checkin", r"Erledigt 20 Seiten"), ("12", r"12/20 Seiten"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [("de", "/settings zeitzone Berlin", "Europe/Berlin"),
     ("de", "/settings erinnerung 07:30", "07:30"),
     ("es", "/settings zona horaria Madrid", "Europe/Madrid"),
     ("es", "/settings recordatorio 8:00", "08:00"),
     ("fr", "/settings fuseau horaire Paris", "Europe/Paris"),
     ("pt", "/settings lembrete 21:00", "21:00"),
     ("pt", "/settings idioma en", "language is now en")],
)  # fmt: skip
async def test_settings_take_their_names_in_the_member_s_language(
    sessions: Sessions, tmp_path: Path, language: str, typed: str, shown: str
) -> None:
    chat = fresh(sessions, tmp_path, language)
    await chat.say("/start")
    await chat.say("London")
    assert shown in await chat.say(typed)


async def test_after_forget_the_console_still_speaks_the_member_s_language(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = fresh(sessions, tmp_path)
    await run_dialog(chat, [
        *ONBOARD, ("/settings language es", r"es"),
        ("/forget", r"Seguro"), ("[Sí, bórralo todo]", r"borrado"),
        ("hola", r"^goalbot> Envía /start"), ("/start", r"¡Hola"),
    ])  # fmt: skip
