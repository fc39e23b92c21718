"""Where a member's plain message goes: time zone, plan correction, goal, check-in, or coach.

The rules, in order: a member with no time zone yet is asked for one (a message that names
a zone or city sets it); a member who pressed Change on a plan gets it re-planned with their
words; "I want to …"-style goals become a plan draft; a message about one of their habits is a
check-in (recorded at once when the match is sure, offered for one tap when not); anything
else goes to the coach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from coach import chat, checkins, plans
from coach.checkins import CheckinOutcome, CheckinRefused
from coach.matching import HabitName, Match, match
from coach.members import Member, set_timezone, today
from coach.safety import screen
from coach.services import Services
from storage import goals as goal_store
from storage import messages as msg_store

_GOAL = re.compile(
    r"^\s*(?:i (?:want|would like|'d like|need|plan|hope) to|i wanna|my goal is|goal:|help me|"
    r"i'm going to|i am going to|i will)\b", re.IGNORECASE,
)  # fmt: skip


@dataclass(frozen=True)
class CheckinGuess:
    """A message that looks like a check-in, offered for one tap; `day` is the member's day."""

    match: Match
    day: date


def looks_like_goal(text: str) -> bool:
    """True for 'I want to run 3x a week'-style messages."""
    return bool(_GOAL.match(text))


async def _habit_names(services: Services, member: Member) -> list[HabitName]:
    async with services.sessions() as session:
        pairs = await goal_store.habits_for_user(session, user_id=member.id)
    return [HabitName(h.id, h.title) for h, _ in pairs]


async def _checkin(
    services: Services, member: Member, text: str, found: Match
) -> CheckinOutcome | CheckinRefused | CheckinGuess:
    day = today(services, member) - timedelta(days=1 if found.yesterday else 0)
    if found.confidence != "high":
        return CheckinGuess(found, day)
    async with services.sessions.begin() as session:  # the words are kept with the check-in
        await msg_store.add_message(
            session, user_id=member.id, user_message=text, message_type="checkin"
        )
    return await checkins.record(services, member=member, habit_id=found.habit_id, day=day,
                                 status=found.status, source="message", note=text[:500])  # fmt: skip


async def handle_text(services: Services, *, member: Member, text: str) -> object:
    """Route one plain message (see the module's rules) and return the core's result."""
    if screen(text):  # crisis language goes to the safety path, whatever else it looks like
        return await chat.reply(services, member=member, text=text)
    if not member.timezone_confirmed:
        return await set_timezone(services, user_id=member.id, text=text)
    if (draft_id := await plans.pending_change(services, user_id=member.id)) is not None:
        return await plans.revise(services, member=member, draft_id=draft_id, correction=text)
    if looks_like_goal(text):
        return await plans.draft(services, member=member, text=text)
    found = match(text, await _habit_names(services, member))
    if found is not None:
        return await _checkin(services, member, text, found)
    return await chat.reply(services, member=member, text=text)
