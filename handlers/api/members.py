"""The member routes: goals, check-ins, chat and the member's dashboard — each one core call."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from coach import checkins, conversation, crisis, goals, plans
from coach.chat import CoachAnswer, SafetyReply, SlowDown, day_began
from coach.checkins import CheckinOutcome, CheckinRefused
from coach.groups import membership
from coach.members import Member, today
from coach.progress import progress
from handlers.api import schemas as s
from handlers.api.auth import Caller, Deps, member_for
from handlers.api.problems import Problem, answers
from handlers.present import REFUSALS

router = APIRouter(tags=["member"])
CAPPED = "That's all the coaching I can do for today; check-ins still work. Back tomorrow."
KINDS = {"CoachAnswer": "coach", "SafetyReply": "safety", "CheckinOutcome": "checkin",
         "CheckinGuess": "checkin_question", "CheckinRefused": "checkin", "PlanDraft": "plan_draft",
         "TimezoneSet": "timezone", "TimezoneUnknown": "timezone"}  # fmt: skip


def _slowed(d: Deps, member: Member, slow: SlowDown) -> Problem:
    """The daily model-call cap as a 429 that says when the member's next day starts."""
    wait = day_began(d.coach, member) + timedelta(days=1) - d.coach.clock()
    return Problem(
        429,
        CAPPED,
        kind="daily-cap",
        headers={"Retry-After": str(max(1, int(wait.total_seconds())))},
    )


@router.post("/goals", status_code=201, response_model=s.GoalOut, include_in_schema=False)
@router.post("/goals/", status_code=201, response_model=s.GoalOut, responses=answers(404, 422, 429))
async def create_goal(body: s.GoalIn, d: Deps, caller: Caller) -> s.GoalOut:
    """Plan a goal with the coach engine and store it with its subgoals and habits."""
    member = await member_for(d, caller, body.user_id)
    fields = plans.GoalFields(body.title, body.description, body.category, body.frequency,
                              body.constraints.time_per_week, body.constraints.deadline)  # fmt: skip
    result = await plans.plan_and_save(d.coach, member=member, fields=fields)
    match result:
        case plans.GoalSaved(goal_id=goal_id):
            return await _goal(d, member, goal_id)
        case SafetyReply(text=text):
            raise Problem(422, text, kind="safety")
        case SlowDown():
            raise _slowed(d, member, result)
        case plans.DeadlinePassed():
            raise Problem(422, "The deadline is before today; give a later one.", kind="invalid")
    raise Problem(503, "The plan could not be stored; please try again.")


async def _goal(d: Deps, member: Member, goal_id: uuid.UUID) -> s.GoalOut:
    found = await goals.goal_detail(d.coach, member=member, goal_id=goal_id)
    if isinstance(found, goals.GoalGone):
        raise Problem(404, "No goal with that id is reachable with this token.")
    g = found.goal
    return s.GoalOut(
        id=g.id, user_id=g.user_id, title=g.title, category=g.category, frequency=g.frequency,
        status=g.status, start_date=g.start_date, end_date=g.end_date, ai_plan=g.ai_plan,
        created_at=g.created_at,
        subgoals=[s.SubgoalOut(title=x.title, status=x.status, order=x.order) for x in found.subgoals],
        habits=[s.HabitOut(id=h.id, title=h.title, frequency=h.frequency, schedule=h.schedule,
                           active=h.active) for h in found.habits],
    )  # fmt: skip


def _status(completed: bool, status: str | None) -> str:
    if status is None:
        return "done" if completed else "missed"
    if (status == "done") != completed:
        raise Problem(422, f"completed={str(completed).lower()} contradicts status={status}.")
    return status


async def _habit(
    d: Deps, member: Member, goal_id: uuid.UUID, habit_id: uuid.UUID | None
) -> uuid.UUID:
    """The habit to check in: the one named, or the goal's only active habit.

    A goal's habits are remembered for a few seconds (a habit added since is looked up
    again; one paused since is still refused by `record`, which checks it is active)."""
    key = ("habits", member.id, goal_id)
    known = d.recent.get(key)
    if habit_id is not None and known and any(h == habit_id for h, _ in known):
        return habit_id
    found = await goals.active_habits_of(d.coach, member=member, goal_id=goal_id)
    if not isinstance(found, goals.GoalGone):
        d.recent[key] = found
    if isinstance(found, goals.GoalGone):
        raise Problem(404, "No goal with that id is reachable with this token.")
    if habit_id is not None and any(h == habit_id for h, _ in found):
        return habit_id
    if habit_id is None and len(found) == 1:
        return found[0][0]
    if not found:
        raise Problem(422, REFUSALS["inactive"], kind="inactive")
    raise Problem(422, "Name one of this goal's active habits with habit_id.", kind="which-habit",
                  habits=[{"id": str(h), "title": t} for h, t in found])  # fmt: skip


@router.post("/goals/{goal_id}/checkin", response_model=s.CheckinOut, responses=answers(404, 422))
async def check_in(
    goal_id: uuid.UUID, d: Deps, caller: Caller, user_id: uuid.UUID, completed: bool,
    day: date | None = None, status: Literal["done", "skipped", "missed"] | None = None,
    amount: Annotated[float | None, Query(ge=0, le=1_000_000)] = None,
    habit_id: uuid.UUID | None = None,
) -> s.CheckinOut:  # fmt: skip
    """Record (or change) a check-in of one of the goal's habits, for today unless `day`."""
    member = await member_for(d, caller, user_id)
    chosen = await _habit(d, member, goal_id, habit_id)
    when = day or today(d.coach, member)
    result = await checkins.record(d.coach, member=member, habit_id=chosen, day=when,
                                   status=_status(completed, status), source="api", amount=amount)  # fmt: skip
    if isinstance(result, CheckinRefused):
        detail = REFUSALS.get(result.reason, "That check-in was not recorded.")
        raise Problem(422, detail, kind=result.reason.replace("_", "-"))  # too_old → too-old
    return _checkin(goal_id, result)


def _checkin(goal_id: uuid.UUID, r: CheckinOutcome) -> s.CheckinOut:
    figures = s.HabitFigures(streak=r.score.streak, strength=round(r.score.strength, 4),
                             adherence_7d=r.score.adherence_7d, adherence_30d=r.score.adherence_30d)  # fmt: skip
    return s.CheckinOut(goal_id=goal_id, habit_id=r.habit_id, habit_title=r.title, day=r.day,
                        status=r.status, completed=r.status == "done", previous=r.previous,
                        figures=figures, milestone=r.milestone)  # type: ignore[arg-type]  # fmt: skip


def _kind(result: object) -> str:
    name = type(result).__name__
    return KINDS.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


NO_GROUP = "No such group for this member."


async def _in_group(d: Deps, member: Member, group_id: uuid.UUID) -> bool:
    """Whether `member` belongs to the group (a group they are not in is the same 404 as none)."""
    return any(
        m.group.id == group_id for m in await membership.my_groups(d.coach, user_id=member.id)
    )


@router.post("/chat", response_model=s.ChatOut, include_in_schema=False)
@router.post("/chat/", response_model=s.ChatOut, responses=answers(404, 422, 429))
async def chat(body: s.ChatIn, d: Deps, caller: Caller) -> s.ChatOut:
    """A message to the coach, routed as in the chat: screened for crisis first, understood,
    then answered privately (the daily model-call cap applies: 429 when it is used up). A
    `group_id` must name one of the member's groups, as text addressed to the bot in that
    group would; the answer is the member's own, never posted to the group."""
    member = await member_for(d, caller, body.user_id)
    safety = await crisis.respond(d.coach, member=member, text=body.message, source="api")
    if (
        safety is None
        and body.group_id is not None
        and not await _in_group(d, member, body.group_id)
    ):
        raise Problem(404, NO_GROUP)
    if safety is None and not body.message.strip():
        raise Problem(422, "Say a few words.")
    result = safety or await conversation.handle_text(d.coach, member=member, text=body.message)
    if isinstance(result, SlowDown):
        raise _slowed(d, member, result)
    text = "\n\n".join(r.text for r in d.dialog.render(result))
    steps = list(result.action_steps) if isinstance(result, CoachAnswer) else []
    return s.ChatOut(user_message=body.message, ai_reply=text or "OK.", kind=_kind(result),
                     action_steps=steps, timestamp=d.coach.clock())  # fmt: skip


@router.get(
    "/dashboard/user/{user_id}/goals", response_model=s.MemberDashboardOut, responses=answers(404)
)
async def member_dashboard(user_id: uuid.UUID, d: Deps, caller: Caller) -> s.MemberDashboardOut:
    """The member's active goals with each habit's completion figures and streak."""
    member = await member_for(d, caller, user_id)
    summary = await progress(d.coach, member=member, chart=False)
    listed = await goals.list_goals(d.coach, member=member)
    by_goal: dict[uuid.UUID, list[s.DashboardHabit]] = {}
    for line in summary.habits:
        figures = s.HabitFigures(streak=line.score.streak, strength=round(line.score.strength, 4),
                                 adherence_7d=line.score.adherence_7d, adherence_30d=line.score.adherence_30d)  # fmt: skip
        by_goal.setdefault(line.goal_id, []).append(
            s.DashboardHabit(id=line.habit_id, title=line.title, figures=figures)
        )  # type: ignore[arg-type]
    rows = [s.DashboardGoal(id=g.goal_id, title=g.title, status=g.status, habits=by_goal.get(g.goal_id, []))
            for g in listed]  # fmt: skip
    return s.MemberDashboardOut(day=summary.day, goals=rows, completion_7d=summary.adherence_7d,
                                completion_30d=summary.adherence_30d, on_track=summary.on_track)  # fmt: skip
