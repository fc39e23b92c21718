"""Weekly review, monthly report and weekly plan suggestions: what the coach says unprompted.

- Weekly review: on the review weekday at the review time, in each member's own time zone, a
  short coach post about the week just ended (the coach engine writes it; if it cannot, the
  figures alone). Sent once per member and day (`reminders_sent`, kind `weekly_review`).
- Monthly report: on the report day of the month, same time, the previous month's adherence
  per goal (kind `monthly_report`).
- Plan suggestions: a goal under 50 % adherence in each of the last two weeks gets an easier
  plan proposed (`plan_suggestions`, origin `weekly_review`), one pending at a time per goal.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from babel import dates
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from coach.i18n import N_, Translator, translator
from coach.i18n.words import percent
from coach.llm.schemas import HabitFacts, MemberContext
from coach.schedule import HabitDays, adherence, parse_frequency
from coach.scheduled.reminders import known_zones
from coach.services import Services

log = logging.getLogger(__name__)

WEEKLY_REVIEW = "weekly_review"
MONTHLY_REPORT = "monthly_report"
REVIEW_PROMPT = N_("Write my weekly review: how the week went and one thing to focus on next.")


@dataclass(frozen=True)
class Slot:
    """A member whose local clock has reached a weekly or monthly post time."""

    user_id: uuid.UUID
    chat_id: int
    name: str | None
    timezone: str
    day: date
    kind: str
    language: str = "en"


@dataclass(frozen=True)
class Post:
    """A finished post for one member's chat."""

    user_id: uuid.UUID
    chat_id: int
    day: date
    kind: str
    text: str


_SLOTS_SQL = """
WITH members AS (
  SELECT u.id, u.telegram_chat_id, u.name, u.language, z.name AS timezone,
         CAST(:now AS timestamptz) AT TIME ZONE z.name AS local_ts
  FROM users u JOIN unnest(CAST(:zones AS text[])) AS z(name) ON z.name = u.timezone
  WHERE u.active AND u.telegram_chat_id IS NOT NULL
)
SELECT m.id AS user_id, m.telegram_chat_id AS chat_id, m.name, m.language, m.timezone,
       CAST(m.local_ts AS date) AS day
FROM members m
WHERE mod(CAST(extract(epoch FROM CAST(m.local_ts AS time) - CAST(:at AS time)) AS int) / 60
           + 1440, 1440) < CAST(:window AS int)
  AND (CAST(:weekday AS int) IS NULL OR extract(isodow FROM m.local_ts) = :weekday)
  AND (CAST(:month_day AS int) IS NULL OR extract(day FROM m.local_ts) = :month_day)
  AND NOT EXISTS (SELECT 1 FROM reminders_sent r WHERE r.user_id = m.id
                  AND r.day = CAST(m.local_ts AS date) AND r.kind = CAST(:kind AS text))
ORDER BY m.id
"""


async def slots(
    session: AsyncSession,
    *,
    now: datetime,
    at: time,
    window: timedelta,
    kind: str,
    weekday: int | None = None,
    month_day: int | None = None,
) -> AsyncIterator[Slot]:
    """Stream members whose local time is within `window` after `at` (ISO weekday 1 = Monday)."""
    params = {"zones": await known_zones(session), "now": now, "at": at, "window": max(1, int(window.total_seconds() // 60)),
              "weekday": weekday, "month_day": month_day, "kind": kind}  # fmt: skip
    result = await session.stream(text(_SLOTS_SQL).execution_options(yield_per=1000), params)
    async for row in result:
        yield Slot(row.user_id, row.chat_id, row.name, row.timezone, row.day, kind, row.language)


_HABITS_SQL = """
SELECT h.id, h.title, h.frequency, g.id AS goal_id, g.title AS goal_title,
       h.first_day AS start,
       coalesce(array_agg(c.day) FILTER (WHERE c.status = 'done'), '{}') AS done_days
FROM goals g JOIN habits h ON h.goal_id = g.id AND h.active
LEFT JOIN checkins c ON c.habit_id = h.id AND c.day BETWEEN :first AND :last
WHERE g.user_id = :user_id AND g.status = 'active'
GROUP BY h.id, g.id ORDER BY g.created_at, h.created_at
"""


async def habit_days(
    session: AsyncSession, *, user_id: uuid.UUID, timezone: str, first: date, last: date
) -> list[Any]:
    """Each active habit of the member with its done days between `first` and `last`."""
    params = {"user_id": user_id, "tz": timezone, "first": first, "last": last}
    return list((await session.execute(text(_HABITS_SQL), params)).all())


def as_habit_days(row: Any) -> HabitDays:
    """One `habit_days` row as the scores' input."""
    return HabitDays(parse_frequency(row.frequency), row.start, frozenset(row.done_days))


def _percent(t: Translator, value: float | None) -> str:
    return percent(t, value)


async def compose_weekly(services: Services, slot: Slot) -> Post:
    """The weekly review for one member: read the week, close the session, ask the coach."""
    last = slot.day - timedelta(days=1)
    async with services.sessions() as session:
        rows = await habit_days(session, user_id=slot.user_id, timezone=slot.timezone,
                                first=last - timedelta(days=6), last=last)  # fmt: skip
    facts = [HabitFacts(title=r.title, goal=r.goal_title, frequency=r.frequency,
                        adherence_7d=adherence([as_habit_days(r)], last, 7)) for r in rows]  # fmt: skip
    overall = adherence([as_habit_days(r) for r in rows], last, 7)
    t = translator(slot.language)
    figures = "\n".join(f"• {f.title}: {_percent(t, f.adherence_7d)}" for f in facts)
    head = t.gettext("Your week: {share} of planned check-ins done.", share=_percent(t, overall))
    context = MemberContext(name=slot.name, today=slot.day, timezone=slot.timezone,
                            language=slot.language,
                            goals=sorted({r.goal_title for r in rows}), habits=facts)  # fmt: skip
    try:
        prompt = t.gettext(REVIEW_PROMPT)
        outcome = await services.engine.coach_reply(context, prompt, user_id=slot.user_id)
        body = outcome.value.reply
    except Exception:
        log.exception("weekly review: the coach engine failed for %s; figures only", slot.user_id)
        body = t.gettext("Keep going: pick one habit to protect this week.")
    return Post(slot.user_id, slot.chat_id, slot.day, slot.kind, f"{head}\n{figures}\n\n{body}")


async def compose_monthly(services: Services, slot: Slot) -> Post:
    """The monthly report: last month's adherence overall and per goal (no model call)."""
    last = slot.day.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    days = (last - first).days + 1
    async with services.sessions() as session:
        rows = await habit_days(session, user_id=slot.user_id, timezone=slot.timezone,
                                first=first, last=last)  # fmt: skip
    goals: dict[str, list[HabitDays]] = {}
    for row in rows:
        goals.setdefault(row.goal_title, []).append(as_habit_days(row))
    t = translator(slot.language)
    lines = [
        f"• {goal}: {_percent(t, adherence(habits, last, days))}" for goal, habits in goals.items()
    ]
    overall = adherence([as_habit_days(r) for r in rows], last, days)
    month = dates.format_date(first, "LLLL", locale=t.language)
    title = t.gettext("Your {month} report: {share} of planned check-ins done.", month=month,
                      share=_percent(t, overall))  # fmt: skip
    return Post(slot.user_id, slot.chat_id, slot.day, slot.kind, "\n".join([title, *lines]))
