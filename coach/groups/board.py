"""The daily board: one message per group and local day, posted at the first shared check-in and
then edited in place (the transport coalesces the edits; see handlers/group_boards.py).

It lists who checked in today with what they share (✅ and streaks); members who have not
checked in yet are a count, never a name. The running challenge's progress is the footer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.checkins import CheckinEvent
from coach.groups import challenges
from coach.groups.registry import GroupInfo, as_info, group_today
from coach.groups.standings import Standing, standings_in
from coach.i18n import Translator, translator
from coach.schedule import local_day
from coach.services import Services
from storage import groups as store
from storage.db import driver_connection

BoardKey = tuple[uuid.UUID, date]


@dataclass(frozen=True)
class BoardContent:
    """The board of one group and day, ready to post (`message_id` None) or to edit."""

    group: GroupInfo
    day: date
    text: str
    message_id: int | None
    challenge_id: uuid.UUID | None


def member_line(s: Standing, t: Translator | None = None) -> str:
    """'✅ Ada — Run 🔥4 · Read 🔥2' (done habits only), or '✅ Ben checked in · 🔥3 days'."""
    t = t or translator("en")
    if s.level == "checked_in" or not any(h.done for h in s.habits):  # a skip: no titles
        if s.streak > 1:
            return t.ngettext("✅ {name} checked in · 🔥{count} day",
                              "✅ {name} checked in · 🔥{count} days", s.streak, name=s.name)  # fmt: skip
        return t.gettext("✅ {name} checked in", name=s.name)
    done = [f"{h.title} 🔥{h.streak}" if h.streak > 1 else h.title for h in s.habits if h.done]
    return f"✅ {s.name} — " + " · ".join(done)


def _has_checked(s: Standing) -> bool:
    """Checked in today (done, or a skip) on what they share."""
    return (
        any(h.answered for h in s.habits) if s.level != "checked_in" and s.habits else s.checked_in
    )


def challenge_line(progress: challenges.ChallengeProgress, t: Translator | None = None) -> str:
    """The challenge's footer line: words, the group's progress, the end."""
    t = t or translator("en")
    who = (
        t.ngettext("{count} in", "{count} in", progress.participants)
        if progress.participants
        else t.gettext("tap Join challenge to take part")
    )
    return t.gettext("🏁 Challenge: {title} — {done}/{goal} ({share}), {who}, until {day}",
                     title=progress.title, done=progress.done, goal=progress.goal,
                     share=t.percent(progress.percent / 100), who=who,
                     day=t.date(progress.ends_on, "EEE dd MMM"))  # fmt: skip


def board_text(group: GroupInfo, day: date, people: list[Standing],
               challenge: challenges.ChallengeProgress | None) -> str:  # fmt: skip
    """The board's text from the members' shared figures, in the group's language."""
    t = translator(group.language)
    lines = [f"📋 {group.title} — {t.date(day, 'EEE dd MMM')}"]
    done = [s for s in people if _has_checked(s)]
    lines += [member_line(s, t) for s in done]
    waiting = len(people) - len(done)
    if waiting:
        lines.append(t.ngettext("{count} more can still check in today.",
                                "{count} more can still check in today.", waiting))  # fmt: skip
    elif people:
        lines.append(t.gettext("Everyone has checked in today! 🎉"))
    if challenge is not None:
        lines.append(challenge_line(challenge, t))
    return "\n".join(lines)[:4000]


async def render(services: Services, *, group_id: uuid.UUID, day: date,
                 new: bool | None = None) -> BoardContent | None:  # fmt: skip
    """The board of the group's `day`; None when there is nothing to show (off, gone, nobody yet).

    `new`: whether it would be a first post (None: as the stored board row says)."""
    async with services.sessions() as session:
        group = await store.get_group(session, group_id=group_id)
        if group is None or not group.active or not group.board_enabled:
            return None
        info = as_info(group)
        row = await store.board(session, group_id=group_id, day=day) if new is None else None
        people = await standings_in(session, services, group_id=group_id, day=day)
        first = (row is None or row.message_id is None) if new is None else new
        message_id = row.message_id if row is not None else None
        if first and (day != group_today(services, info) or not any(map(_has_checked, people))):
            return None  # a board is started by a shared check-in of today, never for another day
        challenge = await challenges.running_in(session, group_id=group_id)
    text = board_text(info, day, people, challenge)
    return BoardContent(info, day, text, message_id,
                        challenge.challenge_id if challenge else None)  # fmt: skip


async def keys_for(services: Services, event: CheckinEvent) -> list[BoardKey]:
    """The boards a recorded check-in changes: today's board of each of the member's groups."""
    if event.status not in ("done", "skipped") and event.previous is None:
        return []  # a first "missed" shows nothing, so it changes no board
    if not event.in_boards:
        return []  # read by the check-in's own statement: the member is in no group with a board
    async with driver_connection(services.sessions) as conn:
        groups = await store.board_groups_of(conn, user_id=event.user_id)
    keys = []
    for group_id, zone in groups:
        if local_day(services.clock(), zone, 0) == event.day:
            keys.append((group_id, event.day))
    return keys


async def claim(
    services: Services, key: BoardKey, *, at: datetime, spacing: timedelta
) -> tuple[bool, int | None]:
    """Claim the board's next write (see `storage.groups.claim_board_write`): pacing per group
    holds across every process, and one process posts the day's board."""
    async with driver_connection(services.sessions) as conn:
        return await store.claim_board_write(
            conn, group_id=key[0], day=key[1], at=at, spacing=spacing
        )


async def posted(services: Services, key: BoardKey, message_id: int | None) -> None:
    """Record the posted board's message id (None: it failed, so the next check-in tries again)."""
    async with services.sessions.begin() as session:
        await store.set_board_message(session, group_id=key[0], day=key[1], message_id=message_id)


async def today_key(services: Services, group_id: uuid.UUID) -> BoardKey | None:
    """Today's board key of a group (to refresh it after a join, a leave or a challenge)."""
    async with services.sessions() as session:
        group = await store.get_group(session, group_id=group_id)
    return None if group is None else (group_id, group_today(services, as_info(group)))
