"""Invites: an admin prints a one-time code for a mentor; a member redeems it with consent."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.i18n import N_, translator
from coach.limits import MemberLimits
from storage import mentors as store
from storage.db import Sessions
from storage.members import get_member

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper
CODE_LENGTH = 10


class UnknownMentor(LookupError):
    """No active mentor has that Slack user id."""


def new_code() -> str:
    """A random one-time code like `K7QXM-2PDHA` (50 bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def code_hash(code: str) -> str:
    """The stored form of a code: SHA-256 of it without dashes, spaces or case."""
    canonical = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(canonical.encode("ascii", "ignore")).hexdigest()


async def create(
    sessions: Sessions, *, slack_user_id: str, now: datetime, ttl_hours: int
) -> tuple[str, datetime]:
    """Make an invite for the mentor; return the code (shown once, never stored) and expiry."""
    code = new_code()
    expires = now + timedelta(hours=ttl_hours)
    async with sessions.begin() as session:
        mentor = await store.mentor_by_slack_user(session, slack_user_id=slack_user_id)
        if mentor is None:
            raise UnknownMentor(slack_user_id)
        await store.add_invite(session, mentor_id=mentor.id, code_hash=code_hash(code),
                               expires_at=expires)  # fmt: skip
    return code, expires


@dataclass(frozen=True)
class InviteCheck:
    """A valid invite to confirm (invite id and mentor), or the reason it cannot be used."""

    invite_id: uuid.UUID | None = None
    mentor_name: str | None = None
    current_mentor: str | None = None
    problem: str | None = None


# Marked for the core catalogue; the transport shows them with the member's translator.
NOT_REGISTERED = N_("Please send /start first, then /mentor CODE again.")
BAD_CODE = N_("That code is not valid or has expired. Ask your mentor for a new one.")
TOO_MANY_GUESSES = N_(
    "That was several wrong codes in a row, so I've paused code checks for you for up to an "
    "hour. Please check the code with your mentor (or ask for a new one) and try again later."
)
USAGE = N_("Send /mentor followed by the code your mentor gave you, e.g. /mentor K7QXM-2PDHA")


async def check(
    sessions: Sessions, *, user_id: uuid.UUID | None, code: str, now: datetime,
    limits: MemberLimits | None = None,
) -> InviteCheck:  # fmt: skip
    """Look up a code a member sent (None: someone who has not started), without using it yet;
    a few wrong guesses an hour per member, then a cool-down (`limits`), logged."""
    if not code.strip():
        return InviteCheck(problem=USAGE)
    if user_id is None:
        return InviteCheck(problem=NOT_REGISTERED)
    if limits is not None and not limits.guess_allowed(user_id):
        return InviteCheck(problem=TOO_MANY_GUESSES)
    found = await _look_up(sessions, user_id=user_id, code=code, now=now)
    if found.problem == BAD_CODE and limits is not None:
        limits.wrong_guess(user_id)
    return found


async def _look_up(
    sessions: Sessions, *, user_id: uuid.UUID, code: str, now: datetime
) -> InviteCheck:
    async with sessions() as session:
        member = await get_member(session, user_id=user_id)
        if member is None:
            return InviteCheck(problem=NOT_REGISTERED)
        invite = await store.invite_by_hash(session, code_hash=code_hash(code))
        if invite is None or invite.used_at is not None or invite.expires_at <= now:
            return InviteCheck(problem=BAD_CODE)
        mentor = await store.mentor_by_id(session, mentor_id=invite.mentor_id)
        if mentor is None or not mentor.active:
            return InviteCheck(problem=BAD_CODE)
        current = None
        if member.mentor_id and member.mentor_id != mentor.id and member.mentor_consent_at:
            previous = await store.mentor_by_id(session, mentor_id=member.mentor_id)
            current = previous.name if previous else None
        return InviteCheck(invite.id, mentor.name, current)


async def accept(
    sessions: Sessions,
    *,
    user_id: uuid.UUID,
    invite_id: uuid.UUID,
    share_journal_text: bool,
    now: datetime,
) -> str:
    """Use the invite: link the member to the mentor with consent now; return the reply."""
    async with sessions.begin() as session:
        member = await get_member(session, user_id=user_id)
        invite = await store.invite_for_update(session, invite_id=invite_id)
        if member is None:
            return NOT_REGISTERED
        if invite is None or invite.used_at is not None or invite.expires_at <= now:
            return BAD_CODE
        mentor = await store.mentor_by_id(session, mentor_id=invite.mentor_id)
        if mentor is None or not mentor.active:
            return BAD_CODE
        await store.assign_mentor(session, user=member, mentor_id=mentor.id, consent_at=now,
                                  share_journal_text=share_journal_text)  # fmt: skip
        invite.used_at, invite.used_by = now, member.id
    t = translator(member.language)
    if share_journal_text:
        return t.gettext(
            "Done: {mentor} is now your mentor. They see your plan, check-ins and progress. "
            "They can read your journal text. Send /mentor off to stop sharing at any time.",
            mentor=mentor.name,
        )
    return t.gettext(
        "Done: {mentor} is now your mentor. They see your plan, check-ins and progress. "
        "They see your journal's mood and tags, not its text. Send /mentor off to stop sharing "
        "at any time.",
        mentor=mentor.name,
    )


async def withdraw(sessions: Sessions, *, user_id: uuid.UUID) -> str:
    """The member stops sharing with their mentor (consent withdrawn)."""
    async with sessions.begin() as session:
        member = await get_member(session, user_id=user_id)
        t = translator(member.language if member is not None else None)
        if member is None or member.mentor_id is None:
            return t.gettext("You have no mentor at the moment.")
        member.mentor_id, member.mentor_consent_at, member.share_journal_text = None, None, False
    return t.gettext("Done: your mentor no longer sees your data.")
