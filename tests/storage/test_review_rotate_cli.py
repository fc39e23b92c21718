"""README, journal encryption: `GOALBOT_JOURNAL_KEY="NEW,OLD"` then `goalbot rotate-journal-key`
re-encrypts every entry under NEW, so OLD can be dropped."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from storage.crypto import JournalCipher
from storage.db import Sessions
from storage.journal import add_entry, recent_entries
from tests.fakes.builder import Builder
from tests.goalbot_cli import invoke


def rotate() -> str:
    """`goalbot rotate-journal-key` in this process; its stdout."""
    result = invoke("rotate-journal-key")
    assert result.exit_code == 0, result.output
    return result.stdout


async def test_the_command_re_encrypts_every_entry_under_the_newest_key(
    sessions: Sessions,
    build: Builder,
    database_url: str,
    clean_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    user = await build.member("Cleo")
    async with sessions.begin() as session:
        for text in ("first entry", "second entry"):
            await add_entry(session, cipher=JournalCipher([old]), user_id=user.id, text=text)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GOALBOT_JOURNAL_KEY", f"{new},{old}")

    said = await asyncio.to_thread(rotate)  # the command runs its own event loop

    assert said.strip() == "re-encrypted 2 journal entries under the newest key"
    async with sessions() as session:  # OLD dropped: NEW alone reads every entry
        rows = await recent_entries(session, cipher=JournalCipher([new]), user_id=user.id)
    assert sorted(plain for _, plain in rows) == ["first entry", "second entry"]
