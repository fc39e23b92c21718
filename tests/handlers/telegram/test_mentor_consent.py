"""/mentor CODE on Telegram: consent, the journal-text choice, one-time and expiring codes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from mentor import invites
from mentor.services import MentorServices
from storage.db import Sessions
from storage.models import MentorInvite, User
from tests.fakes.mentoring import NOW, add_mentor, add_patient, services
from tests.fakes.telegram import message_update
from tests.handlers.telegram.harness import Clock, TelegramChat, mentored_chat


@pytest.fixture
async def world(
    sessions: Sessions, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[MentorServices]:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("TELEGRAM_API_URL", raising=False)
    yield services(sessions)


async def chat_for(svc: MentorServices, member: User) -> TelegramChat:
    """`member`'s chat with mentor features on; answers are the bare texts."""
    return await mentored_chat(svc, member.telegram_user_id or 0, Clock(NOW), methods=False)


async def reload(svc: MentorServices, user: User) -> User:
    async with svc.sessions() as session:
        found = await session.get(User, user.id)
    assert found is not None
    return found


async def test_a_member_accepts_a_mentor_without_sharing_journal_text(
    world: MentorServices,
) -> None:
    mentor = await add_mentor(world.sessions, "U1", "Dr Rivera")
    member = await add_patient(world.sessions, None, "Anna Smith", "anna")
    code, _ = await invites.create(world.sessions, slack_user_id="U1", now=NOW, ttl_hours=72)
    chat = await chat_for(world, member)

    shown = await chat.say(f"/mentor {code.lower()}")
    assert shown.startswith("Dr Rivera would like to be your mentor on goalbot.")
    assert [b["text"] for row in chat.keyboard for b in row] == [
        "Agree, and share my journal text", "Agree, without journal text", "No, thanks",
    ]  # fmt: skip
    assert code.replace("-", "") not in str(chat.keyboard)  # the code never travels in buttons

    done = await chat.press("Agree, without journal text")

    assert done.startswith("Done: Dr Rivera is now your mentor.")
    assert "not its text" in done
    linked = await reload(world, member)
    assert linked.mentor_id == mentor.id and linked.mentor_consent_at == NOW
    assert linked.share_journal_text is False
    assert await chat.say(f"/mentor {code}") == invites.BAD_CODE  # one time only


async def test_sharing_journal_text_is_an_explicit_choice(world: MentorServices) -> None:
    await add_mentor(world.sessions, "U1", "Dr Rivera")
    member = await add_patient(world.sessions, None, "Olly Open", "olly")
    code, _ = await invites.create(world.sessions, slack_user_id="U1", now=NOW, ttl_hours=72)
    chat = await chat_for(world, member)

    await chat.say(f"/mentor {code}")
    done = await chat.press("Agree, and share my journal text")

    assert "They can read your journal text." in done
    assert (await reload(world, member)).share_journal_text is True


async def test_declining_expired_and_unknown_codes_and_withdrawing(world: MentorServices) -> None:
    await add_mentor(world.sessions, "U1", "Dr Rivera")
    member = await add_patient(world.sessions, None, "Anna Smith", "anna")
    code, _ = await invites.create(world.sessions, slack_user_id="U1", now=NOW, ttl_hours=72)
    old, _ = await invites.create(world.sessions, slack_user_id="U1", now=NOW - timedelta(hours=73),
                                  ttl_hours=72)  # fmt: skip
    chat = await chat_for(world, member)

    assert await chat.say(f"/mentor {old}") == invites.BAD_CODE
    assert await chat.say("/mentor NOPE1-NOPE2") == invites.BAD_CODE
    assert await chat.say("/mentor") == invites.USAGE
    await chat.say(f"/mentor {code}")
    assert (
        await chat.press("No, thanks")
        == "OK, nothing was shared. Your mentor invitation is still open if you change your mind."
    )
    assert (await reload(world, member)).mentor_id is None
    await chat.say(f"/mentor {code}")
    await chat.press("Agree, without journal text")
    assert await chat.say("/mentor off") == "Done: your mentor no longer sees your data."
    withdrawn = await reload(world, member)
    assert withdrawn.mentor_id is None and withdrawn.mentor_consent_at is None


async def test_only_the_code_hash_is_stored(world: MentorServices) -> None:
    await add_mentor(world.sessions, "U1", "Dr Rivera")
    code, expires = await invites.create(world.sessions, slack_user_id="U1", now=NOW, ttl_hours=72)
    async with world.sessions() as session:
        (row,) = await session.scalars(select(MentorInvite))
    assert row.code_hash == invites.code_hash(code) and code not in row.code_hash
    assert row.expires_at == expires == NOW + timedelta(hours=72)
    with pytest.raises(invites.UnknownMentor):
        await invites.create(world.sessions, slack_user_id="U404", now=NOW, ttl_hours=1)


async def test_a_stranger_must_start_first(world: MentorServices) -> None:
    await add_mentor(world.sessions, "U1", "Dr Rivera")
    code, _ = await invites.create(world.sessions, slack_user_id="U1", now=NOW, ttl_hours=72)
    stranger = User(name="Nobody", telegram_user_id=999_111)
    chat = await chat_for(world, stranger)
    assert await chat.say(f"/mentor {code}") == invites.NOT_REGISTERED


async def test_mentor_in_a_group_is_sent_to_a_private_chat(world: MentorServices) -> None:
    member = await add_patient(world.sessions, None, "Anna Smith", "anna")
    chat = await chat_for(world, member)
    update = message_update(chat.user_id, "/mentor ABCDE-FGHJK")
    update["message"]["chat"] = {"id": -100123, "type": "group", "title": "Runners"}
    assert await chat.feed(update) == "Please send /mentor to me in a private chat."
