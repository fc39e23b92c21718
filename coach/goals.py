"""The member's goals with their progress, and pausing, resuming, archiving or restoring one.

Archiving keeps everything (habits, check-ins): a restored goal is active again with its
history. The transports ask before archiving (`ArchiveAsked`) and offer Undo after it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from coach.checkins import habit_scores
from coach.members import Member
from coach.services import Services
from storage import goals as goal_store
from storage.models import GOAL_STATUSES, Goal, Habit, Subgoal

ACTIONS = {"pause": "paused", "resume": "active", "archive": "archived", "restore": "active"}


@dataclass(frozen=True)
class GoalLine:
    """One goal: status, and its habits' streaks and 30-day adherence."""

    goal_id: uuid.UUID
    title: str
    status: str
    habits: list[tuple[str, int, float | None]]


@dataclass(frozen=True)
class GoalChanged:
    """A goal's new status."""

    goal_id: uuid.UUID
    title: str
    status: str
    previous: str | None = None  # the status before (Undo puts it back)


@dataclass(frozen=True)
class ArchiveAsked:
    """Archive this goal? (nothing changed yet)"""

    goal_id: uuid.UUID
    title: str
    status: str


@dataclass(frozen=True)
class GoalGone:
    """The goal is not this member's (or no longer exists)."""


async def list_goals(
    services: Services, *, member: Member, archived: bool = False
) -> list[GoalLine]:
    """Active and paused goals, with figures for the active ones' habits (or the archived)."""
    scored = await habit_scores(services, member=member)
    statuses = ("archived",) if archived else ("active", "paused")
    async with services.sessions() as session:
        goals = await goal_store.goals_for_user(session, user_id=member.id, statuses=statuses)
    by_goal: dict[uuid.UUID, list[tuple[str, int, float | None]]] = {}
    for habit, goal, score in scored:
        by_goal.setdefault(goal.id, []).append((habit.title, score.streak, score.adherence_30d))
    return [GoalLine(g.id, g.title, g.status, by_goal.get(g.id, [])) for g in goals]


async def change_goal(
    services: Services, *, user_id: uuid.UUID, goal_id: uuid.UUID, action: str
) -> GoalChanged | GoalGone:
    """Pause, resume or archive one of the member's goals."""
    status = ACTIONS.get(action)
    if status is None:
        return GoalGone()
    async with services.sessions.begin() as session:
        before = await goal_store.goal_for_user(session, user_id=user_id, goal_id=goal_id)
        previous = before.status if before is not None else None
        goal = await goal_store.set_goal_status(
            session, user_id=user_id, goal_id=goal_id, status=status
        )
    if goal is None:
        return GoalGone()
    return GoalChanged(goal.id, goal.title, goal.status, previous)


async def ask_archive(
    services: Services, *, user_id: uuid.UUID, goal_id: uuid.UUID
) -> ArchiveAsked | GoalGone:
    """The question before archiving one of the member's goals."""
    async with services.sessions() as session:
        goal = await goal_store.goal_for_user(session, user_id=user_id, goal_id=goal_id)
    if goal is None or goal.status == "archived":
        return GoalGone()
    return ArchiveAsked(goal.id, goal.title, goal.status)


@dataclass(frozen=True)
class GoalDetail:
    """One stored goal with its plan, subgoals and habits (the HTTP API's goal)."""

    goal: Goal
    subgoals: list[Subgoal]
    habits: list[Habit]


async def goal_detail(
    services: Services, *, member: Member, goal_id: uuid.UUID
) -> GoalDetail | GoalGone:
    """One of the member's goals with everything stored about its plan."""
    async with services.sessions() as session:
        goal = await goal_store.goal_for_user(session, user_id=member.id, goal_id=goal_id)
        if goal is None:
            return GoalGone()
        subgoals = await goal_store.subgoals_of(session, goal_ids=[goal.id])
        pairs = await goal_store.habits_for_user(
            session, user_id=member.id, goal_statuses=GOAL_STATUSES, only_active=False
        )
    return GoalDetail(goal, subgoals, [h for h, g in pairs if g.id == goal.id])


async def active_habits_of(
    services: Services, *, member: Member, goal_id: uuid.UUID
) -> list[tuple[uuid.UUID, str]] | GoalGone:
    """The (id, title) of the active habits of one of the member's active goals."""
    async with services.sessions() as session:
        pairs = await goal_store.habits_for_user(session, user_id=member.id)
        owned = any(g.id == goal_id for _, g in pairs) or await goal_store.goal_for_user(
            session, user_id=member.id, goal_id=goal_id
        )
    if not owned:
        return GoalGone()
    return [(h.id, h.title) for h, g in pairs if g.id == goal_id]
