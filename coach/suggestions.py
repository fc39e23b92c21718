"""Plan suggestions on the member's side: show what would change, apply it, or decline it.

A plan patch (what the mentor's copilot proposes) looks like:
    {"summary": "Run three times a week instead of daily",
     "goal": {"title": "…", "frequency": "…", "category": "…", "end_date": "2027-01-31"},
     "goal_id": "<uuid, optional: defaults to the habit's goal or the only active goal>",
     "habits": [{"habit_id": "<uuid>" or "match": "<current title>",
                 "title": "<new title>", "frequency": "weekly:3"}]}
Every field is optional except that something must change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coach.i18n import N_, SOURCE, Translator, translator
from coach.i18n.words import category_name, describe_frequency
from storage import mentors as store
from storage.db import Sessions
from storage.goals import goals_for_user, habits_for_user
from storage.members import get_member
from storage.models import Goal, Habit, Mentor, PlanSuggestion, User

FREQUENCY = r"^(daily|weekdays|weekly:[1-7]|days:(mon|tue|wed|thu|fri|sat|sun)(,(mon|tue|wed|thu|fri|sat|sun))*)$"


class HabitChange(BaseModel):
    """A change to one habit, found by id or by its current title ("match", or "habit")."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    habit_id: uuid.UUID | None = None
    match: str | None = Field(default=None, alias="habit")
    title: str | None = Field(default=None, min_length=1, max_length=120)
    frequency: str | None = Field(default=None, pattern=FREQUENCY)


class GoalChange(BaseModel):
    """A change to the goal's own fields."""

    model_config = ConfigDict(extra="ignore")
    title: str | None = Field(default=None, min_length=1, max_length=120)
    category: str | None = Field(default=None, min_length=1, max_length=40)
    frequency: str | None = Field(default=None, min_length=1, max_length=40)
    end_date: date | None = None


class PlanPatch(BaseModel):
    """A proposed change to a member's plan."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    summary: str = Field(default="", max_length=300)
    goal_id: uuid.UUID | None = None
    goal: GoalChange | None = None
    habits: list[HabitChange] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _changes_something(self) -> PlanPatch:
        goal_fields = self.goal.model_dump(exclude_none=True) if self.goal else {}
        habit_fields = [h for h in self.habits if h.title or h.frequency]
        if not goal_fields and not habit_fields:
            raise ValueError("the patch changes nothing")
        return self


def parse(patch: dict[str, Any]) -> PlanPatch | None:
    """The patch validated, or None when it is not a usable plan change."""
    try:
        return PlanPatch.model_validate(patch)
    except ValidationError:
        return None


@dataclass
class Change:
    """One field of one goal or habit going from `old` to `new`."""

    target: Goal | Habit
    name: str
    old: Any
    new: Any

    def describe(self, t: Translator | None = None) -> str:
        """`Habit “Run”: frequency daily → weekly:3`, in the language of `t` (English by
        default, with the values as the plan stores them: the mentor reads the same line)."""
        t = t or translator(None)
        values = [_shown(t, self.name, v, habit=isinstance(self.target, Habit))
                  for v in (self.old, self.new)]  # fmt: skip
        translated = t.language != SOURCE and self.name in FIELDS
        part = t.gettext(FIELDS[self.name]) if translated else self.name
        if isinstance(self.target, Goal):
            return t.gettext("Goal “{title}”: {part} {old} → {new}", title=self.title, part=part,
                             old=values[0], new=values[1])  # fmt: skip
        return t.gettext("Habit “{title}”: {part} {old} → {new}", title=self.title, part=part,
                         old=values[0], new=values[1])  # fmt: skip

    @property
    def title(self) -> str:
        """The target's title (before this change, when it is the title that changes)."""
        return str(self.old) if self.name == "title" else self.target.title


# the fields a suggestion changes, as a member reads them (English keeps the stored name)
FIELDS = {"title": N_("title"), "frequency": N_("frequency"), "category": N_("category"),
          "end_date": N_("end date")}  # fmt: skip


def _shown(t: Translator, name: str, value: Any, *, habit: bool) -> str:
    """A field's value for the member: in words in their language; English keeps it as stored."""
    if value is None or value == "":
        return "—"
    if t.language == SOURCE:
        return str(value)
    if name == "frequency" and habit:
        return describe_frequency(t, str(value))
    if name == "category":
        return category_name(t, str(value))
    if isinstance(value, date):
        return t.date(value)
    return str(value)


class PatchProblem(ValueError):
    """The patch does not fit the member's current plan (message says why: an English text
    marked for the catalogue, so `t.gettext(str(problem))` says it in the member's language)."""


NO_HABIT = N_("a habit it changes is no longer in your plan")
NO_GOAL = N_("the goal it changes is no longer active")
NOT_A_PATCH = N_("it is not a plan change goalbot understands")
NO_CHANGE = N_("the plan already looks like that")


async def plan_changes(session: Any, *, user_id: uuid.UUID, patch: PlanPatch) -> list[Change]:
    """Resolve the patch against the member's current plan; raise PatchProblem if it does not fit."""
    goals = await goals_for_user(session, user_id=user_id, statuses=("active",))
    habits = [habit for habit, _ in await habits_for_user(session, user_id=user_id)]
    changes: list[Change] = []
    touched_goals: set[uuid.UUID] = set()
    for wanted in patch.habits:
        habit = _find_habit(habits, wanted)
        touched_goals.add(habit.goal_id)
        for name in ("title", "frequency"):
            new = getattr(wanted, name)
            if new is not None and new != getattr(habit, name):
                changes.append(Change(habit, name, getattr(habit, name), new))
    if patch.goal is not None:
        goal = _find_goal(goals, patch.goal_id, touched_goals)
        for name, new in patch.goal.model_dump(exclude_none=True).items():
            if new != getattr(goal, name):
                changes.append(Change(goal, name, getattr(goal, name), new))
    return changes


def _find_habit(habits: list[Habit], wanted: HabitChange) -> Habit:
    if wanted.habit_id is not None:
        hits = [h for h in habits if h.id == wanted.habit_id]
    else:
        key = (wanted.match or "").casefold().strip()
        hits = [h for h in habits if h.title.casefold().strip() == key]
        if not key and len(habits) == 1:
            hits = habits
    if len(hits) != 1:
        raise PatchProblem(NO_HABIT)
    return hits[0]


def _find_goal(goals: list[Goal], goal_id: uuid.UUID | None, touched: set[uuid.UUID]) -> Goal:
    if goal_id is not None:
        hits = [g for g in goals if g.id == goal_id]
    elif len(touched) == 1:
        hits = [g for g in goals if g.id in touched]
    else:
        hits = goals if len(goals) == 1 else []
    if len(hits) != 1:
        raise PatchProblem(NO_GOAL)
    return hits[0]


@dataclass
class Decision:
    """What happened to a suggestion, for the member and for the mentor."""

    status: str  # accepted, declined, decided (earlier), not_found, not_applicable
    member_text: str
    changes: list[str] = field(default_factory=list)
    summary: str = ""
    member_name: str | None = None
    mentor_slack_user_id: str | None = None
    mentor_language: str = "en"  # `changes` are in it (the mentor reads them)


STATUS_WORDS = {"accepted": N_("accepted"), "declined": N_("declined"), "failed": N_("failed")}


async def decide(
    sessions: Sessions, *, suggestion_id: uuid.UUID, user_id: uuid.UUID, accept: bool,
    now: datetime,
) -> Decision:  # fmt: skip
    """Accept (apply the patch to the plan) or decline a suggestion made to this member."""
    async with sessions.begin() as session:
        member = await get_member(session, user_id=user_id)
        row = await store.suggestion_for_update(session, suggestion_id=suggestion_id)
        t = translator(member.language if member is not None else None)
        if member is None or row is None or row.user_id != member.id:
            return Decision("not_found", t.gettext("That suggestion is no longer available."))
        if row.status != "pending":
            answered = t.gettext(STATUS_WORDS.get(row.status, row.status))
            return Decision("decided", t.gettext("You already answered this suggestion ({status}).",
                                                 status=answered))  # fmt: skip
        mentor = await _suggesting_mentor(session, row, member)
        patch = parse(row.patch)
        base = Decision("", "", summary=patch.summary if patch else "", member_name=member.name,
                        mentor_slack_user_id=mentor.slack_user_id if mentor else None,
                        mentor_language=mentor.language if mentor else "en")  # fmt: skip
        if not accept:
            await store.decide_suggestion(session, suggestion=row, status="declined", at=now)
            base.status = "declined"
            base.member_text = t.gettext("Declined: your plan stays as it is.")
            return base
        try:
            if patch is None:
                raise PatchProblem(NOT_A_PATCH)
            changes = await plan_changes(session, user_id=member.id, patch=patch)
        except PatchProblem as problem:
            await store.decide_suggestion(session, suggestion=row, status="failed", at=now)
            base.status = "not_applicable"
            base.member_text = t.gettext(
                "This suggestion can't be applied: {problem}. Your plan is unchanged.",
                problem=t.gettext(str(problem)),
            )
            return base
        # described before they are made (the titles as they were), for the mentor and the member
        to_mentor = translator(base.mentor_language)
        base.status, base.changes = "accepted", [c.describe(to_mentor) for c in changes]
        shown = [c.describe(t) for c in changes]
        for change in changes:
            setattr(change.target, change.name, change.new)
        await store.decide_suggestion(session, suggestion=row, status="accepted", at=now)
        base.member_text = "\n".join([t.gettext("Done: your plan is updated."), *shown])
        return base


async def _suggesting_mentor(session: Any, row: PlanSuggestion, member: User) -> Mentor | None:
    """The mentor who made this suggestion, if they are still the member's consented mentor."""
    if row.origin != "mentor" or row.interaction_id is None or member.mentor_consent_at is None:
        return None
    source = await store.interaction_by_id(session, interaction_id=row.interaction_id)
    if source is None or source.mentor_id is None or source.mentor_id != member.mentor_id:
        return None
    return await store.mentor_by_id(session, mentor_id=source.mentor_id)


async def preview(
    sessions: Sessions, *, user_id: uuid.UUID, patch: dict[str, Any], language: str | None = None
) -> list[str]:
    """The changes the patch would make to the member's current plan, in `language` (English
    by default; raise PatchProblem)."""
    parsed = parse(patch)
    if parsed is None:
        raise PatchProblem(NOT_A_PATCH)
    async with sessions() as session:
        changes = await plan_changes(session, user_id=user_id, patch=parsed)
    if not changes:
        raise PatchProblem(NO_CHANGE)
    t = translator(language)
    return [c.describe(t) for c in changes]
