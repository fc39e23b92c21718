"""Coach chat: the member's message is screened, stored, then answered with their own context.

Order (docs/architecture.md): screen it for crisis language first (`coach.crisis`: the fixed safety
message, a safety event, the mentor alerted, no model call, and the text kept as a "crisis"
message that no context reads); otherwise store it, read the context, close the transaction,
call the engine, then store the reply with what it was based on (`context_used`: source,
fallback reason, call id, the figures used).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from coach.checkins import habit_histories
from coach.crisis import SafetyReply, respond
from coach.crisis import (
    handle_crisis as handle_crisis,  # re-exported: the Gemini risk flag calls it
)
from coach.llm.schemas import HabitFacts, MemberContext
from coach.members import Member, today
from coach.schedule import adherence, completed_count, scheduled_count, window
from coach.scores import HabitHistory, score
from coach.services import Services
from storage import checkins as checkin_store
from storage import goals as goal_store
from storage import messages as msg_store
from storage.model_calls import count_model_calls

log = logging.getLogger(__name__)
RECENT = 8


@dataclass(frozen=True)
class CoachAnswer:
    """The coach's reply with up to three next steps, and which source produced it."""

    text: str
    action_steps: list[str]
    source: str


@dataclass(frozen=True)
class SlowDown:
    """Over the per-member rate or the daily model-call cap; `note` False means stay quiet."""

    reason: str  # "rate" or "daily_cap"
    note: bool = True


def _facts(habit: Any, goal: Any, history: HabitHistory, day: date, budget: int) -> HabitFacts:
    freq, statuses = history.frequency, history.statuses
    figures = score(history, day, budget)
    first, last = window(day, 30)
    days = history.days()  # the same inputs as /progress (a measurable habit's credit too)
    due = scheduled_count(days.frequency, first, last, days.start)
    done = completed_count(days.frequency, days.done_days, first, last, days.start, days.credit)
    recent = [day - timedelta(days=i) for i in range(1, 8)]
    missed = [d for d in recent if statuses.get(d) == "missed" or (freq.scheduled_on(d) and not freq.flexible
              and d >= history.start and d not in statuses)]  # fmt: skip
    return HabitFacts(
        title=habit.title, goal=goal.title, frequency=habit.frequency, streak=figures.streak,
        strength=round(figures.strength, 2), adherence_7d=figures.adherence_7d,
        adherence_30d=figures.adherence_30d, missed_recently=missed,
        done_today=statuses.get(day) == "done", done_30d=round(done, 1), due_30d=round(due, 1),
    )  # fmt: skip


async def build_context(services: Services, *, member: Member) -> MemberContext:
    """Everything the coach may know about this member, and nothing about anyone else."""
    day = today(services, member)
    budget = services.settings.skip_budget_per_week
    since = services.clock() - timedelta(days=30)
    async with services.sessions() as session:
        goals = await goal_store.goals_for_user(session, user_id=member.id)
        recent = await checkin_store.recent_checkins(session, user_id=member.id, limit=RECENT)
        messages = await msg_store.recent_messages(session, user_id=member.id, limit=RECENT)
    found = await habit_histories(services, member=member)
    facts = [_facts(h, g, history, day, budget) for h, g, history in found]
    days = [history.days() for _, _, history in found]
    milestones = [
        f"{h.title}: {m}-check-in streak"
        for h, _, _ in found
        for m in (h.schedule or {}).get("celebrated", [])
    ]
    return MemberContext(
        name=member.name, today=day, timezone=member.timezone, language=member.language,
        goals=[f"{g.title} ({g.status})" for g in goals if g.status == "active" or g.created_at >= since],
        habits=facts, completion_ratio_30d=adherence(days, day, 30) if days else None,
        milestones=milestones, recent_checkins=[f"{d.isoformat()} {t}: {s}" for d, t, s in recent],
        recent_messages=[m.user_message or "" for m in reversed(messages) if m.user_message],
    )  # fmt: skip


def day_began(services: Services, member: Member) -> datetime:
    """The UTC moment the member's current day began (their local day-start hour)."""
    from zoneinfo import ZoneInfo

    day = today(services, member)
    local = datetime(
        day.year, day.month, day.day, member.day_start_hour, tzinfo=ZoneInfo(member.timezone)
    )
    return local.astimezone(services.clock().tzinfo)


async def over_daily_cap(services: Services, *, member: Member) -> SlowDown | None:
    """A SlowDown when the member used today's model calls (noted once a day), else None."""
    async with services.sessions() as session:
        used = await count_model_calls(  # every source counts: a fallback is still a call
            session, user_id=member.id, since=day_began(services, member), source=None
        )
    if used < services.settings.daily_model_calls:
        return None
    assert services.limits is not None
    return SlowDown(
        "daily_cap", note=services.limits.cap_note_due(member.id, today(services, member))
    )


async def reply(
    services: Services, *, member: Member, text: str
) -> CoachAnswer | SafetyReply | SlowDown:
    """Answer a member's message: screen it, store it, then ask the coach engine."""
    if (safety := await respond(services, member=member, text=text, source="chat")) is not None:
        return safety
    async with services.sessions.begin() as session:
        row = await msg_store.add_message(
            session, user_id=member.id, user_message=text, message_type="chat"
        )
    if capped := await over_daily_cap(services, member=member):
        return capped
    context = await build_context(services, member=member)
    outcome = await services.engine.coach_reply(context, text, user_id=member.id)
    answer = outcome.value
    used = {
        "source": outcome.source, "fallback_reason": outcome.fallback_reason,
        "call_id": str(outcome.call_id) if outcome.call_id else None,
        "habits": [h.title for h in context.habits], "completion_ratio_30d": context.completion_ratio_30d,
        "recent_checkins": len(context.recent_checkins), "recent_messages": len(context.recent_messages),
    }  # fmt: skip
    async with services.sessions.begin() as session:
        await msg_store.complete_message(
            session, message_id=row.id, ai_reply=answer.reply, context_used=used
        )
    return CoachAnswer(answer.reply, list(answer.action_steps), outcome.source)
