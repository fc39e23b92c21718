"""Where a member's plain message goes: routed on the understanding step's result only.

Order: the safety screen (crisis language gets the fixed safety flow, whatever else it looks
like); a member with no time zone yet is asked for one (a message naming a zone or city sets
it); a member who pressed Change on a plan gets it re-planned with their words; then the
understanding step (`coach.understanding`: the offline parser, or with Gemini the one model
call that also writes the reply) says what the message is, and this module routes it: goal ->
plan draft, plan edit -> the open draft revised, check-in(s) -> recorded when sure and within
reach, asked about with one tap when not, question or chat -> the coach.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from coach import amount_flow, chat, checkins, habit_edits, plans, settings_flow
from coach.chat import CoachAnswer, SafetyReply, SlowDown
from coach.checkins import CheckinOutcome, CheckinRefused, habit_start
from coach.crisis import respond
from coach.llm.offline_words import find_new_frequency, find_time_of_day
from coach.matching import Match
from coach.members import Member, set_timezone, today
from coach.services import Services
from coach.understanding import offline as offline_parser
from coach.understanding.online import model_turn
from coach.understanding.types import CheckinItem, HabitRef, Turn, Understood
from coach.written_dates import day_unclear
from storage import goals as goal_store
from storage import messages as msg_store


@dataclass(frozen=True)
class CheckinGuess:
    """A check-in the parser is unsure of, offered for one tap; `day` is the member's day."""

    match: Match
    day: date
    amount: float | None = None
    today: date | None = None  # the member's today, to say "for yesterday"


@dataclass(frozen=True)
class CheckinsFromWords:
    """What one message reported for several habits: recorded, refused, and asked about."""

    recorded: tuple[CheckinOutcome, ...] = ()
    refused: tuple[tuple[str, CheckinRefused], ...] = ()  # (habit title, why)
    asks: tuple[CheckinGuess, ...] = ()
    reply: str | None = None  # the coach's words when a model wrote them
    today: date | None = None


def looks_like_goal(text: str) -> bool:
    """True for 'run 3x a week' or 'I want to …'-style messages (kept for callers)."""
    from coach.understanding.lexicon import fold

    return offline_parser.looks_like_goal(fold(text).strip())


async def build_turn(services: Services, member: Member, text: str) -> Turn:
    """The message with the member's active habits (and their first days) and local today."""
    async with services.sessions() as session:
        pairs = await goal_store.habits_for_user(session, user_id=member.id)
    habits = tuple(HabitRef(h.id, h.title, habit_start(h, member), h.frequency) for h, _ in pairs)
    return Turn(text=text, habits=habits, today=today(services, member),
                backfill_days=services.settings.backfill_days, language=member.language)  # fmt: skip


async def understand(
    services: Services, member: Member, text: str
) -> tuple[Understood, uuid.UUID | None] | SafetyReply | SlowDown:
    """The understanding step: offline always; with Gemini, one call unless it is a goal/edit."""
    turn = await build_turn(services, member, text)
    offline = offline_parser.parse(turn)
    if not services.engine.online or offline.intent in ("goal", "plan_edit"):
        return offline, None  # a goal's one model call is the plan itself
    return await model_turn(services, member=member, turn=turn, offline=offline)


def _guess(item: CheckinItem, day: date) -> CheckinGuess:
    found = Match(item.habit_id, item.title, item.status, "low", yesterday=item.day < day)
    return CheckinGuess(found, item.day, item.amount, day)


async def _already(services: Services, member: Member, item: CheckinItem) -> bool:
    """True when the habit is already checked in with that status on that day."""
    back = (today(services, member) - item.day).days
    due = await checkins.due_today(services, member=member, back=back)
    return any(d.habit_id == item.habit_id and d.status == item.status for d in due)


async def _record(
    services: Services, member: Member, item: CheckinItem, text: str
) -> CheckinOutcome | CheckinRefused:
    if item.reach is not None:
        return CheckinRefused(item.reach)
    return await checkins.record(services, member=member, habit_id=item.habit_id, day=item.day,
                                 status=item.status, source="message", note=text[:500],
                                 amount=item.amount)  # fmt: skip


async def _checkins(
    services: Services, member: Member, text: str, understood: Understood, stored: bool
) -> object:
    items, day = understood.checkins, today(services, member)
    if (unclear := day_unclear(text, items, day)) is not None:
        return unclear
    if not stored and any(i.sure for i in items):
        async with services.sessions.begin() as session:  # the words are kept with the check-in
            await msg_store.add_message(
                session, user_id=member.id, user_message=text, message_type="checkin"
            )
    if len(items) == 1 and understood.reply is None:
        item = items[0]
        if item.reach is None and not item.sure:
            if await _already(services, member, item):  # "yes" after the Done: nothing to ask
                return await chat.reply(services, member=member, text=text)
            return _guess(item, day)
        return await _record(services, member, item, text)
    recorded, refused, asks = [], [], []
    for item in items:
        if item.reach is None and not item.sure:
            asks.append(_guess(item, day))
        elif isinstance(done := await _record(services, member, item, text), CheckinRefused):
            refused.append((item.title, done))
        else:
            recorded.append(done)
    return CheckinsFromWords(tuple(recorded), tuple(refused), tuple(asks), understood.reply, day)


async def _latest_draft(services: Services, member: Member) -> uuid.UUID | None:
    since = services.clock() - plans.CHANGE_WINDOW
    async with services.sessions() as session:
        row = await msg_store.latest_with_state(
            session, user_id=member.id, message_type=plans.DRAFT, state="draft", since=since
        )
    return row.id if row is not None else None


async def _edit_saved(services: Services, member: Member, text: str) -> object | None:
    """A plan change in words once no plan is open: the member's saved habit changes (the only
    one, else the one the words name); None when the member has no habit yet."""
    async with services.sessions() as session:
        pairs = await goal_store.habits_for_user(session, user_id=member.id)
    if not pairs:
        return None
    found = find_new_frequency(text)
    if found is None and (when := find_time_of_day(text)) is not None:
        # with several habits only the one the words name (else apply_words asks which)
        habit = pairs[0][0] if len(pairs) == 1 else habit_edits.named_habit(pairs, text)
        if habit is not None:
            return habit_edits.WhenInDay(habit.title, habit_edits.DAYPART_TIMES[when])
    if len(pairs) == 1 and found is not None:
        habit_id = pairs[0][0].id
        edited = await habit_edits.set_frequency(services, member=member, habit_id=habit_id,
                                                 frequency=found.frequency)  # fmt: skip
        if edited is not None:
            return edited
    return await habit_edits.apply_words(services, member=member, text=text)


async def route(
    services: Services, member: Member, text: str, understood: Understood, row: uuid.UUID | None
) -> object:
    """What the core does with one understood message (see the module's order)."""
    match understood.intent:
        case "crisis":
            return await chat.reply(services, member=member, text=text)
        case "goal":
            return await plans.draft(services, member=member, text=text, ask_model=row is None)
        case "plan_edit" if (draft_id := await _latest_draft(services, member)) is not None:
            return await plans.revise(services, member=member, draft_id=draft_id, correction=text)
        case "plan_edit" if (edited := await _edit_saved(services, member, text)) is not None:
            return edited  # no plan open: "make it 4 times a week" changes the saved habit
        case "plan_edit" if looks_like_goal(text):  # no plan, no habit: "rather run on weekends"
            return await plans.draft(services, member=member, text=text, ask_model=row is None)
        case "checkin":
            return await _checkins(services, member, text, understood, stored=row is not None)
    if (waiting := await _plan_waiting(services, member, understood)) is not None:
        return waiting
    if understood.reply is not None:
        return CoachAnswer(understood.reply, list(understood.action_steps), understood.source)
    return await chat.reply(services, member=member, text=text)


async def _plan_waiting(
    services: Services, member: Member, understood: Understood
) -> plans.PlanWaiting | None:
    """An unsaved plan, for small talk ("ok", "thx") or for any question before a first habit:
    the coach would only say "no habits yet" while the plan waits for one tap."""
    if understood.intent not in ("chat", "question"):
        return None
    if (found := await plans.waiting(services, user_id=member.id)) is None:
        return None
    if understood.intent == "question":
        async with services.sessions() as session:
            if await goal_store.habits_for_user(session, user_id=member.id):
                return None
    return found


async def _moved_on(services: Services, member: Member, text: str, answered: object) -> bool:
    """True when a message that did not fit a settings question is plainly something else —
    a question, a goal, a check-in, a sentence — rather than a mistyped value ("Narnia")."""
    if not (isinstance(answered, settings_flow.SettingAsked) and answered.retry):
        return False
    if len(text.split()) > 4:
        return True
    return offline_parser.parse(await build_turn(services, member, text)).intent != "chat"


async def handle_text(services: Services, *, member: Member, text: str) -> object:
    """Route one plain message (see the module's order) and return the core's result."""
    # crisis language goes to the safety flow, whatever else it looks like
    if (safety := await respond(services, member=member, text=text, source="chat")) is not None:
        return safety
    if not member.timezone_confirmed:
        return await set_timezone(services, user_id=member.id, text=text)
    if (setting := await settings_flow.pending(services, user_id=member.id)) is not None:
        answered = await settings_flow.answer(services, user_id=member.id, name=setting, text=text)
        if not await _moved_on(services, member, text, answered):
            return answered
        await settings_flow.drop(services, user_id=member.id)  # and the message goes its way
    if (amount := await amount_flow.number_reply(services, member=member, text=text)) is not None:
        return amount  # "12" after "Read 20 pages": today's amount
    if (draft_id := await plans.pending_change(services, user_id=member.id)) is not None:
        return await plans.revise(services, member=member, draft_id=draft_id, correction=text)
    found = await understand(services, member, text)
    if isinstance(found, SafetyReply | SlowDown):
        return found
    understood, row = found
    return await route(services, member, text, understood, row)
