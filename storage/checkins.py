"""Query functions for check-ins: one row per habit and day, pressing again changes it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.models import Checkin, Habit, SyncDeletion


async def upsert_checkin(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    goal_id: uuid.UUID,
    habit_id: uuid.UUID,
    day: date,
    status: str,
    source: str,
    note: str | None = None,
) -> None:
    """Record `status` for the habit on `day`, changing an earlier one (undo puts one back)."""
    stmt = insert(Checkin).values(
        user_id=user_id, goal_id=goal_id, habit_id=habit_id, day=day, status=status,
        completed=status == "done", source=source, note=note,
    )  # fmt: skip
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[Checkin.habit_id, Checkin.day],
            set_={
                "status": stmt.excluded.status,
                "completed": stmt.excluded.completed,
                "source": stmt.excluded.source,
                "note": stmt.excluded.note,
                "synced_to_snowflake": False,
                "updated_at": func.now(),
            },
        )
    )


# One statement: the previous status, the upsert (only of the member's own active habit),
# and the member's active habits with their statuses (`habit_id`'s from :focus_since on, the
# others' from :since). :amount is a quantity given in words; a later Done without one keeps
# a done's amount, unless it fell short of a day target: "Done 20 pages" after "read 4" is 20.
RECORD_AND_READ = text("""
WITH prev AS (
  SELECT status FROM checkins WHERE habit_id = CAST(:habit_id AS uuid) AND day = CAST(:day AS date)
), up AS (
  INSERT INTO checkins (user_id, goal_id, habit_id, day, status, completed, source, note, amount)
  SELECT g.user_id, g.id, h.id, CAST(:day AS date), CAST(:status AS text),
         CAST(:status AS text) = 'done', CAST(:source AS text), CAST(:note AS text),
         CAST(:amount AS numeric)
  FROM habits h JOIN goals g ON g.id = h.goal_id
  WHERE h.id = CAST(:habit_id AS uuid) AND g.user_id = CAST(:user_id AS uuid)
    AND g.status = 'active' AND h.active
  ON CONFLICT (habit_id, day) DO UPDATE
    SET status = EXCLUDED.status, completed = EXCLUDED.completed, source = EXCLUDED.source,
        note = EXCLUDED.note, synced_to_snowflake = false, updated_at = now(),
        amount = CASE WHEN EXCLUDED.status <> 'done' OR EXCLUDED.amount IS NOT NULL
                        THEN EXCLUDED.amount
                      WHEN checkins.amount < (SELECT target_amount FROM habits
                                              WHERE id = checkins.habit_id AND target_period = 'day')
                        THEN NULL
                      ELSE checkins.amount END
  RETURNING id
)
SELECT h.id, h.goal_id, h.title, h.frequency, h.created_at, h.schedule, g.title AS goal_title,
       h.first_day, h.target_amount, h.target_unit, h.target_period,
       c.day, c.status, c.amount, (SELECT count(*) FROM up) AS recorded,
       (SELECT status FROM prev) AS previous,
       EXISTS (SELECT 1 FROM group_memberships m JOIN groups gr ON gr.id = m.group_id
               WHERE m.user_id = CAST(:user_id AS uuid) AND gr.active AND gr.board_enabled)
         AS in_boards
FROM habits h JOIN goals g ON g.id = h.goal_id
LEFT JOIN checkins c ON c.habit_id = h.id AND c.status IS NOT NULL
     AND ((c.habit_id = CAST(:habit_id AS uuid) AND c.day >= CAST(:focus_since AS date))
          OR c.day >= CAST(:since AS date))
WHERE g.user_id = CAST(:user_id AS uuid) AND g.status = 'active' AND h.active
ORDER BY g.created_at, g.id, h.created_at, h.id
""")


@dataclass(frozen=True, slots=True)
class HabitRow:
    """A habit as the check-in hot path reads it: plain values, no ORM identity."""

    id: uuid.UUID
    goal_id: uuid.UUID
    title: str
    frequency: str
    created_at: datetime
    schedule: dict[str, Any] | None
    first_day: date
    target_amount: float | None = None
    target_unit: str | None = None
    target_period: str | None = None


@dataclass(frozen=True, slots=True)
class GoalRow:
    """A habit's (active) goal as the check-in hot path reads it."""

    id: uuid.UUID
    title: str


@dataclass(frozen=True)
class Recorded:
    """An owned upsert and what the member's habits look like around it."""

    recorded: bool
    previous: str | None
    pairs: list[tuple[HabitRow, GoalRow]]
    marks: dict[uuid.UUID, dict[date, str]]
    amounts: dict[uuid.UUID, dict[date, float]] = field(default_factory=dict)
    # whether the member is in an active group with a board: read here, in the same round
    # trip, so that the board listener of a member in no group costs no statement
    in_boards: bool = True


async def record_and_read(
    conn: AsyncConnection,
    *,
    user_id: uuid.UUID,
    habit_id: uuid.UUID,
    day: date,
    status: str,
    source: str,
    note: str | None,
    focus_since: date,
    since: date,
    amount: float | None = None,
) -> Recorded:
    """One statement: upsert the check-in if the habit is the member's own and active, and
    read their active habits with statuses (`habit_id` from `focus_since`, others from `since`).

    A single statement is atomic, so it runs on an autocommit connection
    (`storage.db.autocommit_engine`): one round trip and no ORM work per press; how durably
    it commits is that engine's choice.
    """
    result = await conn.execute(RECORD_AND_READ, {
        "user_id": user_id, "habit_id": habit_id, "day": day, "status": status, "source": source,
        "note": note, "focus_since": focus_since, "since": since, "amount": amount,
    })  # fmt: skip
    rows = result.mappings().all()
    pairs: dict[uuid.UUID, tuple[HabitRow, GoalRow]] = {}
    marks: dict[uuid.UUID, dict[date, str]] = {}
    amounts: dict[uuid.UUID, dict[date, float]] = {}
    for row in rows:
        if (key := row["id"]) not in pairs:
            habit = HabitRow(key, row["goal_id"], row["title"], row["frequency"],
                             row["created_at"], row["schedule"], row["first_day"],
                             _float(row["target_amount"]), row["target_unit"],
                             row["target_period"])  # fmt: skip
            pairs[key] = (habit, GoalRow(row["goal_id"], row["goal_title"]))
            marks[key] = {}
        if row["day"] is not None:
            marks[key][row["day"]] = row["status"]
            if row["amount"] is not None:
                amounts.setdefault(key, {})[row["day"]] = float(row["amount"])
    recorded = bool(rows) and rows[0]["recorded"] > 0
    if recorded:  # the statement read the snapshot from before its own upsert
        marks.setdefault(habit_id, {})[day] = status
        before = amounts.setdefault(habit_id, {}).pop(day, None)
        habit_row = pairs[habit_id][0] if habit_id in pairs else None
        if (after := _kept_amount(status, amount, before, habit_row)) is not None:
            amounts[habit_id][day] = after
    previous = rows[0]["previous"] if rows else None
    in_boards = bool(rows[0]["in_boards"]) if rows else True
    return Recorded(recorded, previous, list(pairs.values()), marks, amounts, in_boards)


def _kept_amount(
    status: str, given: float | None, before: float | None, habit: HabitRow | None
) -> float | None:
    """The day's amount after a check-in, as RECORD_AND_READ's upsert sets it."""
    if status != "done" or given is not None:
        return None if given is None else float(given)
    short = (habit is not None and habit.target_period == "day" and before is not None
             and habit.target_amount is not None and before < habit.target_amount)  # fmt: skip
    return None if short else before


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


async def delete_checkin(session: AsyncSession, *, habit_id: uuid.UUID, day: date) -> bool:
    """Remove the habit's check-in for `day` (undo of a first press); True if one was there."""
    result = await session.execute(
        delete(Checkin)
        .where(Checkin.habit_id == habit_id, Checkin.day == day)
        .returning(Checkin.id)
    )
    row = result.first()
    if row is not None:  # the warehouse sync deletes it there too
        session.add(SyncDeletion(table_name="checkins", row_id=row[0]))
    return row is not None


async def statuses_since(
    session: AsyncSession, *, habit_ids: Sequence[uuid.UUID], since: date
) -> dict[uuid.UUID, dict[date, str]]:
    """Each habit's status per day from `since` on."""
    found: dict[uuid.UUID, dict[date, str]] = {h: {} for h in habit_ids}
    if not habit_ids:
        return found
    rows = await session.execute(
        select(Checkin.habit_id, Checkin.day, Checkin.status).where(
            Checkin.habit_id.in_(habit_ids), Checkin.day >= since, Checkin.status.is_not(None)
        )
    )
    for habit_id, day, status in rows.all():
        found[habit_id][day] = status
    return found


async def amounts_since(
    session: AsyncSession, *, habit_ids: Sequence[uuid.UUID], since: date
) -> dict[uuid.UUID, dict[date, float]]:
    """Each habit's check-in amounts per day from `since` on (days with an amount only)."""
    found: dict[uuid.UUID, dict[date, float]] = {h: {} for h in habit_ids}
    if not habit_ids:
        return found
    rows = await session.execute(
        select(Checkin.habit_id, Checkin.day, Checkin.amount).where(
            Checkin.habit_id.in_(habit_ids), Checkin.day >= since, Checkin.amount.is_not(None)
        )
    )
    for habit_id, day, amount in rows.all():
        found[habit_id][day] = float(amount)
    return found


async def recent_checkins(
    session: AsyncSession, *, user_id: uuid.UUID, limit: int = 10
) -> list[tuple[date, str, str]]:
    """The member's newest check-ins as (day, habit title, status), newest first."""
    rows = await session.execute(
        select(Checkin.day, Habit.title, Checkin.status)
        .join(Habit, Checkin.habit_id == Habit.id)
        .where(Checkin.user_id == user_id, Checkin.day.is_not(None))
        .order_by(Checkin.day.desc(), Checkin.updated_at.desc())
        .limit(limit)
    )
    return [(d, t, s or "") for d, t, s in rows.all()]


async def checkins_for_export(session: AsyncSession, *, user_id: uuid.UUID) -> list[Checkin]:
    """All of the member's check-ins, oldest first."""
    return list(
        await session.scalars(
            select(Checkin)
            .where(Checkin.user_id == user_id)
            .order_by(Checkin.day, Checkin.created_at)
        )
    )
