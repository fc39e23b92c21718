"""Private nudges: a member who shares with a group and is behind this week gets at most one
short, encouraging private message a week (Thursday to Sunday, at 17:00 their time), unless
they or the group's admins turned nudges off. Never a public one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from coach.groups.standings import standings
from coach.i18n import translator
from coach.schedule import local_day
from coach.services import Services
from storage import groups as store

FROM_WEEKDAY, AT_HOUR = 4, 17  # Thursday (ISO) onwards, 17:00 local
BEHIND = 0.5  # under half of this week's scheduled check-ins so far


@dataclass(frozen=True)
class Nudge:
    """A private message for one member (`chat_id` is their private chat)."""

    chat_id: int
    text: str
    user_id: uuid.UUID
    group_id: uuid.UUID


def nudge_text(name: str | None, group: str, done: int, planned: int, language: str = "en") -> str:
    """The nudge in the member's `language`: their own figures, one small step, and how to
    stop these."""
    t = translator(language)
    hello = t.gettext("Hi {name}!", name=name) if name else t.gettext("Hi!")
    return t.ngettext(
        "{hello} A friendly nudge from {group}: you're at {done} of {count} check-in this week — "
        "one today keeps the rhythm going. You've got this. 💪\n"
        "(Only you see this. Turn these off in /groups.)",
        "{hello} A friendly nudge from {group}: you're at {done} of {count} check-ins this week — "
        "one today keeps the rhythm going. You've got this. 💪\n"
        "(Only you see this. Turn these off in /groups.)",
        planned, hello=hello, group=group, done=done,
    )  # fmt: skip


async def due(services: Services, *, now: datetime) -> list[Nudge]:
    """The nudges to send now, each claimed so it goes out once a week at most."""
    async with services.sessions() as session:
        candidates = await store.nudge_candidates(
            session, now=now, from_weekday=FROM_WEEKDAY, hour=AT_HOUR
        )
    nudges = []
    for c in candidates:
        day = local_day(now, c.timezone, c.day_start_hour)
        people = await standings(services, group_id=c.group_id, day=day)
        mine = next((s for s in people if s.user_id == c.user_id), None)
        if (
            c.telegram_chat_id is None
            or mine is None
            or not mine.week_scheduled
            or mine.week_ratio >= BEHIND
        ):
            continue
        async with services.sessions.begin() as session:
            if not await store.claim_nudge(
                session, group_id=c.group_id, user_id=c.user_id, day=day
            ):
                continue
        text = nudge_text(c.name, c.title, mine.week_done, mine.week_scheduled, c.language)
        nudges.append(Nudge(c.telegram_chat_id, text, c.user_id, c.group_id))
    return nudges
