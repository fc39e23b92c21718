"""A plan suggestion's round trip: Gemini's plan_patch → Slack button → Telegram → plan → Slack DM."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

from coach.config import GeminiSettings
from coach.llm import CoachEngine
from handlers.slack.render import SUGGEST_ACTION
from handlers.telegram.suggestions import TelegramSuggestionSender
from storage.models import Habit, MentorInteraction, PlanSuggestion, User
from tests.fakes.gemini import FakeGemini, Reply
from tests.fakes.mentoring import NOW, add_mentor, add_patient, add_plan
from tests.fakes.telegram import callback_update
from tests.handlers.telegram.harness import Clock, TelegramChat, mentored_chat

if TYPE_CHECKING:
    from conftest import SlackWorld

PATCH = {"summary": "Run three times a week instead of daily",
         "habits": [{"match": "Run", "frequency": "weekly:3"}]}  # fmt: skip
ANSWER = {"reply": "Anna misses most runs mid-week; a lighter rhythm may help.",
          "suggested_actions": ["Ask about her mid-week schedule."],
          "risk_patterns": ["Missed 4 of 7 runs."], "plan_patch": PATCH}  # fmt: skip


@dataclass
class RoundTrip:
    """Slack, Telegram and Gemini fakes around one mentor and one patient with a plan."""

    slack: SlackWorld
    telegram: TelegramChat
    anna: User
    run: Habit


@pytest.fixture
async def trip(slack: SlackWorld, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[RoundTrip]:
    for name in ("GEMINI_API_KEY", "GEMINI_API_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL"):
        monkeypatch.delenv(name, raising=False)
    svc = slack.services
    async with FakeGemini() as gemini:
        gemini.script(Reply.json(ANSWER))
        online = GeminiSettings(
            api_key="test-key", api_url=gemini.url, timeout_seconds=2, max_retries=0
        )
        svc.engine = CoachEngine(online, svc.sessions, clock=lambda: NOW)
        mentor = await add_mentor(svc.sessions, "U1", "Dr Rivera")
        anna = await add_patient(svc.sessions, mentor, "Anna Smith", "anna")
        _, (run,) = await add_plan(svc.sessions, anna, "Run a 5k", [("Run", "daily")])
        chat = await mentored_chat(svc, anna.telegram_user_id or 0, Clock(NOW))
        svc.member_messenger = TelegramSuggestionSender(chat.app.bot)
        try:
            yield RoundTrip(slack, chat, anna, run)
        finally:
            await chat.app.shutdown()
            await svc.engine.aclose()


async def ask_for_answer(trip: RoundTrip) -> dict[str, Any]:
    """/patient → the answer with its suggestion button."""
    await trip.slack.command("/patient", "@anna how can I help her keep running?")
    await trip.slack.fake.wait_for(lambda f: f.responses("r1"))
    (answer,) = trip.slack.fake.responses("r1")
    (actions,) = [b for b in answer["blocks"] if b["type"] == "actions"]
    return actions["elements"][0]


async def press_on_telegram(trip: RoundTrip, data: str) -> None:
    await trip.telegram.feed(callback_update(trip.telegram.user_id, data))


def telegram_keyboard(trip: RoundTrip) -> tuple[str, list[dict[str, Any]]]:
    (sent,) = [p for m, p in trip.telegram.request.calls if m == "sendMessage"]
    markup = sent["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return sent["text"], markup["inline_keyboard"][0]


async def test_accepting_on_telegram_changes_the_plan_and_tells_both_sides(trip: RoundTrip) -> None:
    button = await ask_for_answer(trip)
    assert (
        button["action_id"] == SUGGEST_ACTION and button["text"]["text"] == "Suggest to Anna Smith"
    )

    await trip.slack.button(SUGGEST_ACTION, button["value"])
    await trip.slack.fake.wait_for(lambda f: f.responses("b1"))

    assert trip.slack.fake.responses("b1")[0]["text"].startswith("Sent to Anna Smith on Telegram")
    text, (accept, decline) = telegram_keyboard(trip)
    assert text.startswith("Your mentor Dr Rivera suggests a change to your plan: Run three times")
    assert "Habit “Run”: frequency daily → weekly:3" in text
    assert (accept["text"], decline["text"]) == ("Accept", "Decline")

    await press_on_telegram(trip, accept["callback_data"])

    async with trip.slack.services.sessions() as session:
        habit = await session.get(Habit, trip.run.id)
        (suggestion,) = await session.scalars(select(PlanSuggestion))
        actions = [(r.action, r.outcome, r.plan_patch is not None) for r in
                   await session.scalars(select(MentorInteraction).order_by(MentorInteraction.created_at))]  # fmt: skip
    assert habit.frequency == "weekly:3" and suggestion.status == "accepted"
    edits = [p["text"] for m, p in trip.telegram.request.calls if m == "editMessageText"]
    assert edits == ["Done: your plan is updated.\nHabit “Run”: frequency daily → weekly:3"]
    await trip.slack.fake.wait_for(lambda f: f.calls("chat.postMessage"))
    (dm,) = trip.slack.fake.calls("chat.postMessage")
    assert trip.slack.fake.calls("conversations.open") == [{"users": "U1"}]
    assert dm["channel"] == "DU1" and dm["text"].startswith(
        "Anna Smith accepted your plan suggestion"
    )
    assert actions == [("patient", "answered", True), ("suggest_plan", "answered", True)]


async def test_declining_keeps_the_plan_and_a_second_press_is_refused(trip: RoundTrip) -> None:
    button = await ask_for_answer(trip)
    await trip.slack.button(SUGGEST_ACTION, button["value"])
    await trip.slack.fake.wait_for(lambda f: f.responses("b1"))
    _, (_, decline) = telegram_keyboard(trip)

    await press_on_telegram(trip, decline["callback_data"])
    await press_on_telegram(trip, decline["callback_data"])
    await trip.slack.button(SUGGEST_ACTION, button["value"], response="again")
    await trip.slack.fake.wait_for(lambda f: f.responses("again"))

    async with trip.slack.services.sessions() as session:
        assert (await session.get(Habit, trip.run.id)).frequency == "daily"
    edits = [p["text"] for m, p in trip.telegram.request.calls if m == "editMessageText"]
    assert edits == ["Declined: your plan stays as it is.",
                     "You already answered this suggestion (declined)."]  # fmt: skip
    assert trip.slack.fake.responses("again")[0]["text"] == "Already sent to Anna Smith (declined)."
    (dm,) = trip.slack.fake.calls("chat.postMessage")
    assert "declined your plan suggestion" in dm["text"]


async def test_another_mentor_cannot_send_someone_elses_suggestion(trip: RoundTrip) -> None:
    await add_mentor(trip.slack.services.sessions, "U2", "Dr Chen")
    button = await ask_for_answer(trip)

    await trip.slack.button(SUGGEST_ACTION, button["value"], user="U2")
    await trip.slack.fake.wait_for(lambda f: f.responses("b1"))

    assert (
        trip.slack.fake.responses("b1")[0]["text"] == "That answer is not one of yours to act on."
    )
    assert [m for m, _ in trip.telegram.request.calls if m == "sendMessage"] == []
    async with trip.slack.services.sessions() as session:
        rows = list(
            await session.scalars(
                select(MentorInteraction).where(MentorInteraction.slack_user_id == "U2")
            )
        )
    assert [(r.action, r.outcome) for r in rows] == [("suggest_plan", "refused")]
