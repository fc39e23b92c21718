"""Bounded waits: a model that hangs gives a waiting member the offline answer by the
interactive deadline, retries included; scheduled work has its own, longer deadline."""

from __future__ import annotations

import time

import pytest

from coach.config import GeminiSettings
from coach.llm import CoachEngine
from storage.db import Sessions
from tests.fakes.gemini import FakeGemini, Reply

ENTRY = "Long day, but I went for a walk after work and it helped."
GOOD = {"sentiment_score": 0.4, "mood_tags": ["calm"], "reflection": "Walks help."}


def hanging(fake: FakeGemini, **overrides: object) -> GeminiSettings:
    """Each attempt may take 2 s and is retried twice: 6 s and more without a deadline."""
    fake.default = Reply.json(GOOD, delay=30.0)
    values: dict[str, object] = {"api_key": "k", "api_url": fake.url, "timeout_seconds": 2.0,
                                 "max_retries": 2, "retry_base_seconds": 0.01}  # fmt: skip
    return GeminiSettings(**(values | overrides))


@pytest.mark.slow
async def test_a_hanging_model_answers_a_member_offline_by_the_deadline(
    fake: FakeGemini, sessions: Sessions
) -> None:
    engine = CoachEngine(hanging(fake, interactive_deadline_seconds=1.0), sessions)
    try:
        started = time.perf_counter()
        outcome = await engine.analyze_journal(ENTRY)
        elapsed = time.perf_counter() - started
    finally:
        await engine.aclose()
    assert (outcome.source, outcome.fallback_reason) == ("offline", "timeout")
    assert 0.9 <= elapsed < 1.6


def test_each_task_has_its_deadline_from_the_settings() -> None:
    engine = CoachEngine(GeminiSettings(), None)
    waiting = {t: engine.deadline_for(t) for t in ("coach_reply", "plan_goal", "analyze_journal",
                                                   "mentor_answer")}  # fmt: skip
    assert waiting == dict.fromkeys(waiting, 10.0)
    assert engine.deadline_for("group_recap") == 120.0
