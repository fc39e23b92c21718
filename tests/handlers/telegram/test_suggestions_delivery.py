"""Sending a plan suggestion on Telegram: the message, and a member who blocked the bot."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from telegram import Bot

from coach.i18n import translator
from coach.scheduled.easier_plans import EasierPlan
from handlers.telegram.notifier import TelegramNotifier
from handlers.telegram.suggestions import TelegramSuggestionSender
from mentor import audit, suggestions
from mentor.audit import AuditEntry
from storage.db import Sessions
from storage.models import PlanSuggestion
from tests.fakes.mentoring import add_mentor, add_patient, add_plan, services
from tests.fakes.telegram import RecordingRequest

PATCH = {"summary": "Walk on weekdays", "habits": [{"match": "Walk", "frequency": "weekdays"}]}


class BlockedRequest(RecordingRequest):
    """Telegram answering every send with 403: the member blocked the bot."""

    async def do_request(
        self, url: str, method: str, request_data: Any = None, **kw: Any
    ) -> tuple[int, bytes]:
        if url.endswith("/sendMessage"):
            self.calls.append(("sendMessage", dict(request_data.parameters)))
            body = {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
            return 403, json.dumps(body).encode()
        return await super().do_request(url, method, request_data, **kw)


async def suggest(sessions: Sessions, request: RecordingRequest) -> tuple[str, str, PlanSuggestion]:
    bot = Bot("123:TEST", request=request)
    await bot.initialize()
    svc = services(sessions, member_messenger=TelegramSuggestionSender(bot))
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    await add_plan(sessions, anna, "Walk more", [("Walk", "daily")])
    answer = AuditEntry(
        "U1", "patient", "answered", mentor_id=mentor.id, patient_id=anna.id, plan_patch=PATCH
    )
    interaction_id = await audit.record(sessions, answer)
    result = await suggestions.propose(svc, slack_user_id="U1", interaction_id=str(interaction_id))
    async with sessions() as session:
        row = await session.scalar(select(PlanSuggestion))
    assert row is not None
    return result.outcome, result.text, row


async def test_the_member_sees_who_suggests_what_with_accept_and_decline(
    sessions: Sessions,
) -> None:
    request = RecordingRequest()
    outcome, _, row = await suggest(sessions, request)
    ((_, sent),) = [c for c in request.calls if c[0] == "sendMessage"]
    assert outcome == "answered" and row.status == "pending"
    assert sent["text"] == ("Your mentor Dr Rivera suggests a change to your plan: Walk on weekdays\n\n"
                            "• Habit “Walk”: frequency daily → weekdays")  # fmt: skip
    buttons = sent["reply_markup"]["inline_keyboard"][0]
    assert [b["callback_data"] for b in buttons] == [
        f"sugg:accept:{row.id}",
        f"sugg:decline:{row.id}",
    ]


async def test_a_member_who_blocked_the_bot_is_reported_to_the_mentor(sessions: Sessions) -> None:
    outcome, text, row = await suggest(sessions, BlockedRequest())
    assert outcome == "failed" and text.startswith("Telegram did not deliver it to Anna Smith.")
    # still pending and undelivered: the outbox job retries it, and so may the mentor (#19)
    assert row.status == "pending" and row.delivered_at is None


async def test_the_weekly_reviews_easier_plan_reaches_a_spanish_member_in_spanish() -> None:
    request = RecordingRequest()
    bot = Bot("123:TEST", request=request)
    await bot.initialize()
    plan = EasierPlan(uuid.uuid4(), uuid.uuid4(), 61, date(2026, 6, 1),
                      "Un plan más ligero para «Correr más» durante las próximas semanas",
                      ["Hábito «Correr»: frecuencia todos los días → 4 veces por semana"],
                      language="es")  # fmt: skip
    assert (await TelegramNotifier(bot).send_suggestion(plan)).status == "sent"
    ((_, sent),) = [c for c in request.calls if c[0] == "sendMessage"]
    assert sent["text"] == (
        "Tu repaso semanal propone un plan más fácil: Un plan más ligero para «Correr más» "
        "durante las próximas semanas\n\n• Hábito «Correr»: frecuencia todos los días → 4 veces "
        "por semana"
    )
    labels = [b["text"] for b in sent["reply_markup"]["inline_keyboard"][0]]
    assert labels == [translator("es").gettext("Accept"), translator("es").gettext("Decline")]
