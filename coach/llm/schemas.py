"""Typed inputs and results of the coach engine's five tasks.

Results are validated for shape *and* values here (Gemini enforces neither value limits
nor enums written in descriptions), whichever source produced them.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MOOD_TAGS = (
    "happy", "calm", "grateful", "proud", "motivated", "energetic", "hopeful",
    "tired", "stressed", "anxious", "sad", "lonely", "angry", "frustrated", "bored",
    "overwhelmed", "sick", "neutral",
)  # fmt: skip
MentorMode = Literal["quick_check", "deep_dive", "risk_intervention"]


class Strict(BaseModel):
    """Base of every engine model: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


# ---- results -------------------------------------------------------------------------------


class PlannedHabit(Strict):
    """A habit in a plan: a frequency such as daily, weekdays, weekly:3, days:mon,wed,fri."""

    title: str = Field(min_length=1, max_length=120)
    frequency: str = Field(pattern=r"^(daily|weekdays|weekly:[1-7]|days:[a-z,]+)$")
    schedule: str | None = Field(default=None, max_length=120, description="e.g. 'morning'")


class Plan(Strict):
    """A goal turned into a plan the member confirms."""

    title: str = Field(min_length=1, max_length=120)
    category: str = Field(min_length=1, max_length=40)
    frequency: str = Field(min_length=1, max_length=40)
    subgoals: list[str] = Field(default_factory=list, max_length=8)
    habits: list[PlannedHabit] = Field(min_length=1, max_length=5)
    start_date: date
    end_date: date | None = None
    notes: list[str] = Field(default_factory=list, max_length=5)  # what a correction changed

    @field_validator("end_date")
    @classmethod
    def _end_after_start(cls, value: date | None, info: Any) -> date | None:
        start = info.data.get("start_date")
        if value is not None and start is not None and value < start:
            raise ValueError("end_date is before start_date")
        return value


class CoachReply(Strict):
    """The coach's answer to a member, with at most three concrete next steps."""

    reply: str = Field(min_length=1, max_length=1500)
    action_steps: list[str] = Field(default_factory=list, max_length=3)


class JournalAnalysis(Strict):
    """Sentiment in [-1, 1], mood tags from `MOOD_TAGS`, and a short reflection."""

    sentiment_score: float = Field(ge=-1, le=1)
    mood_tags: list[str] = Field(default_factory=list, max_length=5)
    reflection: str = Field(default="", max_length=600)

    @field_validator("mood_tags")
    @classmethod
    def _known_tags(cls, value: list[str]) -> list[str]:
        unknown = [t for t in value if t not in MOOD_TAGS]
        if unknown:
            raise ValueError(f"unknown mood tags {unknown}")
        return list(dict.fromkeys(value))


class TurnCheckin(Strict):
    """A check-in the member's message reports, by habit id from their list."""

    habit_id: str = Field(min_length=1, max_length=64)
    status: Literal["done", "skipped", "missed"]
    days_ago: int = Field(default=0, ge=0, le=14)
    amount: float | None = Field(default=None, ge=0, le=100_000)


class CoachTurn(Strict):
    """One member message understood and answered in one call: intent, check-ins, risk, reply."""

    intent: Literal["checkin", "goal", "plan_edit", "question", "chat"] = "chat"  # omitted: chat
    checkins: list[TurnCheckin] = Field(default_factory=list, max_length=8)
    risk: bool = False
    reply: str = Field(min_length=1, max_length=1500)
    action_steps: list[str] = Field(default_factory=list, max_length=3)


class GroupRecap(Strict):
    """A weekly post for an accountability group."""

    post: str = Field(min_length=1, max_length=2000)


class MentorAnswer(Strict):
    """The copilot's answer to a mentor about one patient."""

    reply: str = Field(min_length=1, max_length=3000)
    suggested_actions: list[str] = Field(default_factory=list, max_length=5)
    risk_patterns: list[str] = Field(default_factory=list, max_length=5)
    plan_patch: dict[str, Any] | None = None


# ---- inputs --------------------------------------------------------------------------------


class PlanRequest(Strict):
    """A goal in plain words plus the member's constraints."""

    text: str
    today: date
    minutes_per_week: int | None = None
    deadline: date | None = None
    correction: str | None = None
    previous: Plan | None = None
    language: str = "en"  # the member's: shown texts (titles, milestones) are written in it


class HabitFacts(Strict):
    """What the member sees about one habit."""

    title: str
    goal: str
    frequency: str
    streak: int = 0
    strength: float = 0.0
    adherence_7d: float | None = None
    adherence_30d: float | None = None
    missed_recently: list[date] = Field(default_factory=list)
    done_today: bool = False
    done_30d: float | None = None  # completed and scheduled check-ins over 30 days, whose
    due_30d: float | None = None  # sums over the habits make completion_ratio_30d (#15)


class MemberContext(Strict):
    """Everything the coach may know about one member: only their own data.

    Prompts are trimmed history first: lines starting with an ISO date lose their oldest
    dates first, whichever way they are listed; undated lists are taken as oldest first.
    """

    name: str | None = None
    today: date
    timezone: str = "UTC"
    language: str = "en"  # the member's (`coach.i18n.SUPPORTED`): the reply is written in it
    goals: list[str] = Field(default_factory=list)
    habits: list[HabitFacts] = Field(default_factory=list)
    completion_ratio_30d: float | None = None
    milestones: list[str] = Field(default_factory=list)
    recent_checkins: list[str] = Field(default_factory=list)
    recent_messages: list[str] = Field(default_factory=list)


class MemberWeek(Strict):
    """One member's week in a group recap (no journal data, ever). A member who turned ranking
    off counts in the group's totals with `ranked` false and no name: never placed or named."""

    name: str
    completed: int
    scheduled: int
    streak: int = 0
    ranked: bool = True


class GroupWeek(Strict):
    """A group's week, the input of `group_recap`."""

    group: str
    week_start: date
    language: str = "en"  # the group's: the recap is written in it
    members: list[MemberWeek]


class PatientContext(Strict):
    """What a mentor's copilot may see about one patient (history trimmed as in MemberContext)."""

    name: str
    language: str = "en"  # the patient's (shown to the mentor; the answer is in the mentor's)
    plan: list[str] = Field(default_factory=list)
    last_checkins: list[str] = Field(default_factory=list)
    journal: list[str] = Field(default_factory=list)
    mentor_notes: list[str] = Field(default_factory=list)
    analytics: dict[str, Any] = Field(default_factory=dict)
    history: list[str] = Field(default_factory=list)
