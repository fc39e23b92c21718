"""The member's goals with their progress, and pausing, resuming or archiving one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from coach.checkins import habit_scores
from coach.members import Member
from coach.services import Services
from storage import goals as goal_store

ACTIONS = {"pause": "paused", "resume": "active", "archive": "archived"}


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


@dataclass(frozen=True)
class GoalGone:
    """The goal is not this member's (or no longer exists)."""


async def list_goals(services: Services, *, member: Member) -> list[GoalLine]:
    """Active and paused goals, with figures for the active ones' habits."""
    scored = await habit_scores(services, member=member)
    async with services.sessions() as session:
        goals = await goal_store.goals_for_user(
            session, user_id=member.id, statuses=("active", "paused")
        )
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
        goal = await goal_store.set_goal_status(
            session, user_id=user_id, goal_id=goal_id, status=status
        )
    if goal is None:
        return GoalGone()
    return GoalChanged(goal.id, goal.title, goal.status)
