"""Accountability groups' weekly recap: on the review weekday and time in the group's time zone.

Each member's week (completed and scheduled check-ins, never journal data) goes to the coach
engine's `group_recap`; the post is sent once per group and day, claimed as the job run
`group_recap:<group id>` at the group's local midnight.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from coach.groups.standings import Standing, standings
from coach.i18n import translator
from coach.llm.schemas import GroupWeek, MemberWeek
from coach.scheduled.reminders import known_zones
from coach.services import Services
from storage.jobs import claim_job_run

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GroupSlot:
    """A group whose local clock has reached its weekly recap time."""

    group_id: uuid.UUID
    chat_id: int
    title: str
    timezone: str
    day: date
    language: str = "en"


@dataclass(frozen=True)
class GroupPost:
    """A recap ready for the group chat."""

    chat_id: int
    text: str


_GROUPS_SQL = """
WITH local AS (
  SELECT g.id, g.telegram_chat_id, coalesce(g.title, 'our group') AS title, z.name AS timezone,
         g.language,
         CAST(:now AS timestamptz) AT TIME ZONE z.name AS local_ts
  FROM groups g JOIN unnest(CAST(:zones AS text[])) AS z(name) ON z.name = g.timezone
  WHERE g.active AND g.recap_enabled
)
SELECT id, telegram_chat_id, title, timezone, language, CAST(local_ts AS date) AS day FROM local
WHERE mod(CAST(extract(epoch FROM CAST(local_ts AS time) - CAST(:at AS time)) AS int) / 60
           + 1440, 1440) < CAST(:window AS int)
  AND extract(isodow FROM local_ts) = CAST(:weekday AS int)
ORDER BY id
"""


async def groups_due(
    session: AsyncSession, *, now: datetime, at: time, window: timedelta, weekday: int
) -> AsyncIterator[GroupSlot]:
    """Stream the groups whose local time is within `window` after `at` on `weekday` (1 = Mon)."""
    params = {"zones": await known_zones(session), "now": now, "at": at, "weekday": weekday,
              "window": max(1, int(window.total_seconds() // 60))}  # fmt: skip
    result = await session.stream(text(_GROUPS_SQL), params)
    async for row in result:
        yield GroupSlot(
            row.id, row.telegram_chat_id, row.title, row.timezone, row.day, row.language
        )


async def group_week(services: Services, slot: GroupSlot) -> tuple[GroupWeek, str | None]:
    """The members' shared figures over the seven days before `slot.day`, and who improved most.

    Only what each member shares counts (`coach.groups.standings`): habits for "all" and
    "goals", days checked in for "checked_in". Never journal data, never who failed.
    """
    last = slot.day - timedelta(days=1)
    people = await standings(services, group_id=slot.group_id, day=last)
    weeks = [MemberWeek(name="" if p.rank_opt_out else p.name, completed=p.week_done,
                        scheduled=p.week_scheduled, streak=p.streak, ranked=not p.rank_opt_out)
             for p in people]  # fmt: skip
    return GroupWeek(
        group=slot.title, week_start=last - timedelta(days=6), members=weeks,
        language=slot.language,
    ), improved(people, slot.language)  # fmt: skip


def improved(people: list[Standing], language: str = "en") -> str | None:
    """'📈 Most improved: Ben, +3 check-ins on the week before' (None when nobody improved)."""
    gains = [
        (p.week_done - p.previous_done, p.name)
        for p in people
        if p.week_done > p.previous_done and not p.rank_opt_out
    ]
    if not gains:
        return None
    gain, name = max(gains)
    return translator(language).ngettext(
        "📈 Most improved: {name}, +{count} check-in on the week before.",
        "📈 Most improved: {name}, +{count} check-ins on the week before.",
        gain,
        name=name,
    )


async def claim_recap(services: Services, slot: GroupSlot) -> bool:
    """Claim this group's recap for its local day; False if it was already sent."""
    fire_time = datetime.combine(slot.day, time(0), tzinfo=UTC)
    async with services.sessions.begin() as session:
        return await claim_job_run(session, job=f"group_recap:{slot.group_id}", fire_time=fire_time)


async def compose_recap(services: Services, slot: GroupSlot) -> GroupPost:
    """The recap post (read the week, then call the engine with the session closed)."""
    week, most_improved = await group_week(services, slot)
    outcome = await services.engine.group_recap(week)
    post = outcome.value.post + (f"\n{most_improved}" if most_improved else "")
    return GroupPost(slot.chat_id, post)
