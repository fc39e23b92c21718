"""Wiring: build the services every transport shares from settings and a database URL."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings, SettingsError
from storage.crypto import JournalCipher, load_or_create_key_file
from storage.db import Sessions, create_engine, session_factory

if TYPE_CHECKING:
    from aiohttp import web

    from coach.api_tokens import Signing
    from coach.services import Services
    from mentor.services import MentorServices

log = logging.getLogger(__name__)


def journal_cipher(settings: Settings) -> JournalCipher:
    """The journal cipher: GOALBOT_JOURNAL_KEY, else a key file in the data folder."""
    if settings.app.journal_key is not None:
        return JournalCipher.from_setting(settings.app.journal_key.get_secret_value())
    key = load_or_create_key_file(settings.app.data_dir)
    log.info("journal key: %s/journal.key (back it up with the database)", settings.app.data_dir)
    return JournalCipher([key])


API_KEY_FILE = "api_jwt.key"


def _api_secret_file(data_dir: Path) -> str:
    """The HS256 secret in `<data_dir>/api_jwt.key`, made (mode 600) on first use."""
    path = Path(data_dir) / API_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # another process made it first
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_urlsafe(48) + "\n")
    return path.read_text(encoding="ascii").strip()


def api_signing(settings: Settings) -> Signing:
    """How API tokens are signed: RS256 key files, GOALBOT_API_JWT_SECRET, or a key file."""
    from coach.api_tokens import Signing

    api = settings.api
    if api.algorithm == "RS256":
        if api.private_key_path is None and api.public_key_path is None:
            raise SettingsError("setting api.algorithm is RS256: set GOALBOT_API_PRIVATE_KEY_PATH "
                                "and/or GOALBOT_API_PUBLIC_KEY_PATH (PEM files)")  # fmt: skip
        private = api.private_key_path.read_text() if api.private_key_path else ""
        public = api.public_key_path.read_text() if api.public_key_path else ""
        sign, verify = private, public or private  # PyJWT verifies with a private key too
    else:
        secret = api.jwt_secret.get_secret_value() if api.jwt_secret else ""
        sign = verify = secret or _api_secret_file(settings.app.data_dir)
    return Signing(api.algorithm, sign, verify, api.issuer, api.audience,
                   timedelta(days=api.token_days))  # fmt: skip


def coach_services(settings: Settings, sessions: Sessions) -> Services:
    """The member-side core: the coach engine (offline without GEMINI_API_KEY) and the cipher."""
    from coach.llm import CoachEngine  # imported here: the admin commands do without its SDKs
    from coach.services import Services

    if settings.gemini.api_key is None:
        log.info("coach: the offline coach answers (set GEMINI_API_KEY for Gemini)")
    engine = CoachEngine(settings.gemini, sessions)
    from coach.llm.language import load_language_model
    from coach.understanding.deadlines import warm

    warm()  # dateparser loads its languages (~0.7 s) at start, not in a member's first goal
    load_language_model()  # py3langid (~1 s): every message is checked for another language
    signing = api_signing(settings) if settings.api.enabled else None
    return Services(sessions=sessions, engine=engine, cipher=journal_cipher(settings),
                    settings=settings.coach, api_signing=signing)  # fmt: skip


@asynccontextmanager
async def open_sessions(settings: Settings, url: str) -> AsyncIterator[Sessions]:
    """Open an engine for `url`, yield its session factory, dispose of it afterwards."""
    engine = create_engine(url, settings.database)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


def api_routes(
    settings: Settings, coach: Services, mentor: MentorServices
) -> Callable[[web.Application], None] | None:
    """What mounts the HTTP API in the one aiohttp server; None when `api.enabled` is off."""
    if not settings.api.enabled or coach.api_signing is None:
        return None
    from handlers.api.app import build_api, mount
    from handlers.api.auth import ApiDeps
    from handlers.api.limits import TokenRates
    from handlers.dialog import Dialog

    rates = TokenRates(settings.api.requests_per_second)
    deps = ApiDeps(coach, mentor, coach.api_signing, settings.api, Dialog(coach), rates)
    api = build_api(deps)
    return lambda web_app: mount(web_app, api, docs=settings.api.docs)
