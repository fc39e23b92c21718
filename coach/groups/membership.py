"""Joining and leaving a group, and what a member shares with it (their choice, per group).

Share levels: "all" (check-ins of every habit), "goals" (of chosen goals only) and
"checked_in" (only that they checked in today) — the default, the least. Never a journal,
a mentor note, a safety event or a message.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from coach.groups.registry import GroupInfo, as_info
from coach.services import Services
from storage import goals as goal_store
from storage import groups as store
from storage.models import SHARE_LEVELS


@dataclass(frozen=True)
class Joined:
    """The member is in the group (`new`: just now); ask what they share."""

    group: GroupInfo
    new: bool
    level: str


@dataclass(frozen=True)
class NotJoinable:
    """The group is unknown or the bot was removed from it."""


@dataclass(frozen=True)
class Left:
    """The member left the group (`was_member` False: they were not in it)."""

    group: GroupInfo
    was_member: bool


@dataclass(frozen=True)
class MyGroup:
    """One of the member's groups with their choices there."""

    group: GroupInfo
    level: str
    goal_ids: tuple[uuid.UUID, ...]
    rank_opt_out: bool
    nudge_opt_out: bool


@dataclass(frozen=True)
class GoalChoice:
    """One of the member's active goals, and whether they share it with the group."""

    goal_id: uuid.UUID
    title: str
    shared: bool


async def join(
    services: Services, *, group_id: uuid.UUID, user_id: uuid.UUID
) -> Joined | NotJoinable:
    """Add the member to an active group (again is fine)."""
    async with services.sessions.begin() as session:
        group = await store.get_group(session, group_id=group_id)
        if group is None or not group.active:
            return NotJoinable()
        new = await store.add_membership(session, group_id=group_id, user_id=user_id)
        row = await store.membership(session, group_id=group_id, user_id=user_id)
        assert row is not None
        return Joined(as_info(group), new, row.share_level)


async def leave(
    services: Services, *, group_id: uuid.UUID, user_id: uuid.UUID
) -> Left | NotJoinable:
    """Remove the member from the group (and its running challenge)."""
    async with services.sessions.begin() as session:
        group = await store.get_group(session, group_id=group_id)
        if group is None:
            return NotJoinable()
        was = await store.remove_membership(session, group_id=group_id, user_id=user_id)
        return Left(as_info(group), was)


async def my_groups(services: Services, *, user_id: uuid.UUID) -> list[MyGroup]:
    """The member's groups with what they share in each."""
    async with services.sessions() as session:
        rows = await store.memberships_of(session, user_id=user_id)
    return [MyGroup(as_info(g), m.share_level, tuple(m.shared_goal_ids or ()), m.rank_opt_out,
                    m.nudge_opt_out) for g, m in rows]  # fmt: skip


async def my_group(
    services: Services, *, group_id: uuid.UUID, user_id: uuid.UUID
) -> MyGroup | None:
    """One of the member's groups, or None when they are not in it."""
    return next(
        (g for g in await my_groups(services, user_id=user_id) if g.group.id == group_id), None
    )


async def set_share(
    services: Services, *, group_id: uuid.UUID, user_id: uuid.UUID, level: str
) -> MyGroup | None:
    """Choose what the group sees: "all", "goals" or "checked_in"."""
    if level not in SHARE_LEVELS:
        return None
    async with services.sessions.begin() as session:
        if (
            await store.update_membership(
                session, group_id=group_id, user_id=user_id, share_level=level
            )
            is None
        ):
            return None
    return await my_group(services, group_id=group_id, user_id=user_id)


async def goal_choices(
    services: Services, *, group_id: uuid.UUID, user_id: uuid.UUID
) -> list[GoalChoice]:
    """The member's active goals, each marked shared with this group or not."""
    async with services.sessions() as session:
        row = await store.membership(session, group_id=group_id, user_id=user_id)
        goals = await goal_store.goals_for_user(session, user_id=user_id, statuses=("active",))
    chosen = set(row.shared_goal_ids or ()) if row is not None else set()
    return [GoalChoice(g.id, g.title, g.id in chosen) for g in goals]


async def toggle_goal(
    services: Services, *, group_id: uuid.UUID, user_id: uuid.UUID, goal_id: uuid.UUID
) -> list[GoalChoice]:
    """Share one of the member's goals with the group, or stop sharing it (level becomes "goals")."""
    async with services.sessions.begin() as session:
        row = await store.membership(session, group_id=group_id, user_id=user_id)
        own = await goal_store.goals_for_user(session, user_id=user_id, statuses=("active",))
        if row is not None and goal_id in {g.id for g in own}:
            chosen = set(row.shared_goal_ids or ())
            chosen ^= {goal_id}
            row.shared_goal_ids, row.share_level = sorted(chosen), "goals"
    return await goal_choices(services, group_id=group_id, user_id=user_id)


async def toggle_option(
    services: Services, *, group_id: uuid.UUID, user_id: uuid.UUID, option: str
) -> MyGroup | None:
    """Flip the member's ranking ("rank") or nudge ("nudge") opt-out in the group."""
    column = {"rank": "rank_opt_out", "nudge": "nudge_opt_out"}[option]
    async with services.sessions.begin() as session:
        row = await store.membership(session, group_id=group_id, user_id=user_id)
        if row is None:
            return None
        setattr(row, column, not getattr(row, column))
    return await my_group(services, group_id=group_id, user_id=user_id)
