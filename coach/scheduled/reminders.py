"""What is due now: members whose local reminder time has come, and delivering each item once.

`due()` streams (server-side cursor) members whose reminder time, in their own time zone,
fell within the last `window` and who still have habits due today with no check-in. A member
whose local time is past the window gets nothing: a 07:00 reminder never arrives at noon.
`send_due_reminders()` reads them a page of members at a time (`due_in_batches`: each page's
session closed before it is sent) and hands them to `coach.scheduled.delivery.deliver`, which claims a `reminders_sent`
row (member, day, kind) before each send, so two schedulers or a restart never send twice.

Reminder times (#15): the member's general time lists the habits without times of their own;
a habit's own times (`habits.reminder_times`, several a day) each make a slot of kind
"morning@HH:MM" listing the habits set for that time (one at the general time joins the
general reminder); a habit with an empty list is never reminded. `/settings reminder off`
(`users.reminders_enabled`) stops them all.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from coach.checkins import DueHabit
from coach.schedule import habits_on_day_sql, parse_frequency
from coach.scheduled.delivery import Sent, deliver
from storage.db import Sessions

log = logging.getLogger(__name__)

MORNING = "morning"
DEFAULT_WINDOW = timedelta(minutes=15)
STREAM_BATCH = 1000
PAGE_MEMBERS = 500  # members read per page (and session) when sending
FIRST = uuid.UUID(int=0)
# The last member id of the next page, or NULL when fewer than a page are left.
_PAGE_END = text(
    "SELECT id FROM users WHERE active AND reminders_enabled AND telegram_chat_id IS NOT NULL "
    "AND id > CAST(:after AS uuid) ORDER BY id OFFSET :skip LIMIT 1"
)


@dataclass(frozen=True)
class DueReminder:
    """One member's reminder for one of their days: the habits still open today."""

    user_id: uuid.UUID
    chat_id: int
    name: str | None
    language: str
    day: date
    habits: tuple[DueHabit, ...]
    kind: str = MORNING


@dataclass(frozen=True)
class QuietHours:
    """No reminders from `start` until `end` local time; one due inside waits until `end`."""

    start: time
    end: time


_MINUTES = "(extract(hour from {t})::int * 60 + extract(minute from {t})::int)"

# Members whose effective reminder time (moved to the end of quiet hours when inside them)
# came within the last :window minutes, plus their open habits today.
_DUE_SQL = f"""
WITH members AS (
  SELECT u.id, u.telegram_chat_id, u.name, u.language, z.name AS timezone,
         CAST(:now AS timestamptz) AT TIME ZONE z.name AS local_ts,
         s.remind_min, s.general, u.day_start_hour
  FROM users u JOIN unnest(CAST(:zones AS text[])) AS z(name) ON z.name = u.timezone
  CROSS JOIN LATERAL (
    SELECT {_MINUTES.format(t="u.reminder_time")} AS remind_min, true AS general
    UNION
    SELECT DISTINCT {_MINUTES.format(t="own.at")}, false
    FROM goals og JOIN habits oh ON oh.goal_id = og.id AND oh.active
    CROSS JOIN unnest(oh.reminder_times) AS own(at)
    WHERE og.user_id = u.id AND og.status = 'active' AND own.at <> u.reminder_time) s
  WHERE u.active AND u.reminders_enabled AND u.telegram_chat_id IS NOT NULL
    AND u.id > CAST(:after AS uuid) AND (CAST(:until AS uuid) IS NULL OR u.id <= CAST(:until AS uuid))
),
timed AS (
  SELECT m.*,
         CASE WHEN q.qs IS NOT NULL AND (
                CASE WHEN q.qs <= q.qe THEN m.remind_min >= q.qs AND m.remind_min < q.qe
                     ELSE m.remind_min >= q.qs OR m.remind_min < q.qe END)
              THEN q.qe ELSE m.remind_min END AS effective_min
  FROM members m, (SELECT CAST(:quiet_start AS int) AS qs, CAST(:quiet_end AS int) AS qe) q
),
-- Elapsed time, not minutes of the local clock: a reminder set inside the hour a DST change
-- skips (02:30 in spring) comes an hour later that day instead of never. Its day is the
-- member's day of its nominal local time (today's local date, or yesterday's past midnight).
due AS (
  SELECT t.id, t.telegram_chat_id, t.name, t.language, t.timezone, t.day_start_hour,
         CAST(r.nominal - make_interval(hours => t.day_start_hour) AS date) AS day,
         t.general, make_time(t.remind_min / 60, t.remind_min % 60, 0) AS at,
         CASE WHEN t.general THEN CAST(:kind AS text)
              ELSE CAST(:kind AS text) || '@' || lpad((t.remind_min / 60)::text, 2, '0') || ':'
                   || lpad((t.remind_min % 60)::text, 2, '0') END AS kind
  FROM timed t CROSS JOIN LATERAL (
    SELECT CAST(t.local_ts AS date) - back.days + make_interval(mins => t.effective_min) AS nominal
    FROM (VALUES (0), (1)) AS back(days)) r
  WHERE CAST(:now AS timestamptz) - (r.nominal AT TIME ZONE t.timezone) >= interval '0'
    AND CAST(:now AS timestamptz) - (r.nominal AT TIME ZONE t.timezone)
        < make_interval(mins => CAST(:window AS int))
)
SELECT t.id AS user_id, t.telegram_chat_id AS chat_id, t.name, t.language, t.day, t.kind,
       h.id AS habit_id, h.title AS habit_title, h.frequency, g.id AS goal_id,
       g.title AS goal_title,
       CASE WHEN left(h.frequency, 7) = 'weekly:' THEN (
         SELECT count(*) FROM checkins w
         WHERE w.habit_id = h.id AND w.status = 'done'
           AND w.day >= t.day - (extract(isodow from t.day)::int - 1) AND w.day < t.day
       ) ELSE 0 END AS done_this_week
FROM due t {habits_on_day_sql("t")}
WHERE (CASE WHEN t.general THEN h.reminder_times IS NULL OR t.at = ANY(h.reminder_times)
            ELSE t.at = ANY(h.reminder_times) END)
  AND NOT EXISTS (SELECT 1 FROM reminders_sent r
                  WHERE r.user_id = t.id AND r.day = t.day AND r.kind = t.kind)
  AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.habit_id = h.id AND c.day = t.day)
ORDER BY t.id, t.kind, g.created_at, h.created_at, h.id
"""


_zones: list[str] = []


async def known_zones(session: AsyncSession) -> list[str]:
    """The time zone names PostgreSQL knows (read once per process: the view is slow).

    Members' zones are matched against this list, so a bad name skips that member instead of
    failing the whole query.
    """
    if not _zones:
        rows = await session.execute(text("SELECT name FROM pg_timezone_names"))
        _zones.extend(sorted(rows.scalars()))
    return _zones


def _minutes(value: time | None) -> int | None:
    return None if value is None else value.hour * 60 + value.minute


def _habit_open(row: Any) -> bool:
    """Due today by `coach.schedule`'s definition: a scheduled day, or a weekly quota not met."""
    freq = parse_frequency(row.frequency)
    if freq.per_week is not None:
        return row.done_this_week < freq.per_week
    return freq.scheduled_on(row.day)


def _due_habit(row: Any) -> DueHabit:
    return DueHabit(
        habit_id=row.habit_id,
        goal_id=row.goal_id,
        title=row.habit_title,
        goal_title=row.goal_title,
        frequency=row.frequency,
        day=row.day,
        status=None,
    )


def _reminder(rows: list[Any]) -> DueReminder | None:
    habits = tuple(_due_habit(r) for r in rows if _habit_open(r))
    if not habits:
        return None
    first = rows[0]
    return DueReminder(
        user_id=first.user_id,
        chat_id=first.chat_id,
        name=first.name,
        language=first.language,
        day=first.day,
        habits=habits,
        kind=first.kind,
    )


async def due(
    session: AsyncSession,
    *,
    now: datetime,
    window: timedelta = DEFAULT_WINDOW,
    quiet: QuietHours | None = None,
    kind: str = MORNING,
    after: uuid.UUID = FIRST,
    until: uuid.UUID | None = None,
) -> AsyncIterator[DueReminder]:
    """Stream the reminders due at `now` (aware), member by member, never loading them all
    (only members with ids in (`after`, `until`] when given)."""
    params = {
        "after": after,
        "until": until,
        "zones": await known_zones(session),
        "now": now,
        "window": max(1, int(window.total_seconds() // 60)),
        "quiet_start": _minutes(quiet.start) if quiet else None,
        "quiet_end": _minutes(quiet.end) if quiet else None,
        "kind": kind,
    }
    stmt = text(_DUE_SQL).execution_options(yield_per=STREAM_BATCH)
    result = await session.stream(stmt, params)
    group: list[Any] = []
    async for row in result:
        if group and (row.user_id, row.kind) != (group[0].user_id, group[0].kind):
            if (item := _reminder(group)) is not None:
                yield item
            group = []
        group.append(row)
    if group and (item := _reminder(group)) is not None:
        yield item


async def due_in_batches(
    sessions: Sessions,
    *,
    now: datetime,
    window: timedelta = DEFAULT_WINDOW,
    quiet: QuietHours | None = None,
    kind: str = MORNING,
    members: int = PAGE_MEMBERS,
) -> AsyncIterator[DueReminder]:
    """`due`, `members` members at a time, each page read in its own session and that session
    closed before its reminders are handed on: no transaction stays open while they are sent."""
    after = FIRST
    while True:
        async with sessions() as session:
            until = await session.scalar(_PAGE_END, {"after": after, "skip": members - 1})
            page = [item async for item in due(session, now=now, window=window, quiet=quiet,
                                               kind=kind, after=after, until=until)]  # fmt: skip
        for item in page:
            yield item
        if until is None:
            return
        after = until


async def send_due_reminders(
    sessions: Sessions,
    send: Callable[[DueReminder], Awaitable[Sent]],
    *,
    now: datetime,
    window: timedelta = DEFAULT_WINDOW,
    quiet: QuietHours | None = None,
    concurrency: int = 16,
) -> Counter[str]:
    """The reminder tick: stream what is due at `now` and deliver each reminder once.

    Sending stops after `window` (Telegram allows about 30 a second): what is left is asked
    for again by the next tick, which sends only the reminders still within their window.
    """
    items = due_in_batches(sessions, now=now, window=window, quiet=quiet)
    return await deliver(sessions, items, send, concurrency=concurrency, budget=window)
