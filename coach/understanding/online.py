"""The Gemini side of the understanding step: one structured call returns intent and reply.

The same call that writes the coach's reply returns the understanding (`CoachTurn`: intent,
check-ins with habit ids from the member's list, a risk flag), so a message costs at most one
model call. Its check-ins are checked against the member's habits and the backfill reach, and
against the offline parser: where the two disagree about a habit, the member is asked with
one tap instead (a wrong record is worse than a question), and so is every check-in of a message
that hedges ("maybe I ran", "i think i did"), whatever the model says. A risk flag starts the fixed,
human-written safety flow; the model never writes a crisis reply. If the model fails, the
engine answers with the offline parser's reading and the offline coach's reply.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

from coach.chat import SafetyReply, SlowDown, build_context, over_daily_cap
from coach.llm.offline_coach import offline_reply
from coach.llm.schemas import CoachTurn, MemberContext, TurnCheckin
from coach.members import Member
from coach.services import Services
from coach.understanding.cues import HEDGE
from coach.understanding.lexicon import fold
from coach.understanding.types import CheckinItem, Turn, Understood
from storage import messages as msg_store

try:  # the safety helper's fixed flow (#12a) moves to coach.crisis; coach.chat had it before
    from coach.crisis import handle_crisis
except ImportError:  # pragma: no cover - until coach.crisis lands
    from coach.chat import handle_crisis  # type: ignore[attr-defined,no-redef]

MODEL_RISK = "model_risk"  # the safety_events category when only the model saw the risk


def _offline_turn(
    understood: Understood, context: MemberContext, text: str, turn: Turn
) -> CoachTurn:
    """The fallback answer: the offline parser's reading and the offline coach's reply."""
    intent = understood.intent if understood.intent != "crisis" else "chat"
    checkins = [TurnCheckin(habit_id=str(i.habit_id), status=i.status,  # type: ignore[arg-type]
                            days_ago=min(14, max(0, (turn.today - i.day).days)), amount=i.amount)
                for i in understood.checkins]  # fmt: skip
    reply = offline_reply(context, text)
    return CoachTurn(intent=intent, checkins=checkins, reply=reply.reply,  # type: ignore[arg-type]
                     action_steps=reply.action_steps)  # fmt: skip


def _item(found: TurnCheckin, turn: Turn, offline: Understood) -> CheckinItem | None:
    """A model check-in as an item: known habit only, within reach, checked against offline."""
    habit = next((h for h in turn.habits if str(h.habit_id) == found.habit_id), None)
    if habit is None:
        return None
    day = turn.today - timedelta(days=found.days_ago)
    reach = "too_old" if found.days_ago > turn.backfill_days else None
    if reach is None and habit.start is not None and day < habit.start:
        reach = "before_start"
    sure = 0.6 if HEDGE.search(fold(turn.text)) else 0.9  # "maybe I ran": ask, never record
    item = CheckinItem(habit.habit_id, habit.title, found.status, day, found.amount, sure, reach)
    mine = next((i for i in offline.checkins if i.habit_id == habit.habit_id), None)
    if mine is not None and (mine.status, mine.day) != (item.status, item.day):
        return replace(mine, confidence=min(mine.confidence, 0.6))  # disagree: ask
    return item


def understood_from(
    turn_value: CoachTurn, turn: Turn, offline: Understood, source: str
) -> Understood:
    """The model's answer as an `Understood` (risk -> crisis; check-ins validated)."""
    common = {"reply": turn_value.reply, "action_steps": tuple(turn_value.action_steps),
              "source": source}  # fmt: skip
    if turn_value.risk:
        return Understood("crisis", 1.0, category=MODEL_RISK, source=source)
    if offline.intent == "question" and turn_value.intent == "checkin":
        return Understood("question", 0.8, **common)  # a question is never a check-in
    found = [i for c in turn_value.checkins if (i := _item(c, turn, offline)) is not None]
    items = tuple({(i.habit_id, i.day): i for i in reversed(found)}.values())[::-1]  # one each
    if turn_value.intent == "checkin" and items:
        return Understood("checkin", min(i.confidence for i in items), items, **common)
    intent = "chat" if turn_value.intent == "checkin" else turn_value.intent
    return Understood(intent, 0.8, **common)


async def model_turn(
    services: Services, *, member: Member, turn: Turn, offline: Understood
) -> tuple[Understood, uuid.UUID] | SafetyReply | SlowDown:
    """Store the message, ask the engine once, and return what it understood (and the row)."""
    async with services.sessions.begin() as session:
        row = await msg_store.add_message(
            session, user_id=member.id, user_message=turn.text, message_type="chat"
        )
    if capped := await over_daily_cap(services, member=member):
        return (offline, row.id) if offline.intent == "checkin" else capped
    context = await build_context(services, member=member)
    habits = [{"id": str(h.habit_id), "title": h.title} for h in turn.habits]
    outcome = await services.engine.coach_turn(
        context, turn.text, habits=habits, user_id=member.id,
        offline=lambda: _offline_turn(offline, context, turn.text, turn),
    )  # fmt: skip
    understood = understood_from(outcome.value, turn, offline, outcome.source)
    if understood.intent == "crisis":
        return await handle_crisis(services, member=member, category=MODEL_RISK, source="chat",
                                   message_id=row.id)  # fmt: skip
    used = {"source": outcome.source, "fallback_reason": outcome.fallback_reason,
            "call_id": str(outcome.call_id) if outcome.call_id else None,
            "intent": understood.intent, "task": "coach_turn"}  # fmt: skip
    async with services.sessions.begin() as session:
        await msg_store.complete_message(
            session, message_id=row.id, ai_reply=understood.reply or "", context_used=used
        )
    return understood, row.id
