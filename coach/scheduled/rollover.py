"""End of a member's day: a `missed` check-in for each habit scheduled that day and left open.

A member's day D closes when their local clock reaches D+1 at max(day_start_hour,
rollover_hour). The job runs hourly for everybody; it only ever adds rows that do not exist
(ON CONFLICT DO NOTHING on (habit, day)), so running it twice, or on two schedulers, is
harmless, and a later check-in for that day (backfill) simply replaces the miss.
Flexible habits ("weekly:N") have no fixed days, so no single day of them is "missed".
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert

from coach.schedule import habits_on_day_sql, parse_frequency
from coach.scheduled.reminders import known_zones
from storage.db import Sessions
from storage.models import Checkin

BATCH = 1000

# Each active member's last closed day, and their habits with no check-in on it.
_OPEN_SQL = f"""
WITH closed AS (
  SELECT u.id, z.name AS timezone, u.day_start_hour,
         CAST((CAST(:now AS timestamptz) AT TIME ZONE z.name)
              - make_interval(hours => greatest(u.day_start_hour, CAST(:rollover_hour AS int)))
              AS date) - 1 AS day
  FROM users u JOIN unnest(CAST(:zones AS text[])) AS z(name) ON z.name = u.timezone
  WHERE u.active
)
SELECT c.id AS user_id, c.day, g.id AS goal_id, h.id AS habit_id, h.frequency
FROM closed c {habits_on_day_sql("c")}
WHERE NOT EXISTS (SELECT 1 FROM checkins k WHERE k.habit_id = h.id AND k.day = c.day)
"""


def _missed(row: Any) -> dict[str, Any] | None:
    freq = parse_frequency(row.frequency)
    if freq.flexible or not freq.scheduled_on(row.day):
        return None
    return {
        "goal_id": row.goal_id,
        "user_id": row.user_id,
        "habit_id": row.habit_id,
        "day": row.day,
        "status": "missed",
        "completed": False,
        "source": "rollover",
    }


async def _open_habits(sessions: Sessions, now: datetime, rollover_hour: int) -> AsyncIterator[Any]:
    async with sessions() as session:
        stmt = text(_OPEN_SQL).execution_options(yield_per=BATCH)
        params = {"zones": await known_zones(session), "now": now, "rollover_hour": rollover_hour}
        result = await session.stream(stmt, params)
        async for row in result:
            yield row


async def record_misses(sessions: Sessions, *, now: datetime, rollover_hour: int = 0) -> int:
    """Insert a `missed` check-in for every scheduled, unchecked habit of each closed day."""
    inserted, batch = 0, []
    async for row in _open_habits(sessions, now, rollover_hour):
        if (values := _missed(row)) is not None:
            batch.append(values)
        if len(batch) >= BATCH:
            inserted += await _insert(sessions, batch)
            batch = []
    if batch:
        inserted += await _insert(sessions, batch)
    return inserted


async def _insert(sessions: Sessions, rows: list[dict[str, Any]]) -> int:
    stmt = insert(Checkin).values(rows).on_conflict_do_nothing(index_elements=["habit_id", "day"])
    async with sessions.begin() as session:
        result = await session.execute(stmt.returning(Checkin.id))
        return len(result.all())
