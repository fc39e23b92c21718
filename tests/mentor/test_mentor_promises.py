"""What the mentor side promises (#19): its own quota, bad bytes cleaned and audited, the audit
bounded, and a plan suggestion delivered once however often and by whom it is retried."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from coach.outbox import deliver_pending
from mentor import copilot, notes, suggestions
from mentor.notify import SuggestionNotice
from storage.db import Sessions
from storage.model_calls import count_model_calls
from storage.models import MentorInteraction, MentorNote, ModelCall, OutboxItem, PlanSuggestion
from tests.fakes.mentoring import NOW, add_mentor, add_patient, add_plan, services

PATCH = {"summary": "Run three times a week", "habits": [{"match": "Run", "frequency": "weekly:3"}]}


async def audit_rows(sessions: Sessions) -> list[MentorInteraction]:
    async with sessions() as session:
        query = select(MentorInteraction).order_by(MentorInteraction.created_at)
        return list(await session.scalars(query))


async def test_copilot_calls_spend_the_mentors_cap_never_the_patients(sessions: Sessions) -> None:
    svc = services(sessions)
    svc.options = replace(svc.options, daily_model_calls=2)
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    answers = [await copilot.ask(svc, slack_user_id="U1", text="@anna how is she?")
               for _ in range(3)]  # fmt: skip
    assert [a.outcome for a in answers] == ["answered", "answered", "refused"]
    assert answers[2].text == copilot.over_cap(2)
    async with sessions() as session:
        calls = list(await session.scalars(select(ModelCall)))
        patient_used = await count_model_calls(session, user_id=anna.id, since=datetime.min.replace(
            tzinfo=NOW.tzinfo), source=None)  # fmt: skip
    assert [(c.mentor_id, c.user_id) for c in calls] == [(mentor.id, anna.id)] * 2
    assert patient_used == 0  # the patient's own daily cap is untouched
    assert [r.outcome for r in await audit_rows(sessions)] == ["answered", "answered", "refused"]


async def test_nul_bytes_and_lone_surrogates_are_removed_and_every_request_audited(
    sessions: Sessions,
) -> None:
    svc = services(sessions)
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    await add_patient(sessions, mentor, "Anna Smith", "anna")
    question, note_text = "@anna how is she\x00doing?", "@anna prefers \x00mornings\ud800"
    asked = await copilot.ask(svc, slack_user_id="U1", text=question)
    noted = await notes.add(svc, slack_user_id="U1", text=note_text)
    assert asked.outcome == "answered" and noted.outcome == "answered"
    async with sessions() as session:
        (note,) = await session.scalars(select(MentorNote))
    assert note.text == "prefers mornings"
    rows = await audit_rows(sessions)
    assert [r.mentor_message for r in rows] == ["@anna how is shedoing?", "@anna prefers mornings"]
    assert [r.mentor_message_chars for r in rows] == [len(question), len(note_text)]  # as sent


async def test_the_audit_keeps_the_first_4000_characters_and_the_length(sessions: Sessions) -> None:
    svc = services(sessions)
    await add_mentor(sessions, "U1", "Dr Rivera")
    huge = "@anna " + "how is she " * 100_000
    result = await copilot.ask(svc, slack_user_id="U1", text=huge)
    assert result.outcome == "invalid"  # too long to answer, but audited
    (row,) = await audit_rows(sessions)
    assert row.mentor_message == huge[:4000] and row.mentor_message_chars == len(huge)


class FlakyMessenger:
    """A member messenger whose first `failures` sends fail; records what reached the member."""

    def __init__(self, failures: int, delay: float = 0.0) -> None:
        self.failures, self.delay = failures, delay
        self.delivered: list[SuggestionNotice] = []

    async def send_suggestion(self, notice: SuggestionNotice) -> bool:
        await asyncio.sleep(self.delay)
        if self.failures > 0:
            self.failures -= 1
            return False
        self.delivered.append(notice)
        return True


async def answered_with_patch(sessions: Sessions, svc) -> str:
    """A copilot answer of U1's about Anna that carries PATCH; returns its interaction id."""
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    await add_plan(sessions, anna, "Run a 5k", [("Run", "daily")])
    async with sessions.begin() as session:
        row = MentorInteraction(mentor_id=mentor.id, patient_id=anna.id, slack_user_id="U1",
                                action="patient", plan_patch=PATCH)  # fmt: skip
        session.add(row)
    return str(row.id)


async def suggestion_rows(sessions: Sessions) -> list[PlanSuggestion]:
    async with sessions() as session:
        return list(await session.scalars(select(PlanSuggestion)))


async def test_five_concurrent_presses_make_one_suggestion_and_one_send(sessions: Sessions) -> None:
    svc = services(sessions, member_messenger=FlakyMessenger(0, delay=0.2))
    interaction = await answered_with_patch(sessions, svc)
    replies = await asyncio.gather(*(
        suggestions.propose(svc, slack_user_id="U1", interaction_id=interaction) for _ in range(5)
    ))  # fmt: skip
    assert sorted(r.outcome for r in replies).count("answered") == 1
    assert len(await suggestion_rows(sessions)) == 1
    assert len(svc.member_messenger.delivered) == 1  # type: ignore[union-attr]


async def test_a_failed_delivery_is_retried_by_the_mentor_and_by_the_job(
    sessions: Sessions,
) -> None:
    svc = services(sessions, member_messenger=FlakyMessenger(2))
    interaction = await answered_with_patch(sessions, svc)
    first = await suggestions.propose(svc, slack_user_id="U1", interaction_id=interaction)
    assert first.outcome == "failed" and "press the button again" in first.text
    again = await suggestions.propose(svc, slack_user_id="U1", interaction_id=interaction)
    assert again.outcome == "failed"  # still failing: the mentor may press as often as needed
    job = await deliver_pending(sessions, suggestions.outbox_kinds(svc), now=lambda: NOW)
    assert job["sent"] == 1
    (row,) = await suggestion_rows(sessions)
    assert row.delivered_at is not None and row.status == "pending"
    async with sessions() as session:
        (item,) = await session.scalars(select(OutboxItem))
    assert item.delivered_at is not None
    done = await suggestions.propose(svc, slack_user_id="U1", interaction_id=interaction)
    assert done.text == "Already sent to Anna Smith (pending)."
    assert len(svc.member_messenger.delivered) == 1  # type: ignore[union-attr]


async def test_a_press_after_a_failure_delivers_and_the_job_then_sends_nothing(
    sessions: Sessions,
) -> None:
    svc = services(sessions, member_messenger=FlakyMessenger(1))
    interaction = await answered_with_patch(sessions, svc)
    assert (await suggestions.propose(svc, slack_user_id="U1",
                                      interaction_id=interaction)).outcome == "failed"  # fmt: skip
    retried = await suggestions.propose(svc, slack_user_id="U1", interaction_id=interaction)
    assert retried.outcome == "answered" and retried.text.startswith("Sent to Anna Smith")
    job = await deliver_pending(sessions, suggestions.outbox_kinds(svc), now=lambda: NOW)
    assert sum(job.values()) == 0  # the outbox row was settled with the press
    assert len(svc.member_messenger.delivered) == 1  # type: ignore[union-attr]
