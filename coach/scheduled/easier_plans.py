"""Weekly plan suggestions: a goal under 50 % adherence two weeks running gets an easier plan.

Checked with each member's weekly review (their Monday, their time zone). The two weeks are
the 7-day windows ending yesterday and a week before, by `coach.schedule.adherence`. The
easier plan lowers each habit by `coach.schedule.easier_frequency` (about 60 % of its weekly
count: "daily" → "weekly:4", "weekdays" → "weekly:3", "weekly:3" → "weekly:2"), the same
rule the mentor copilot's offline plan patch uses. It is stored as a pending
`plan_suggestions` row (origin `weekly_review`) that the member accepts or declines with the
same buttons as a mentor's suggestion; a goal with a suggestion still pending gets no other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coach.i18n import N_, translator
from coach.schedule import HabitDays, adherence, easier_frequency, parse_frequency
from coach.scheduled.reviews import Slot, habit_days
from coach.services import Services
from coach.suggestions import PatchProblem, preview
from storage.mentors import (
    add_suggestion,
    decide_suggestion,
    pending_suggestion_goals,
    suggestion_for_update,
)

THRESHOLD = 0.5
ORIGIN = "weekly_review"
SUMMARY = N_("A lighter plan for “{goal}” for the next weeks")


@dataclass(frozen=True)
class EasierPlan:
    """A stored suggestion ready to show the member, with Accept / Decline."""

    suggestion_id: uuid.UUID
    user_id: uuid.UUID
    chat_id: int
    day: date
    summary: str
    changes: list[str]
    kind: str = "plan_suggestion"
    language: str = "en"  # the member's: the summary and changes are in it


def _struggling(rows: list[Any], yesterday: date) -> dict[uuid.UUID, list[Any]]:
    """Goals whose adherence was under the threshold in each of the last two weeks."""
    goals: dict[uuid.UUID, list[Any]] = {}
    for row in rows:
        goals.setdefault(row.goal_id, []).append(row)
    result = {}
    for goal_id, habits in goals.items():
        days = [HabitDays(parse_frequency(h.frequency), h.start, frozenset(h.done_days))
                for h in habits]  # fmt: skip
        weeks = [adherence(days, yesterday - timedelta(days=7 * w), 7) for w in (0, 1)]
        if all(a is not None and a < THRESHOLD for a in weeks):
            result[goal_id] = habits
    return result


def _patch(habits: list[Any], language: str = "en") -> dict[str, Any] | None:
    changes = [{"habit_id": str(h.id), "frequency": f}
               for h in habits if (f := easier_frequency(h.frequency))]  # fmt: skip
    if not changes:
        return None
    goal = habits[0].goal_title
    summary = translator(language).gettext(SUMMARY, goal=goal)  # stored as the member reads it
    return {"summary": summary,
            "goal_id": str(habits[0].goal_id), "habits": changes}  # fmt: skip


async def propose_easier_plan(services: Services, slot: Slot) -> EasierPlan | None:
    """Store and return an easier plan for the member's weakest struggling goal, if any."""
    yesterday = slot.day - timedelta(days=1)
    async with services.sessions() as session:
        rows = await habit_days(session, user_id=slot.user_id, timezone=slot.timezone,
                                first=yesterday - timedelta(days=13), last=yesterday)  # fmt: skip
        pending = await pending_suggestion_goals(session, user_id=slot.user_id)
    for goal_id, habits in _struggling(rows, yesterday).items():
        patch = _patch(habits, slot.language) if goal_id not in pending else None
        if patch is None:
            continue
        try:
            changes = await preview(services.sessions, user_id=slot.user_id, patch=patch,
                                    language=slot.language)  # fmt: skip
        except PatchProblem:
            continue
        async with services.sessions.begin() as session:
            row = await add_suggestion(session, user_id=slot.user_id, patch=patch,
                                       interaction_id=None, goal_id=goal_id, origin=ORIGIN)  # fmt: skip
        return EasierPlan(row.id, slot.user_id, slot.chat_id, slot.day, patch["summary"], changes,
                          language=slot.language)  # fmt: skip
    return None


async def withdraw(services: Services, plan: EasierPlan) -> None:
    """Mark an undelivered suggestion failed, so the goal can get another next week."""
    async with services.sessions.begin() as session:
        row = await suggestion_for_update(session, suggestion_id=plan.suggestion_id)
        if row is not None and row.status == "pending":
            await decide_suggestion(session, suggestion=row, status="failed", at=services.clock())
