"""The coach engine: every generated text goes through here, answered by Gemini or offline.

Order of every call: clean the input → safety screen (member text) → build the prompt →
ask Gemini (or not) → validate shape and values → check the output for diagnosis or
medication advice → fall back to the offline coach on any failure → write one audit row
in its own short transaction (never while the model is asked).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from coach.config import GeminiSettings
from coach.i18n import N_, translator
from coach.llm.gemini import GeminiModel, ModelFailure
from coach.llm.language import answer_in_language
from coach.llm.offline_coach import offline_reply
from coach.llm.offline_group import offline_mentor, offline_recap
from coach.llm.offline_journal import offline_journal
from coach.llm.offline_plan import offline_plan
from coach.llm.outcome import Outcome, T
from coach.llm.prompts import Prompt, build_prompt
from coach.llm.schemas import (
    CoachReply,
    CoachTurn,
    GroupRecap,
    GroupWeek,
    JournalAnalysis,
    MemberContext,
    MentorAnswer,
    MentorMode,
    PatientContext,
    Plan,
    PlanRequest,
)
from coach.safety import check_output, country_for, safety_message, screen
from coach.services import utc_now
from coach.text import CleanText, clean_text
from storage.db import Sessions
from storage.model_calls import record_model_call

log = logging.getLogger(__name__)
SCHEDULED_TASKS = frozenset({"group_recap"})  # nobody waits for these: the longer deadline
# Each language's catalogue names that language's main lines (the full list: coach.safety).
CRISIS_REFLECTION = N_(
    "What you wrote matters. Please reach out to someone now: 988 (US), 116 123 (UK and "
    "Ireland), findahelpline.com elsewhere, or your local emergency number."
)


@dataclass(frozen=True)
class _Call:
    """What the audit row will say about one call."""

    task: str
    source: str
    outcome: str
    reason: str | None = None
    model: str | None = None
    attempts: int = 0
    prompt_tokens: int | None = None
    output_tokens: int | None = None
    user_id: uuid.UUID | None = None
    mentor_id: uuid.UUID | None = None


def _bad_input_reason(cleaned: CleanText) -> str | None:
    if cleaned.unreadable:
        return "unreadable_input"
    return "empty_input" if cleaned.empty else None


def _texts(value: BaseModel) -> str:
    """All generated prose of a result, for the output safety check."""
    return "\n".join(str(v) for v in value.model_dump(mode="json").values() if v)


def parse_answer(text: str, schema: type[T]) -> T | None:
    """Validate the model's JSON text against `schema` (shape and values); None when it fails."""
    try:
        data = json.loads(text)
        patch = data.get("plan_patch") if isinstance(data, dict) else None
        if isinstance(patch, str):  # sent as text: Gemini's schema has no free-form objects
            data["plan_patch"] = json.loads(patch) if patch.strip() else None
        return schema.model_validate(data)
    except (ValueError, ValidationError, AttributeError):
        return None


class CoachEngine:
    """The five coach tasks, each answered by Gemini or by the offline coach, and audited."""

    def __init__(
        self,
        settings: GeminiSettings,
        sessions: Sessions | None,
        *,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._settings = settings
        self._sessions = sessions  # None: no audit (benchmarks)
        self._clock = clock  # stamps audit rows, so tests with a fixed clock count them
        self._model = GeminiModel(settings) if settings.online else None

    async def plan_goal(
        self, request: PlanRequest, *, user_id: uuid.UUID | None = None, ask_model: bool = True
    ) -> Outcome[Plan]:
        """Turn a goal in plain words into a plan (`ask_model` False: this message had its call)."""
        cleaned = clean_text(request.text)
        correction = clean_text(request.correction).text if request.correction else None

        def offline() -> Plan:
            return offline_plan(request.model_copy(update={"correction": correction}), cleaned.text)

        data = request.model_dump(mode="json", exclude={"text", "correction"})
        text = cleaned.text + (f"\nCorrection: {correction}" if correction else "")
        return await self._ask("plan_goal", Plan, data, text, offline, cleaned, user_id=user_id,
                               fix=lambda plan: _plan_from_today(plan, request.today),
                               ask_model=ask_model, language=request.language)  # fmt: skip

    async def coach_reply(
        self, context: MemberContext, message: str, *, user_id: uuid.UUID | None = None
    ) -> Outcome[CoachReply]:
        """Answer a member's message with their own figures and up to three action steps."""
        cleaned = clean_text(message)
        if crisis := screen(cleaned.text or message[:20_000]):
            value = CoachReply(reply=_safety_message(context))
            return await self._safety("coach_reply", value, crisis.category, user_id)
        data = context.model_dump(mode="json")
        return await self._ask("coach_reply", CoachReply, data, cleaned.text,
                               lambda: offline_reply(context, cleaned.text), cleaned,
                               user_id=user_id, language=context.language)  # fmt: skip

    @property
    def online(self) -> bool:
        """True when Gemini is configured (calls may still fall back to the offline coach)."""
        return self._model is not None

    async def coach_turn(
        self,
        context: MemberContext,
        message: str,
        *,
        habits: list[dict[str, str]],
        offline: Callable[[], CoachTurn],
        user_id: uuid.UUID | None = None,
    ) -> Outcome[CoachTurn]:
        """Understand and answer a member's message in one model call (offline: `offline()`)."""
        cleaned = clean_text(message)
        if crisis := screen(cleaned.text or message[:20_000]):
            value = CoachTurn(intent="chat", risk=True, reply=_safety_message(context))
            return await self._safety("coach_turn", value, crisis.category, user_id)
        data = context.model_dump(mode="json") | {"habit_ids": habits}
        return await self._ask("coach_turn", CoachTurn, data, cleaned.text, offline, cleaned,
                               user_id=user_id, language=context.language)  # fmt: skip

    async def analyze_journal(
        self, text: str, *, user_id: uuid.UUID | None = None, language: str = "en"
    ) -> Outcome[JournalAnalysis]:
        """Sentiment in [-1, 1] and mood tags of a journal entry (the reflection in `language`)."""
        cleaned = clean_text(text)
        if crisis := screen(cleaned.text or text[:20_000]):
            reflection = translator(language).gettext(CRISIS_REFLECTION)
            value = JournalAnalysis(sentiment_score=0.0, mood_tags=["neutral"],
                                    reflection=reflection)  # fmt: skip
            return await self._safety("analyze_journal", value, crisis.category, user_id)
        return await self._ask("analyze_journal", JournalAnalysis, {}, cleaned.text,
                               lambda: offline_journal(cleaned.text, language), cleaned,
                               user_id=user_id, language=language)  # fmt: skip

    async def group_recap(self, week: GroupWeek) -> Outcome[GroupRecap]:
        """A weekly post for a group, from the numbers only."""
        data = week.model_dump(mode="json")
        return await self._ask("group_recap", GroupRecap, data, None, lambda: offline_recap(week),
                               language=week.language)  # fmt: skip

    async def mentor_answer(
        self,
        mode: MentorMode,
        context: PatientContext,
        message: str,
        *,
        mentor_id: uuid.UUID | None = None,
        patient_id: uuid.UUID | None = None,
        language: str = "en",
    ) -> Outcome[MentorAnswer]:
        """Answer a mentor's question about one patient, in the given mode (and the mentor's
        `language`: English unless the mentor chose another)."""
        cleaned = clean_text(message)
        data = {"mode": mode, **context.model_dump(mode="json")}
        # An empty question still gets the facts: only unreadable text is refused.
        usable = replace(cleaned, text=cleaned.text or "(no question: give an overview)")
        return await self._ask("mentor_answer", MentorAnswer, data, usable.text,
                               lambda: offline_mentor(mode, context, cleaned.text, language), usable,
                               user_id=patient_id, mentor_id=mentor_id,
                               language=language)  # fmt: skip

    def deadline_for(self, task: str) -> float:
        """The longest one task's model call may take, retries included, before the offline
        answer: short when someone waits for it, longer for scheduled work."""
        s = self._settings
        waiting = task not in SCHEDULED_TASKS
        return s.interactive_deadline_seconds if waiting else s.scheduled_deadline_seconds

    async def aclose(self) -> None:
        """Release the model client's connections."""
        if self._model is not None:
            await self._model.aclose()

    # ---- the one path every task takes ---------------------------------------------------

    async def _ask(
        self,
        task: str,
        schema: type[T],
        data: dict[str, Any],
        text: str | None,
        offline: Callable[[], T],
        cleaned: CleanText | None = None,
        *,
        user_id: uuid.UUID | None = None,
        mentor_id: uuid.UUID | None = None,
        fix: Callable[[T], T | None] | None = None,
        ask_model: bool = True,
        language: str = "en",
    ) -> Outcome[T]:
        started = time.perf_counter()
        ids = {"user_id": user_id, "mentor_id": mentor_id}
        bad = _bad_input_reason(cleaned) if cleaned is not None else None
        if bad or self._model is None or not ask_model:
            reason = bad or ("no_api_key" if self._model is None else "one_call_per_message")
            call = _Call(task, "offline", "bad_input" if bad else "offline", reason, **ids)
            return await self._finish(call, offline(), started)
        budget = self._settings.input_token_budget.get(task, 2000)
        prompt = build_prompt(task, data, text, budget, language)
        asked = _Call(task, "gemini", "answered", model=self._settings.model, **ids)
        call, value = await self._from_model(self._model, asked, prompt, schema, fix, language)
        return await self._finish(call, offline() if value is None else value, started)

    async def _from_model(
        self,
        model: GeminiModel,
        call: _Call,
        prompt: Prompt,
        schema: type[T],
        fix: Callable[[T], T | None] | None,
        language: str = "en",
    ) -> tuple[_Call, T | None]:
        """Ask Gemini; the returned record says what happened, the value is None if unusable."""
        fallback = replace(call, source="offline", outcome="fallback")
        try:
            answer = await model.generate(
                prompt, schema, self._settings.output_token_budget.get(call.task, 512),
                deadline=self.deadline_for(call.task),
            )  # fmt: skip
        except ModelFailure as failure:
            return replace(fallback, reason=failure.reason, attempts=failure.attempts), None
        except Exception:  # a bug on the model path must still leave the member an answer
            log.exception("the model path failed for task %s", call.task)
            return replace(fallback, reason="internal_error"), None
        spent = {"attempts": answer.attempts, "prompt_tokens": answer.prompt_tokens,
                 "output_tokens": answer.output_tokens}  # fmt: skip
        value = parse_answer(answer.text, schema)
        if value is not None and fix is not None:
            value = fix(value)
        if value is None:
            return replace(fallback, reason="invalid_output", **spent), None
        if not answer_in_language(value, language):  # rejected like an invalid answer
            return replace(fallback, reason="wrong_language", **spent), None
        if unsafe := check_output(_texts(value)):
            log.warning("model output held back (%s) for task %s", unsafe, call.task)
            return replace(fallback, reason="unsafe_output", **spent), None
        return replace(call, **spent), value

    async def _safety(
        self, task: str, value: T, category: str, user_id: uuid.UUID | None
    ) -> Outcome[T]:
        call = _Call(task, "safety", "safety", "crisis", user_id=user_id)  # category: safety_events
        return await self._finish(call, value, time.perf_counter())

    async def _finish(self, call: _Call, value: T, started: float) -> Outcome[T]:
        latency = round((time.perf_counter() - started) * 1000)
        call_id = await self._audit(call, latency)
        return Outcome(value=value, source=call.source, fallback_reason=call.reason,  # type: ignore[arg-type]
                       model=call.model, latency_ms=latency, prompt_tokens=call.prompt_tokens,
                       output_tokens=call.output_tokens, call_id=call_id)  # fmt: skip

    async def _audit(self, call: _Call, latency_ms: int) -> uuid.UUID | None:
        """Write the audit row in its own transaction; a failure is logged, never raised."""
        if self._sessions is None:
            return None
        call_id = uuid.uuid4()
        try:
            async with self._sessions() as session, session.begin():
                await record_model_call(
                    session, task=call.task, source=call.source, outcome=call.outcome,
                    latency_ms=latency_ms, model=call.model, fallback_reason=call.reason,
                    prompt_tokens=call.prompt_tokens, output_tokens=call.output_tokens,
                    attempts=call.attempts, user_id=call.user_id, mentor_id=call.mentor_id,
                    call_id=call_id, created_at=self._clock(),
                )  # fmt: skip
        except Exception:  # the answer matters more than its audit row
            log.exception("could not write the model_calls row for task %s", call.task)
            return None
        return call_id


def _safety_message(context: MemberContext) -> str:
    """The human-written safety message in the member's language, their country's lines first."""
    return safety_message(context.language, country_for(context.timezone))


def _plan_from_today(plan: Plan, today: Any) -> Plan | None:
    """The model's plan starting today (as the request says); None when its dates are invalid."""
    try:
        return Plan.model_validate(plan.model_dump() | {"start_date": today})
    except ValidationError:
        return None
