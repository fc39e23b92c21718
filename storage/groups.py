"""Query functions for accountability groups: groups, memberships, boards and challenges."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import asyncpg
from sqlalchemy import delete, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Group,
    GroupBoard,
    GroupChallenge,
    GroupChallengeParticipant,
    GroupMembership,
    User,
)


async def upsert_group(
    session: AsyncSession,
    *,
    chat_id: int,
    title: str | None,
    timezone: str,
    added_by: uuid.UUID | None,
) -> Group:
    """Register a group chat, or make a known one active again with its current title."""
    stmt = (
        insert(Group)
        .values(telegram_chat_id=chat_id, title=title, timezone=timezone, added_by=added_by)
        .on_conflict_do_update(
            index_elements=[Group.telegram_chat_id], set_={"title": title, "active": True}
        )
        .returning(Group.id)
    )
    group_id = (await session.execute(stmt)).scalar_one()
    group = await session.get(Group, group_id, populate_existing=True)
    assert group is not None
    return group


async def group_by_chat(session: AsyncSession, *, chat_id: int) -> Group | None:
    """The group of this chat, or None."""
    return await session.scalar(select(Group).where(Group.telegram_chat_id == chat_id))


async def get_group(session: AsyncSession, *, group_id: uuid.UUID) -> Group | None:
    """The group with this id, or None."""
    return await session.get(Group, group_id)


async def update_group_by_chat(session: AsyncSession, *, chat_id: int, **changes: Any) -> bool:
    """Change columns of the group of `chat_id` (title, active, settings, chat id); False if unknown."""
    result = await session.execute(
        update(Group).where(Group.telegram_chat_id == chat_id).values(**changes).returning(Group.id)
    )
    return result.first() is not None


async def drop_empty_group(session: AsyncSession, *, chat_id: int) -> bool:
    """Delete the group of `chat_id` if nobody joined it yet (a supergroup's fresh registration)."""
    stmt = delete(Group).where(
        Group.telegram_chat_id == chat_id,
        ~select(GroupMembership.user_id).where(GroupMembership.group_id == Group.id).exists(),
    )
    return bool((await session.execute(stmt.returning(Group.id))).first())


async def add_membership(session: AsyncSession, *, group_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """Add the member to the group; False when they were in it already."""
    stmt = (
        insert(GroupMembership)
        .values(group_id=group_id, user_id=user_id)
        .on_conflict_do_nothing()
        .returning(GroupMembership.user_id)
    )
    return (await session.execute(stmt)).first() is not None


async def remove_membership(
    session: AsyncSession, *, group_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """Remove the member from the group (and its running challenge); False if not a member."""
    await session.execute(text(_LEAVE_CHALLENGES_SQL), {"group_id": group_id, "user_id": user_id})
    result = await session.execute(
        delete(GroupMembership)
        .where(GroupMembership.group_id == group_id, GroupMembership.user_id == user_id)
        .returning(GroupMembership.user_id)
    )
    return result.first() is not None


_LEAVE_CHALLENGES_SQL = """
DELETE FROM group_challenge_participants p USING group_challenges c
WHERE p.challenge_id = c.id AND c.group_id = :group_id AND p.user_id = :user_id
"""


async def membership(
    session: AsyncSession, *, group_id: uuid.UUID, user_id: uuid.UUID
) -> GroupMembership | None:
    """The member's membership of the group, or None."""
    return await session.get(GroupMembership, (group_id, user_id))


async def update_membership(
    session: AsyncSession, *, group_id: uuid.UUID, user_id: uuid.UUID, **changes: Any
) -> GroupMembership | None:
    """Change the member's choices in the group (share level, goals, opt-outs)."""
    row = await session.get(GroupMembership, (group_id, user_id))
    if row is None:
        return None
    for name, value in changes.items():
        setattr(row, name, value)
    await session.flush()
    return row


async def memberships_of(
    session: AsyncSession, *, user_id: uuid.UUID
) -> list[tuple[Group, GroupMembership]]:
    """The member's groups with their choices, oldest membership first."""
    rows = await session.execute(
        select(Group, GroupMembership)
        .join(GroupMembership, GroupMembership.group_id == Group.id)
        .where(GroupMembership.user_id == user_id)
        .order_by(GroupMembership.joined_at)
    )
    return [(g, m) for g, m in rows.all()]


_BOARD_GROUPS_SQL = """
SELECT g.id, g.timezone FROM group_memberships m JOIN groups g ON g.id = m.group_id
WHERE m.user_id = $1 AND g.active AND g.board_enabled
"""


async def board_groups_of(
    conn: asyncpg.Connection, *, user_id: uuid.UUID
) -> list[tuple[uuid.UUID, str]]:
    """(group id, time zone) of the active groups with a board that the member is in.

    On the driver connection (`storage.db.driver_connection`): it runs after every check-in.
    """
    rows = await conn.fetch(_BOARD_GROUPS_SQL, user_id)
    return [(r["id"], r["timezone"]) for r in rows]


_STANDINGS_SQL = """
SELECT m.user_id, coalesce(u.name, 'a member') AS name, m.share_level, m.shared_goal_ids,
       m.rank_opt_out, u.timezone, u.day_start_hour,
       h.id AS habit_id, h.title, h.frequency, h.created_at, h.first_day, g.id AS goal_id,
       h.target_amount, h.target_period
FROM group_memberships m
JOIN users u ON u.id = m.user_id AND u.active
LEFT JOIN goals g ON g.user_id = m.user_id AND g.status = 'active'
LEFT JOIN habits h ON h.goal_id = g.id AND h.active
WHERE m.group_id = :group_id
ORDER BY m.joined_at, m.user_id, h.created_at, h.id
"""


async def member_habit_rows(session: AsyncSession, *, group_id: uuid.UUID) -> list[Any]:
    """Per member of the group (oldest first): their choices and each active habit (or none)."""
    return list((await session.execute(text(_STANDINGS_SQL), {"group_id": group_id})).all())


_MARKS_SQL = """
SELECT habit_id, day, status, amount FROM checkins
WHERE habit_id = ANY(:habit_ids) AND day >= :since AND day <= :until AND status IS NOT NULL
"""


async def marks_since(
    session: AsyncSession, *, habit_ids: Sequence[uuid.UUID], since: date, until: date
) -> dict[uuid.UUID, dict[date, tuple[str, float | None]]]:
    """Each habit's (status, amount) per day from `since` to `until`, in one query."""
    found: dict[uuid.UUID, dict[date, tuple[str, float | None]]] = {h: {} for h in habit_ids}
    if not habit_ids:
        return found
    params = {"habit_ids": list(habit_ids), "since": since, "until": until}
    for r in (await session.execute(text(_MARKS_SQL), params)).all():
        found[r.habit_id][r.day] = (r.status, None if r.amount is None else float(r.amount))
    return found


async def board(session: AsyncSession, *, group_id: uuid.UUID, day: date) -> GroupBoard | None:
    """The board row of the group's day, or None."""
    return await session.get(GroupBoard, (group_id, day))


_CLAIM_WRITE_SQL = """
INSERT INTO group_boards AS b (group_id, day, written_at) VALUES ($1, $2, $3)
ON CONFLICT (group_id, day) DO UPDATE SET written_at = EXCLUDED.written_at
WHERE b.message_id IS NOT NULL
  AND (b.written_at IS NULL OR b.written_at <= EXCLUDED.written_at - CAST($4 AS interval))
RETURNING b.message_id
"""


async def claim_board_write(
    conn: asyncpg.Connection, *, group_id: uuid.UUID, day: date, at: datetime, spacing: timedelta
) -> tuple[bool, int | None]:
    """Claim the next write of a day's board, across processes, in one statement.

    (True, None): post it (this caller created the row); (True, id): edit message `id`;
    (False, None): not now — another process is posting it, or wrote it less than `spacing` ago.
    """
    row = await conn.fetchrow(_CLAIM_WRITE_SQL, group_id, day, at, spacing)
    return (False, None) if row is None else (True, row["message_id"])


async def set_board_message(
    session: AsyncSession, *, group_id: uuid.UUID, day: date, message_id: int | None
) -> None:
    """Record the posted board's message id (None: the post failed, give the claim back)."""
    where = (GroupBoard.group_id == group_id, GroupBoard.day == day)
    if message_id is None:
        await session.execute(delete(GroupBoard).where(*where))
    else:
        await session.execute(update(GroupBoard).where(*where).values(message_id=message_id))


async def running_challenge(session: AsyncSession, *, group_id: uuid.UUID) -> GroupChallenge | None:
    """The group's running challenge, or None."""
    return await session.scalar(
        select(GroupChallenge).where(
            GroupChallenge.group_id == group_id, GroupChallenge.ended_at.is_(None)
        )
    )


async def start_challenge(session: AsyncSession, **values: Any) -> GroupChallenge | None:
    """Store a new challenge; None when the group already runs one."""
    stmt = (
        insert(GroupChallenge)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["group_id"], index_where=text("ended_at IS NULL"))
        .returning(GroupChallenge.id)
    )
    challenge_id = (await session.execute(stmt)).scalar_one_or_none()
    return None if challenge_id is None else await session.get(GroupChallenge, challenge_id)


async def join_challenge(
    session: AsyncSession, *, challenge_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """Opt the member in; False when they were in already."""
    stmt = (
        insert(GroupChallengeParticipant)
        .values(challenge_id=challenge_id, user_id=user_id)
        .on_conflict_do_nothing()
        .returning(GroupChallengeParticipant.user_id)
    )
    return (await session.execute(stmt)).first() is not None


async def challenge_participants(
    session: AsyncSession, *, challenge_id: uuid.UUID
) -> set[uuid.UUID]:
    """Who opted in to the challenge."""
    rows = await session.scalars(
        select(GroupChallengeParticipant.user_id).where(
            GroupChallengeParticipant.challenge_id == challenge_id
        )
    )
    return set(rows)


async def end_challenge(
    session: AsyncSession, *, challenge_id: uuid.UUID, result: str, at: datetime
) -> bool:
    """Mark the challenge ended with its result; False if it had ended already (post once)."""
    stmt = (
        update(GroupChallenge)
        .where(GroupChallenge.id == challenge_id, GroupChallenge.ended_at.is_(None))
        .values(ended_at=at, result=result)
        .returning(GroupChallenge.id)
    )
    return (await session.execute(stmt)).first() is not None


_CHALLENGES_DUE_SQL = """
SELECT c.id, c.group_id FROM group_challenges c JOIN groups g ON g.id = c.group_id
WHERE c.ended_at IS NULL AND CAST(CAST(:now AS timestamptz) AT TIME ZONE g.timezone AS date) > c.ends_on
"""


async def challenges_past_end(
    session: AsyncSession, *, now: datetime
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(challenge id, group id) of running challenges whose last day is over in the group's zone."""
    rows = await session.execute(text(_CHALLENGES_DUE_SQL), {"now": now})
    return [(r.id, r.group_id) for r in rows]


_NUDGE_SQL = """
SELECT DISTINCT ON (u.id) u.id AS user_id, u.name, u.telegram_chat_id, u.timezone,
       u.day_start_hour, u.language, g.id AS group_id,
       coalesce(g.title, 'your group') AS title
FROM group_memberships m JOIN groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
WHERE g.active AND g.nudges_enabled AND u.active AND NOT m.nudge_opt_out
  AND extract(isodow FROM CAST(:now AS timestamptz) AT TIME ZONE u.timezone) >= :from_weekday
  AND extract(hour FROM CAST(:now AS timestamptz) AT TIME ZONE u.timezone) = :hour
  AND NOT EXISTS (SELECT 1 FROM group_memberships n WHERE n.user_id = u.id
                  AND n.last_nudged_on > CAST(CAST(:now AS timestamptz) AT TIME ZONE u.timezone AS date) - 7)
ORDER BY u.id, m.joined_at
"""


async def nudge_candidates(
    session: AsyncSession, *, now: datetime, from_weekday: int, hour: int
) -> list[Any]:
    """Members of a group with nudges on, not opted out, at `hour` local, not nudged for 7 days."""
    params = {"now": now, "from_weekday": from_weekday, "hour": hour}
    return list((await session.execute(text(_NUDGE_SQL), params)).all())


async def claim_nudge(
    session: AsyncSession, *, group_id: uuid.UUID, user_id: uuid.UUID, day: date
) -> bool:
    """Remember the nudge of `day` (at most one a week); False if another process sent it."""
    stmt = (
        update(GroupMembership)
        .where(
            GroupMembership.group_id == group_id,
            GroupMembership.user_id == user_id,
            GroupMembership.last_nudged_on.is_(None)
            | (GroupMembership.last_nudged_on <= day - timedelta(days=7)),
        )
        .values(last_nudged_on=day)
        .returning(GroupMembership.user_id)
    )
    return (await session.execute(stmt)).first() is not None


async def names_of(session: AsyncSession, *, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Members' first names by id."""
    rows = await session.execute(select(User.id, User.name).where(User.id.in_(list(user_ids))))
    return {r.id: r.name or "a member" for r in rows}


_CHALLENGE_COUNTS_SQL = """
SELECT c.user_id, h.title, count(*) AS done
FROM checkins c JOIN habits h ON h.id = c.habit_id
WHERE c.user_id = ANY(CAST(:users AS uuid[])) AND c.day BETWEEN :first AND :last AND c.status = 'done'
GROUP BY c.user_id, h.title
"""


async def done_counts(
    session: AsyncSession, *, user_ids: Sequence[uuid.UUID], first: date, last: date
) -> list[tuple[uuid.UUID, str, int]]:
    """(member, habit title, done check-ins) between `first` and `last`, for these members."""
    if not user_ids:
        return []
    params = {"users": list(user_ids), "first": first, "last": last}
    rows = await session.execute(text(_CHALLENGE_COUNTS_SQL), params)
    return [(r.user_id, r.title, int(r.done)) for r in rows]
