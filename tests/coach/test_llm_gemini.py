"""The Gemini path: the real google-genai SDK against the fake Gemini server, every failure mode.

Each case ends in a valid answer within the configured time, and the audit row says what
happened. Timeouts and backoffs are tiny so the file runs in a few seconds.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from datetime import date

import pytest

from coach.config import GeminiSettings
from coach.llm import CoachEngine
from coach.llm.schemas import (
    JournalAnalysis,
    MemberContext,
    MentorAnswer,
    PatientContext,
    PlanRequest,
)
from storage.db import Sessions
from storage.model_calls import model_calls
from tests.fakes.gemini import FakeGemini, Reply

ENTRY = "Great run this morning, I feel proud and full of energy."
GOOD = {"sentiment_score": 0.8, "mood_tags": ["proud", "energetic"], "reflection": "Nice!"}


@pytest.fixture(autouse=True)
def _no_gemini_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("GEMINI_")]:
        monkeypatch.delenv(name)


def settings(fake: FakeGemini, **overrides: object) -> GeminiSettings:
    values: dict[str, object] = {
        "api_key": "test-key",
        "api_url": fake.url,
        "timeout_seconds": 0.5,
        "max_retries": 2,
        "retry_base_seconds": 0.01,
        "breaker_failures": 3,
        "breaker_reset_seconds": 0.4,
    }
    return GeminiSettings(**(values | overrides))


@pytest.fixture
async def coach(fake: FakeGemini, sessions: Sessions) -> AsyncIterator[CoachEngine]:
    engine = CoachEngine(settings(fake), sessions)
    yield engine
    await engine.aclose()


async def last_call(sessions: Sessions):  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = await model_calls(session)
    assert len(rows) >= 1
    return rows[0]


async def test_valid_output_is_gemini_answer_with_tokens_in_the_audit(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.script(Reply.json(GOOD, prompt_tokens=120, output_tokens=30))
    outcome = await coach.analyze_journal(ENTRY)
    assert outcome.source == "gemini" and outcome.fallback_reason is None
    assert outcome.value == JournalAnalysis(**GOOD)
    assert (outcome.prompt_tokens, outcome.output_tokens) == (120, 30)
    row = await last_call(sessions)
    assert row.id == outcome.call_id
    assert (row.task, row.source, row.outcome, row.attempts) == (
        "analyze_journal",
        "gemini",
        "answered",
        1,
    )
    assert (row.model, row.prompt_tokens, row.output_tokens) == ("gemini-2.5-flash", 120, 30)
    sent = fake.requests[0]
    assert sent.api_version == "v1" and sent.model == "gemini-2.5-flash"
    assert sent.generation_config["responseMimeType"] == "application/json"
    assert "additionalProperties" not in str(sent.generation_config["responseSchema"])
    assert sent.generation_config["maxOutputTokens"] == 256
    assert sent.generation_config["thinkingConfig"] == {"thinking_budget": 0}  # 2.5 Flash


@pytest.mark.parametrize(
    "reply",
    [
        Reply.raw('{"sentiment_score": 0.5, "mood_tags": ["happy"'),  # invalid JSON
        Reply.raw("Sure! Here is your analysis: positive."),  # not JSON at all
        Reply.json({"score": 0.5, "tags": ["happy"]}),  # breaks the schema
        Reply.json({"sentiment_score": 3.0, "mood_tags": ["happy"]}),  # out of [-1, 1]
        Reply.json({"sentiment_score": 0.5, "mood_tags": ["euphoric"]}),  # unknown mood tag
        Reply.json([GOOD]),  # a list instead of an object
    ],
    ids=["invalid-json", "prose", "schema", "sentiment-3.0", "unknown-tag", "list"],
)
async def test_unusable_output_falls_back_to_the_offline_coach(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions, reply: Reply
) -> None:
    fake.script(reply)
    outcome = await coach.analyze_journal(ENTRY)
    assert (outcome.source, outcome.fallback_reason) == ("offline", "invalid_output")
    assert -1 <= outcome.value.sentiment_score <= 1 and outcome.value.sentiment_score > 0
    assert "proud" in outcome.value.mood_tags
    row = await last_call(sessions)
    assert (row.source, row.fallback_reason, row.outcome, row.attempts) == (
        "offline", "invalid_output", "fallback", 1)  # fmt: skip
    assert row.prompt_tokens == 42  # the model did answer: its tokens are still counted
    assert len(fake.requests) == 1  # invalid output is not retried


async def test_a_429_is_retried_then_answered(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.script(Reply.error(429), Reply.json(GOOD))
    outcome = await coach.analyze_journal(ENTRY)
    assert outcome.source == "gemini"
    row = await last_call(sessions)
    assert (row.source, row.attempts, row.fallback_reason) == ("gemini", 2, None)


@pytest.mark.parametrize(("status", "reason"), [(429, "rate_limited"), (500, "server_error"),
                                                 (503, "server_error")])  # fmt: skip
async def test_persistent_errors_end_offline_after_bounded_retries(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions, status: int, reason: str
) -> None:
    fake.default = Reply.error(status)
    started = time.perf_counter()
    outcome = await coach.analyze_journal(ENTRY)
    assert time.perf_counter() - started < 2
    assert (outcome.source, outcome.fallback_reason) == ("offline", reason)
    assert isinstance(outcome.value, JournalAnalysis)
    row = await last_call(sessions)
    assert (row.source, row.fallback_reason, row.outcome, row.attempts) == (
        "offline", reason, "fallback", 3)  # fmt: skip
    assert row.prompt_tokens is None
    assert len(fake.requests) == 3  # 1 + max_retries


async def test_an_unreachable_model_ends_offline(sessions: Sessions) -> None:
    async with FakeGemini() as gone:
        url = gone.url  # nothing listens here once the fake has stopped
    engine = CoachEngine(GeminiSettings(api_key="k", api_url=url, max_retries=1, timeout_seconds=2,
                                        retry_base_seconds=0.01), sessions)  # fmt: skip
    started = time.perf_counter()
    outcome = await engine.analyze_journal(ENTRY)
    await engine.aclose()
    assert time.perf_counter() - started < 1  # no hidden SDK retry that sleeps 1-10 s
    assert (outcome.source, outcome.fallback_reason) == ("offline", "unreachable")
    assert (await last_call(sessions)).attempts == 2


async def test_a_400_is_not_retried(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.default = Reply.error(400)
    outcome = await coach.analyze_journal(ENTRY)
    assert (outcome.source, outcome.fallback_reason) == ("offline", "client_error")
    assert len(fake.requests) == 1


@pytest.mark.slow
async def test_a_timeout_then_an_answer(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.script(Reply.json(GOOD, delay=1.0), Reply.json(GOOD))
    outcome = await coach.analyze_journal(ENTRY)
    assert outcome.source == "gemini"
    assert (await last_call(sessions)).attempts == 2


@pytest.mark.slow
async def test_a_slow_model_past_the_budget_ends_offline_in_time(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.default = Reply.json(GOOD, delay=3.0)
    started = time.perf_counter()
    outcome = await coach.analyze_journal(ENTRY)
    elapsed = time.perf_counter() - started
    # 3 attempts × 0.5 s timeout plus tiny backoffs: well under one slow answer
    assert elapsed < 2.0
    assert (outcome.source, outcome.fallback_reason) == ("offline", "timeout")
    row = await last_call(sessions)
    assert (row.fallback_reason, row.attempts) == ("timeout", 3)
    assert row.latency_ms >= 1400


@pytest.mark.slow
async def test_the_deadline_bounds_the_wait_for_the_local_rate_limit(
    fake: FakeGemini, sessions: Sessions
) -> None:
    engine = CoachEngine(settings(fake, requests_per_minute=1, max_retries=0), sessions)
    fake.default = Reply.json(GOOD)
    assert (await engine.analyze_journal(ENTRY)).source == "gemini"
    started = time.perf_counter()
    outcome = await engine.analyze_journal(ENTRY)  # the next slot is a minute away
    await engine.aclose()
    assert time.perf_counter() - started < 1.0  # deadline: 1 attempt × 0.5 s
    assert (outcome.source, outcome.fallback_reason) == ("offline", "local_rate_limit")
    assert (await last_call(sessions)).attempts == 0
    assert len(fake.requests) == 1


@pytest.mark.slow
async def test_the_circuit_opens_then_half_opens_and_closes(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.default = Reply.error(500)
    for _ in range(3):  # breaker_failures = 3 failed calls in a row
        assert (await coach.analyze_journal(ENTRY)).fallback_reason == "server_error"
    asked = len(fake.requests)
    opened = await coach.analyze_journal(ENTRY)
    assert (opened.source, opened.fallback_reason) == ("offline", "circuit_open")
    assert len(fake.requests) == asked  # the model was not asked
    row = await last_call(sessions)
    assert (row.fallback_reason, row.attempts) == ("circuit_open", 0)

    await asyncio.sleep(0.45)  # breaker_reset_seconds = 0.4: half-open, one call goes through
    fake.default = Reply.json(GOOD)
    assert (await coach.analyze_journal(ENTRY)).source == "gemini"
    assert (await coach.analyze_journal(ENTRY)).source == "gemini"  # closed again


@pytest.mark.slow
async def test_a_failure_while_half_open_opens_the_circuit_again(
    fake: FakeGemini, coach: CoachEngine
) -> None:
    fake.default = Reply.error(500)
    for _ in range(3):
        await coach.analyze_journal(ENTRY)
    await asyncio.sleep(0.45)
    assert (await coach.analyze_journal(ENTRY)).fallback_reason == "server_error"
    assert (await coach.analyze_journal(ENTRY)).fallback_reason == "circuit_open"


async def test_unsafe_output_is_replaced_by_the_offline_answer(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    context = MemberContext(today=date(2026, 11, 28), completion_ratio_30d=0.5)
    fake.script(Reply.json({"reply": "You probably have depression; try 50 mg of sertraline."}))
    outcome = await coach.coach_reply(context, "I feel low lately")
    assert (outcome.source, outcome.fallback_reason) == ("offline", "unsafe_output")
    assert "sertraline" not in outcome.value.reply and "50%" in outcome.value.reply
    assert (await last_call(sessions)).fallback_reason == "unsafe_output"


async def test_a_copilot_answer_that_diagnoses_is_replaced_by_the_offline_answer(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.script(Reply.json({"reply": "Ana has been quiet.",
                            "risk_patterns": ["She is showing signs of clinical depression."]}))  # fmt: skip
    patient = PatientContext(name="Ana", analytics={"adherence_7d": 0.3})
    outcome = await coach.mentor_answer("deep_dive", patient, "What is wrong with Ana?")
    assert (outcome.source, outcome.fallback_reason) == ("offline", "unsafe_output")
    assert "depression" not in str(outcome.value.model_dump()) and "30%" in outcome.value.reply
    assert (await last_call(sessions)).fallback_reason == "unsafe_output"


async def test_a_plan_patch_sent_as_text_is_decoded(fake: FakeGemini, coach: CoachEngine) -> None:
    answer = {"reply": "Ana is on track.", "suggested_actions": [], "risk_patterns": [],
              "plan_patch": '{"habit": "Run", "frequency": "weekly:2"}'}  # fmt: skip
    fake.script(Reply.json(answer))
    outcome = await coach.mentor_answer("quick_check", PatientContext(name="Ana"), "How is Ana?")
    assert outcome.source == "gemini"
    assert outcome.value == MentorAnswer(reply="Ana is on track.",
                                         plan_patch={"habit": "Run", "frequency": "weekly:2"})  # fmt: skip
    schema = str(fake.requests[0].generation_config["responseSchema"])
    assert "mentor_question" in fake.requests[0].user and "additionalProperties" not in schema


async def test_an_sdk_error_outside_the_api_still_ends_in_an_answer(
    fake: FakeGemini, sessions: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    engine = CoachEngine(settings(fake, model=""), sessions)  # the SDK refuses an empty model
    outcome = await engine.analyze_journal(ENTRY)
    await engine.aclose()
    assert (outcome.source, outcome.fallback_reason) == ("offline", "internal_error")
    assert "the model path failed" in caplog.text and fake.requests == []


PLAN = {"title": "Run a 10k", "category": "fitness", "frequency": "3 times a week",
        "subgoals": ["Run 5k"], "habits": [{"title": "Run", "frequency": "weekly:3"}],
        "start_date": "2026-01-01", "end_date": "2027-06-01"}  # fmt: skip


async def test_a_gemini_plan_is_validated_and_starts_today(
    fake: FakeGemini, coach: CoachEngine, sessions: Sessions
) -> None:
    fake.script(Reply.json(PLAN))
    outcome = await coach.plan_goal(PlanRequest(text="run a 10k by June", today=date(2026, 11, 28)))
    assert outcome.source == "gemini"
    assert outcome.value.start_date == date(2026, 11, 28)  # the model's start date is not trusted
    assert outcome.value.habits[0].frequency == "weekly:3"
    sent = fake.requests[0]
    assert "<member_text>run a 10k by June</member_text>" in sent.user
    assert '"today":"2026-11-28"' in sent.user


@pytest.mark.parametrize(
    "plan",
    [PLAN | {"habits": [{"title": "Run", "frequency": "3x/week"}]},  # not a canonical frequency
     PLAN | {"end_date": "2026-01-02"},  # ends before today
     PLAN | {"habits": []},  # no habit
     PLAN | {"mood": "great"}],  # a field the schema does not have
    ids=["frequency", "end-before-start", "no-habit", "extra-field"],
)  # fmt: skip
async def test_a_plan_breaking_the_value_rules_falls_back(
    fake: FakeGemini, coach: CoachEngine, plan: dict[str, object]
) -> None:
    fake.script(Reply.json(plan))
    outcome = await coach.plan_goal(PlanRequest(text="run 3x a week", today=date(2026, 11, 28)))
    assert (outcome.source, outcome.fallback_reason) == ("offline", "invalid_output")
    assert outcome.value.habits[0].frequency == "weekly:3"


async def test_a_reply_with_four_action_steps_falls_back(
    fake: FakeGemini, coach: CoachEngine
) -> None:
    fake.script(Reply.json({"reply": "Go!", "action_steps": ["a", "b", "c", "d"]}))
    outcome = await coach.coach_reply(MemberContext(today=date(2026, 11, 28)), "hi")
    assert outcome.fallback_reason == "invalid_output" and len(outcome.value.action_steps) <= 3
