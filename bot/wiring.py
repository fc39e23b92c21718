"""Wiring: build the services every transport shares from settings and a database URL."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from bot.settings import Settings
from storage.crypto import JournalCipher, load_or_create_key_file
from storage.db import Sessions, create_engine, session_factory

if TYPE_CHECKING:
    from coach.services import Services

log = logging.getLogger(__name__)


def journal_cipher(settings: Settings) -> JournalCipher:
    """The journal cipher: GOALBOT_JOURNAL_KEY, else a key file in the data folder."""
    if settings.app.journal_key is not None:
        return JournalCipher.from_setting(settings.app.journal_key.get_secret_value())
    key = load_or_create_key_file(settings.app.data_dir)
    log.info("journal key: %s/journal.key (back it up with the database)", settings.app.data_dir)
    return JournalCipher([key])


def coach_services(settings: Settings, sessions: Sessions) -> Services:
    """The member-side core: the coach engine (offline without GEMINI_API_KEY) and the cipher."""
    from coach.llm import CoachEngine  # imported here: the admin commands do without its SDKs
    from coach.services import Services

    if settings.gemini.api_key is None:
        log.info("coach: the offline coach answers (set GEMINI_API_KEY for Gemini)")
    engine = CoachEngine(settings.gemini, sessions)
    return Services(sessions=sessions, engine=engine, cipher=journal_cipher(settings),
                    settings=settings.coach)  # fmt: skip


@asynccontextmanager
async def open_sessions(settings: Settings, url: str) -> AsyncIterator[Sessions]:
    """Open an engine for `url`, yield its session factory, dispose of it afterwards."""
    engine = create_engine(url, settings.database)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()
