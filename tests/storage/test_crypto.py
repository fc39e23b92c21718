"""Journal encryption at rest: round trip, ciphertext in the table, key rotation."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import text

from storage.crypto import JournalCipher, load_or_create_key_file
from storage.db import Sessions
from storage.journal import add_entry, recent_entries, rotate_all
from tests.fakes.builder import Builder


async def test_journal_text_is_ciphertext_in_the_table_and_plain_when_read(
    sessions: Sessions, build: Builder
) -> None:
    cipher = JournalCipher([Fernet.generate_key().decode()])
    user = await build.member("Cleo")
    async with sessions.begin() as session:
        await add_entry(session, cipher=cipher, user_id=user.id, text="felt anxious before the run",
                        sentiment_score=-0.3, mood_tags=["anxious"])  # fmt: skip
    async with sessions() as session:
        stored = (await session.execute(text("SELECT text FROM journal_entries"))).scalar_one()
        [(entry, plain)] = await recent_entries(session, cipher=cipher, user_id=user.id)
    assert "anxious" not in stored and stored.startswith("gAAAAA")
    assert plain == "felt anxious before the run"
    assert entry.mood_tags == ["anxious"]


async def test_rotation_re_encrypts_under_the_new_key(sessions: Sessions, build: Builder) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    user = await build.member("Cleo")
    async with sessions.begin() as session:
        for i in range(3):
            await add_entry(session, cipher=JournalCipher([old]), user_id=user.id, text=f"day {i}")
        await session.execute(
            text("INSERT INTO journal_entries (user_id, text) VALUES (:u, 'imported plain')"),
            {"u": user.id},
        )
    assert await rotate_all(sessions, cipher=JournalCipher([new, old]), batch=2) == 4
    async with sessions() as session:
        rows = await recent_entries(session, cipher=JournalCipher([new]), user_id=user.id)
    assert sorted(plain for _, plain in rows) == ["day 0", "day 1", "day 2", "imported plain"]
    with pytest.raises(InvalidToken):
        JournalCipher([old]).decrypt(rows[0][0].text or "")


def test_a_token_under_an_unknown_key_is_never_shown_as_text() -> None:
    token = JournalCipher([Fernet.generate_key().decode()]).encrypt("secret")
    with pytest.raises(InvalidToken):
        JournalCipher([Fernet.generate_key().decode()]).decrypt(token)


def test_a_bad_key_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a Fernet key"):
        JournalCipher(["short"])


def test_the_key_file_is_created_once_and_private(tmp_path: Path) -> None:
    first = load_or_create_key_file(tmp_path)
    assert load_or_create_key_file(tmp_path) == first
    assert (tmp_path / "journal.key").stat().st_mode & 0o777 == 0o600
    assert JournalCipher([first]).decrypt(JournalCipher([first]).encrypt("x")) == "x"
