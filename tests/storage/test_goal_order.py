"""A plan's habits keep the order they were planned in, wherever habits are listed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storage import goals as goal_store
from storage.db import Sessions
from tests.fakes.builder import Builder

TITLES = [f"Habit {letter}" for letter in "HGFEDCBA"]  # not alphabetical, not by id


async def test_habits_saved_together_are_listed_in_their_planned_order(
    sessions: Sessions, build: Builder
) -> None:
    member = await build.member("m")
    for at in (datetime(2026, 11, 25, 9, tzinfo=UTC), None):  # a given stamp, and the clock's
        async with sessions.begin() as session:
            goal, _ = await goal_store.create_goal(
                session, user_id=member.id, title=f"goal {at}", category=None, frequency=None,
                ai_plan={}, start_date=date(2026, 11, 25), end_date=None, subgoals=[],
                habits=[(t, "daily", None) for t in TITLES], at=at,
            )  # fmt: skip
        async with sessions() as session:
            listed = await goal_store.habits_for_user(session, user_id=member.id)
        assert [h.title for h, g in listed if g.id == goal.id] == TITLES
