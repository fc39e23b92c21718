"""Every engine call writes one model_calls row, whoever answered; bad input never raises."""

from __future__ import annotations

import logging
import os
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from coach.config import GeminiSettings
from coach.llm import CoachEngine
from coach.llm.schemas import GroupWeek, MemberContext, MemberWeek, PatientContext, PlanRequest
from coach.safety import SAFETY_MESSAGE
from coach.text import MAX_INPUT_CHARS
from storage.db import Sessions
from storage.model_calls import count_model_calls, model_calls
from storage.models import Mentor, ModelCall, User
from tests.fakes.gemini import FakeGemini, Reply

TODAY = date(2026, 11, 28)
NOON = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_gemini_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("GEMINI_")]:
        monkeypatch.delenv(name)


@pytest.fixture
async def people(sessions: Sessions) -> tuple[uuid.UUID, uuid.UUID]:
    async with sessions() as session, session.begin():
        mentor = Mentor(id=uuid.uuid4(), name="Dr Lee")
        session.add(mentor)
        await session.flush()
        user = User(id=uuid.uuid4(), name="Ana", mentor_id=mentor.id)
        session.add(user)
    return user.id, mentor.id


async def rows(sessions: Sessions) -> list[ModelCall]:
    async with sessions() as session:
        return list(reversed(await model_calls(session)))


async def test_without_a_key_every_task_is_answered_offline_and_audited(
    sessions: Sessions, people: tuple[uuid.UUID, uuid.UUID]
) -> None:
    user_id, mentor_id = people
    engine = CoachEngine(GeminiSettings(), sessions, clock=lambda: NOON)
    context = MemberContext(today=TODAY, completion_ratio_30d=0.5)
    week = GroupWeek(
        group="G", week_start=TODAY, members=[MemberWeek(name="Ana", completed=2, scheduled=3)]
    )
    outcomes = [
        await engine.plan_goal(PlanRequest(text="run 3x a week", today=TODAY), user_id=user_id),
        await engine.coach_reply(context, "how am I doing?", user_id=user_id),
        await engine.analyze_journal("a calm day", user_id=user_id),
        await engine.group_recap(week),
        await engine.mentor_answer(
            "quick_check",
            PatientContext(name="Ana"),
            "status?",
            mentor_id=mentor_id,
            patient_id=user_id,
        ),
    ]
    await engine.aclose()
    assert {(o.source, o.fallback_reason, o.model) for o in outcomes} == {
        ("offline", "no_api_key", None)
    }
    by_id = {r.id: r for r in await rows(sessions)}
    audit = [by_id[o.call_id] for o in outcomes if o.call_id is not None]
    assert [r.task for r in audit] == ["plan_goal", "coach_reply", "analyze_journal", "group_recap",
                                       "mentor_answer"]  # fmt: skip
    for row in audit:
        assert (row.source, row.fallback_reason, row.outcome, row.attempts) == (
            "offline", "no_api_key", "offline", 0)  # fmt: skip
        assert row.created_at == NOON and row.prompt_tokens is None
    assert (
        audit[3].user_id is None and audit[4].mentor_id == mentor_id and audit[4].user_id == user_id
    )
    async with sessions() as session:
        # the mentor's copilot call names the patient but counts toward the mentor's cap (#19)
        assert await count_model_calls(session, user_id=user_id, since=NOON, source=None) == 3
        assert await count_model_calls(session, user_id=user_id, since=NOON) == 0


@pytest.mark.parametrize(
    "message", ["I want to end it all", "honestly kms", "I'm going to hurt him"]
)
async def test_crisis_language_gets_the_safety_message_and_the_model_is_not_asked(
    sessions: Sessions, fake: FakeGemini, people: tuple[uuid.UUID, uuid.UUID], message: str
) -> None:
    engine = CoachEngine(GeminiSettings(api_key="k", api_url=fake.url), sessions)
    reply = await engine.coach_reply(MemberContext(today=TODAY), message, user_id=people[0])
    journal = await engine.analyze_journal(f"Rough week. {message}.", user_id=people[0])
    await engine.aclose()
    assert reply.value.reply == SAFETY_MESSAGE and reply.value.action_steps == []
    assert (reply.source, reply.fallback_reason) == (journal.source, journal.fallback_reason) == (
        "safety", "crisis")  # fmt: skip
    assert journal.value.mood_tags == ["neutral"] and "988" in journal.value.reflection
    assert fake.requests == []
    assert {(r.source, r.fallback_reason, r.outcome, r.attempts) for r in await rows(sessions)} == {
        ("safety", "crisis", "safety", 0)}  # fmt: skip


async def test_a_failed_audit_write_keeps_the_answer_and_is_logged(
    sessions: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    engine = CoachEngine(GeminiSettings(), sessions)
    with caplog.at_level(logging.ERROR, logger="coach.llm.engine"):
        outcome = await engine.analyze_journal("good day", user_id=uuid.uuid4())  # no such user
    assert outcome.value.sentiment_score > 0 and outcome.call_id is None
    assert "could not write the model_calls row" in caplog.text
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(ModelCall)) == 0


async def test_no_sessions_means_no_audit() -> None:
    engine = CoachEngine(GeminiSettings(), None)
    outcome = await engine.analyze_journal("good day")
    assert outcome.call_id is None and outcome.source == "offline"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty_input"), ("   \n\t ", "empty_input"), ("\x00\x01\x02\x03" * 50, "unreadable_input"),
     ("Hеllo, I wаnt to run", "unreadable_input")],  # Cyrillic е and а inside Latin words
    ids=["empty", "blank", "binary", "mixed-script"],
)  # fmt: skip
async def test_bad_input_gets_a_short_answer_and_never_reaches_the_model(
    sessions: Sessions, fake: FakeGemini, text: str, reason: str
) -> None:
    engine = CoachEngine(GeminiSettings(api_key="k", api_url=fake.url), sessions)
    reply = await engine.coach_reply(MemberContext(today=TODAY), text)
    journal = await engine.analyze_journal(text)
    plan = await engine.plan_goal(PlanRequest(text=text, today=TODAY))
    await engine.aclose()
    assert reply.fallback_reason == journal.fallback_reason == plan.fallback_reason == reason
    assert reply.value.reply and plan.value.habits and journal.value.mood_tags == ["neutral"]
    assert fake.requests == []
    assert {r.outcome for r in await rows(sessions)} == {"bad_input"}


async def test_an_enormous_text_is_truncated_before_the_prompt(
    sessions: Sessions, fake: FakeGemini
) -> None:
    engine = CoachEngine(GeminiSettings(api_key="k", api_url=fake.url), sessions)
    fake.default = Reply.json({"sentiment_score": 0.1, "mood_tags": ["calm"]})
    outcome = await engine.analyze_journal("I walked by the sea. " * 5000)  # 105,000 characters
    await engine.aclose()
    assert outcome.source == "gemini"
    sent = fake.requests[0]
    assert len(sent.user) < MAX_INPUT_CHARS
    assert (len(sent.system) + len(sent.user)) / 4 <= GeminiSettings().input_token_budget[
        "analyze_journal"
    ]


async def test_an_empty_mentor_question_still_gets_the_facts(sessions: Sessions) -> None:
    engine = CoachEngine(GeminiSettings(), sessions)
    patient = PatientContext(name="Ana", analytics={"adherence_7d": 0.2, "adherence_30d": 0.7})
    outcome = await engine.mentor_answer("quick_check", patient, "")
    assert outcome.fallback_reason == "no_api_key"
    assert "20%" in outcome.value.reply and outcome.value.risk_patterns


async def test_a_model_answer_is_audited_after_it_arrived(
    sessions: Sessions, fake: FakeGemini, people: tuple[uuid.UUID, uuid.UUID]
) -> None:
    engine = CoachEngine(GeminiSettings(api_key="k", api_url=fake.url), sessions)
    fake.script(
        Reply.json({"post": "Great week, team!"}, prompt_tokens=300, output_tokens=12, delay=0.2)
    )
    outcome = await engine.group_recap(GroupWeek(group="G", week_start=TODAY, members=[]))
    await engine.aclose()
    (row,) = await rows(sessions)
    assert outcome.source == "gemini" and outcome.value.post == "Great week, team!"
    assert (row.prompt_tokens, row.output_tokens, row.attempts) == (300, 12, 1)
    assert row.latency_ms >= 200 and outcome.latency_ms == row.latency_ms
