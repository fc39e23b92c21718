"""Plan patches on the member's side: what they change, and what cannot be applied."""

from __future__ import annotations

from datetime import date

import pytest

from coach import suggestions
from coach.suggestions import PatchProblem
from mentor import audit
from mentor.audit import AuditEntry
from storage import mentors as store
from storage.db import Sessions
from storage.models import Goal, Habit
from tests.fakes.mentoring import NOW, add_mentor, add_patient, add_plan


async def test_a_patch_changes_habit_and_goal_fields(sessions: Sessions) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    goal, (run, stretch) = await add_plan(
        sessions, anna, "Run a 5k", [("Run", "daily"), ("Stretch", "daily")]
    )
    patch = {"summary": "Lighter", "goal": {"end_date": "2027-01-31"},
             "habits": [{"habit_id": str(run.id), "frequency": "weekly:3"},
                        {"match": "stretch", "title": "Stretch 5 minutes"}]}  # fmt: skip

    preview = await suggestions.preview(sessions, user_id=anna.id, patch=patch)
    async with sessions.begin() as session:
        row = await store.add_suggestion(session, user_id=anna.id, patch=patch, interaction_id=None)
    decision = await suggestions.decide(sessions, suggestion_id=row.id, user_id=anna.id,
                                        accept=True, now=NOW)  # fmt: skip

    assert decision.status == "accepted" and decision.changes == preview == [
        "Habit “Run”: frequency daily → weekly:3",
        "Habit “Stretch”: title Stretch → Stretch 5 minutes",
        "Goal “Run a 5k”: end_date — → 2027-01-31",
    ]
    async with sessions() as session:
        assert (await session.get(Habit, run.id)).frequency == "weekly:3"
        assert (await session.get(Habit, stretch.id)).title == "Stretch 5 minutes"
        assert (await session.get(Goal, goal.id)).end_date == date(2027, 1, 31)


@pytest.mark.parametrize(
    ("patch", "problem"),
    [
        ({"habits": [{"match": "Swim", "frequency": "daily"}]}, "a habit it changes is no longer in your plan"),
        ({"habits": [{"match": "Run", "frequency": "sometimes"}]}, "not a plan change goalbot understands"),
        ({"summary": "nothing"}, "not a plan change goalbot understands"),
        ({"habits": [{"match": "Run", "frequency": "daily"}]}, "the plan already looks like that"),
    ],
)  # fmt: skip
async def test_patches_that_do_not_fit_are_refused_with_a_reason(
    sessions: Sessions, patch: dict, problem: str
) -> None:
    anna = await add_patient(sessions, None, "Anna Smith", "anna")
    await add_plan(sessions, anna, "Run a 5k", [("Run", "daily")])
    with pytest.raises(PatchProblem, match=problem):
        await suggestions.preview(sessions, user_id=anna.id, patch=patch)


async def test_a_suggestion_is_answered_only_by_its_member(sessions: Sessions) -> None:
    anna = await add_patient(sessions, None, "Anna Smith", "anna")
    bob = await add_patient(sessions, None, "Bob Jones", "bob")
    await add_plan(sessions, anna, "Run a 5k", [("Run", "daily")])
    async with sessions.begin() as session:
        row = await store.add_suggestion(session, user_id=anna.id, interaction_id=None,
                                         patch={"habits": [{"match": "Run", "frequency": "weekly:2"}]})  # fmt: skip
    decision = await suggestions.decide(sessions, suggestion_id=row.id, user_id=bob.id,
                                        accept=True, now=NOW)  # fmt: skip
    assert decision.status == "not_found"


async def test_a_weekly_review_suggestion_is_not_reported_to_the_mentor(sessions: Sessions) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    await add_plan(sessions, anna, "Run a 5k", [("Run", "daily")])
    patch = {"habits": [{"match": "Run", "frequency": "weekly:4"}]}
    answer = AuditEntry("U1", "patient", "answered", mentor_id=mentor.id, patient_id=anna.id)
    interaction_id = await audit.record(sessions, answer)
    async with sessions.begin() as session:
        own = await store.add_suggestion(session, user_id=anna.id, interaction_id=interaction_id,
                                         patch=patch)  # fmt: skip
        review = await store.add_suggestion(session, user_id=anna.id, interaction_id=None, patch=patch,
                                            origin="weekly_review")  # fmt: skip
    by_mentor = await suggestions.decide(sessions, suggestion_id=own.id, accept=False, now=NOW,
                                         user_id=anna.id)  # fmt: skip
    by_review = await suggestions.decide(sessions, suggestion_id=review.id, accept=True, now=NOW,
                                         user_id=anna.id)  # fmt: skip
    assert by_mentor.mentor_slack_user_id == "U1"
    assert by_review.status == "accepted" and by_review.mentor_slack_user_id is None
