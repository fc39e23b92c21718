"""Goals from plain words: a plan draft from the coach engine, then save, change or cancel.

A draft lives in `messages` (message_type "plan_draft", the plan and its state in
context_used), so any process can answer the member's button press: states are
"draft", "awaiting_change", "saved", "cancelled" and "replaced".
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from coach.chat import SafetyReply, SlowDown, over_daily_cap
from coach.crisis import respond
from coach.llm.outcome import Outcome
from coach.llm.schemas import Plan, PlanRequest
from coach.members import Member, today
from coach.services import Services
from coach.targets import apply_targets
from storage import goals as goal_store
from storage import messages as msg_store
from storage.models import Message

DRAFT = "plan_draft"
OPEN = ("draft", "awaiting_change")  # waiting for Save / Change / Cancel
SAVABLE = (*OPEN, "saved")  # saving again answers with the goal already stored
CHANGE_WINDOW = timedelta(hours=2)
_HOURS = re.compile(r"(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?)\s*(?:a|per|each|/)\s*week")


@dataclass(frozen=True)
class PlanDraft:
    """A plan for the member to save, change or cancel."""

    draft_id: uuid.UUID
    plan: Plan
    source: str


@dataclass(frozen=True)
class ChangeAsked:
    """The member pressed Change: their next message is the correction."""

    draft_id: uuid.UUID


@dataclass(frozen=True)
class GoalSaved:
    """The goal was stored with its habits (again pressing Save changes nothing)."""

    goal_id: uuid.UUID
    title: str
    habits: list[str]


@dataclass(frozen=True)
class PlanCancelled:
    """The draft was dropped."""


@dataclass(frozen=True)
class PlanWaiting:
    """A plan the member has not saved, changed or cancelled yet (shown again with its buttons)."""

    draft_id: uuid.UUID
    title: str


@dataclass(frozen=True)
class DraftGone:
    """The draft is no longer open (saved, cancelled, replaced, or not this member's)."""


def minutes_per_week(text: str) -> int | None:
    """'at most 2 hours a week' → 120; None when the text states no weekly time."""
    match = _HOURS.search(text.lower())
    if not match:
        return None
    amount = float(match.group(1))
    return int(amount * 60) if match.group(2).startswith("h") else int(amount)


def _context(outcome: Outcome[Plan], plan: Plan, request: PlanRequest) -> dict[str, Any]:
    return {
        "state": "draft",
        "plan": plan.model_dump(mode="json"),
        "request": request.text,
        "source": outcome.source,
        "fallback_reason": outcome.fallback_reason,
        "call_id": str(outcome.call_id) if outcome.call_id else None,
    }


async def _plan(
    services: Services,
    member: Member,
    request: PlanRequest,
    *,
    keep: dict[str, Any] | None = None,
    ask_model: bool = True,
) -> PlanDraft | SlowDown:
    async with services.sessions.begin() as session:  # the words are stored before the model runs
        row = await msg_store.add_message(
            session, user_id=member.id, user_message=request.correction or request.text,
            message_type=DRAFT, context_used={"state": "planning"},
        )  # fmt: skip
    if capped := await over_daily_cap(services, member=member):
        return capped
    outcome = await services.engine.plan_goal(request, user_id=member.id, ask_model=ask_model)
    plan: Plan = outcome.value
    if keep:  # what the member stated outright (the API's title, category) beats the engine's
        plan = Plan.model_validate({**plan.model_dump(), **keep})
    async with services.sessions.begin() as session:
        await msg_store.complete_message(
            session, message_id=row.id, ai_reply=plan.title,
            context_used=_context(outcome, plan, request),
        )  # fmt: skip
    return PlanDraft(draft_id=row.id, plan=plan, source=outcome.source)


async def draft(
    services: Services, *, member: Member, text: str, ask_model: bool = True
) -> PlanDraft | SlowDown | SafetyReply:
    """Ask the coach engine for a plan from the member's words and keep it as a draft.

    `ask_model` False: the message already cost its one model call (the understanding turn).
    Crisis language is never planned: it gets the safety flow (`coach.crisis`).
    """
    if (safety := await respond(services, member=member, text=text, source="goal")) is not None:
        return safety
    request = PlanRequest(
        text=text[: services.settings.max_message_chars],
        today=today(services, member),
        minutes_per_week=minutes_per_week(text),
        language=member.language,
    )
    return await _plan(services, member, request, ask_model=ask_model)


@dataclass(frozen=True)
class GoalFields:
    """A goal given field by field (the HTTP API's POST /goals/) instead of in one sentence."""

    title: str
    description: str = ""
    category: str | None = None
    frequency: str | None = None
    minutes_per_week: int | None = None
    deadline: date | None = None

    def words(self) -> str:
        """The fields as the sentence a member would have typed."""
        parts = [self.title, self.description, self.frequency or ""]
        return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip())


@dataclass(frozen=True)
class DeadlinePassed:
    """The goal's deadline is before the member's today."""


async def plan_and_save(
    services: Services, *, member: Member, fields: GoalFields
) -> GoalSaved | SafetyReply | SlowDown | DeadlinePassed | DraftGone:
    """Plan a goal from its fields with the coach engine and store it at once (no draft step).

    The words are screened first: crisis language gets the safety path, and no plan.
    """
    text = fields.words()[: services.settings.max_message_chars]
    if (safety := await respond(services, member=member, text=text, source="goal")) is not None:
        return safety
    day = today(services, member)
    if fields.deadline is not None and fields.deadline < day:
        return DeadlinePassed()
    request = PlanRequest(text=text, today=day, deadline=fields.deadline, language=member.language,
                          minutes_per_week=fields.minutes_per_week or minutes_per_week(text))  # fmt: skip
    keep: dict[str, Any] = {"title": fields.title.strip()[:120]}
    if fields.category:
        keep["category"] = fields.category.strip()[:40]
    drafted = await _plan(services, member, request, keep=keep)
    if isinstance(drafted, SlowDown):
        return drafted
    return await save(services, user_id=member.id, draft_id=drafted.draft_id)


async def ask_change(
    services: Services, *, user_id: uuid.UUID, draft_id: uuid.UUID
) -> ChangeAsked | DraftGone:
    """Change pressed: wait for the member's correction in words."""
    if not await _move_draft(services, user_id, draft_id, "awaiting_change"):
        return DraftGone()
    return ChangeAsked(draft_id=draft_id)


async def pending_change(services: Services, *, user_id: uuid.UUID) -> uuid.UUID | None:
    """The draft waiting for a correction from this member, if any (recent only)."""
    since = services.clock() - CHANGE_WINDOW
    async with services.sessions() as session:
        row = await msg_store.latest_with_state(
            session, user_id=user_id, message_type=DRAFT, state="awaiting_change", since=since
        )
    return row.id if row is not None else None


async def waiting(services: Services, *, user_id: uuid.UUID) -> PlanWaiting | None:
    """The member's latest plan still waiting for Save / Change / Cancel (recent only)."""
    since = services.clock() - CHANGE_WINDOW
    async with services.sessions() as session:
        row = await msg_store.latest_with_state(
            session, user_id=user_id, message_type=DRAFT, state="draft", since=since
        )
    if row is None:
        return None
    return PlanWaiting(row.id, str((row.context_used or {}).get("plan", {}).get("title", "")))


async def drop_pending_change(services: Services, *, user_id: uuid.UUID) -> None:
    """The member moved on (another command): a pending Change no longer waits for words."""
    since = services.clock() - CHANGE_WINDOW
    async with services.sessions.begin() as session:
        row = await msg_store.latest_with_state(
            session, user_id=user_id, message_type=DRAFT, state="awaiting_change", since=since
        )
        if row is not None:
            await msg_store.set_state(session, message=row, state="draft")


async def revise(
    services: Services, *, member: Member, draft_id: uuid.UUID, correction: str
) -> PlanDraft | DraftGone | SlowDown | SafetyReply:
    """Re-plan a draft with the member's correction; the old draft is replaced."""
    if (
        safety := await respond(services, member=member, text=correction, source="plan")
    ) is not None:
        return safety
    async with services.sessions.begin() as session:
        if (row := await _open_draft(session, user_id=member.id, draft_id=draft_id)) is None:
            return DraftGone()
        context = dict(row.context_used or {})
        await msg_store.set_state(session, message=row, state="replaced")
    request = PlanRequest(
        text=str(context.get("request", "")),
        today=today(services, member),
        correction=correction[: services.settings.max_message_chars],
        previous=Plan.model_validate(context["plan"]),
        minutes_per_week=minutes_per_week(f"{context.get('request', '')} {correction}"),
        language=member.language,
    )
    return await _plan(services, member, request)


async def save(
    services: Services, *, user_id: uuid.UUID, draft_id: uuid.UUID
) -> GoalSaved | DraftGone:
    """Store the drafted goal with its subgoals and habits, exactly once."""
    async with services.sessions.begin() as session:
        row = await _open_draft(session, user_id=user_id, draft_id=draft_id, states=SAVABLE)
        if row is None:
            return DraftGone()
        context = dict(row.context_used or {})
        plan = Plan.model_validate(context["plan"])
        if context.get("state") == "saved":
            goal_id = uuid.UUID(context["goal_id"])
        else:
            goal, made = await goal_store.create_goal(
                session, user_id=user_id, title=plan.title, category=plan.category,
                frequency=plan.frequency, ai_plan={k: v for k, v in context.items() if k != "state"},
                start_date=plan.start_date,
                end_date=plan.end_date, subgoals=plan.subgoals, at=services.clock(),
                habits=[(h.title, h.frequency, {"when": h.schedule} if h.schedule else None)
                        for h in plan.habits],
            )  # fmt: skip
            await apply_targets(session, made)  # "read 20 pages" is a measurable habit
            goal_id = goal.id
            await msg_store.set_state(session, message=row, state="saved", goal_id=str(goal_id))
    return GoalSaved(goal_id=goal_id, title=plan.title, habits=[h.title for h in plan.habits])


async def cancel(
    services: Services, *, user_id: uuid.UUID, draft_id: uuid.UUID
) -> PlanCancelled | DraftGone:
    """Drop a draft."""
    if not await _move_draft(services, user_id, draft_id, "cancelled"):
        return DraftGone()
    return PlanCancelled()


async def _open_draft(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    draft_id: uuid.UUID,
    states: tuple[str, ...] = OPEN,
) -> Message | None:
    """The member's draft row, locked, while its state is one of `states` (default: still open)."""
    row = await msg_store.message_for_user(
        session, user_id=user_id, message_id=draft_id, message_type=DRAFT, lock=True
    )
    if row is None or (row.context_used or {}).get("state") not in states:
        return None
    return row


async def _move_draft(
    services: Services, user_id: uuid.UUID, draft_id: uuid.UUID, state: str
) -> bool:
    """Move an open draft to `state`; False when it is no longer open."""
    async with services.sessions.begin() as session:
        if (row := await _open_draft(session, user_id=user_id, draft_id=draft_id)) is None:
            return False
        await msg_store.set_state(session, message=row, state=state)
    return True
