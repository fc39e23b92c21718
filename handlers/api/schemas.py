"""The API's bodies and answers (Pydantic): what OpenAPI documents and every route returns."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _storable(text: str) -> str:
    """PostgreSQL text holds no NUL and only valid UTF-8 (no lone surrogates)."""
    text.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError, a ValueError
    return text


def Words(max_length: int, min_length: int = 0) -> Any:  # a function that reads as a type
    """A string of text a person wrote: no NUL, valid UTF-8, within the lengths."""
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length, pattern=r"^[^\x00]*$"),
        AfterValidator(_storable),
    ]


class Body(BaseModel):
    """A request body: unknown fields are refused, so a typo is a 422, not silence."""

    model_config = ConfigDict(extra="forbid")


# ---- goals ---------------------------------------------------------------------------------


class Constraints(Body):
    """Limits the plan must respect."""

    time_per_week: int | None = Field(default=None, ge=1, le=10_080, description="minutes")
    deadline: date | None = None


class GoalIn(Body):
    """A goal to plan and store."""

    user_id: uuid.UUID
    title: Words(120, 1)  # type: ignore[valid-type]
    description: Words(2000) = ""  # type: ignore[valid-type]
    category: Words(40) | None = None  # type: ignore[valid-type]
    frequency: Words(40) | None = Field(default=None, examples=["3x a week", "daily"])  # type: ignore[valid-type]
    constraints: Constraints = Field(default_factory=Constraints)


class HabitOut(BaseModel):
    """A habit of a goal: `frequency` is daily, weekdays, weekly:N or days:mon,wed,…"""

    id: uuid.UUID
    title: str
    frequency: str
    schedule: dict[str, Any] | None = None
    active: bool


class SubgoalOut(BaseModel):
    """A milestone on the way."""

    title: str
    status: str
    order: int


class GoalOut(BaseModel):
    """A stored goal with its plan."""

    id: uuid.UUID
    user_id: uuid.UUID
    title: str
    category: str | None
    frequency: str | None
    status: str
    start_date: date | None
    end_date: date | None
    ai_plan: dict[str, Any] | None
    subgoals: list[SubgoalOut]
    habits: list[HabitOut]
    created_at: datetime


# ---- check-ins -----------------------------------------------------------------------------


class HabitFigures(BaseModel):
    """A habit's figures today."""

    streak: int
    strength: float
    adherence_7d: float | None
    adherence_30d: float | None


class CheckinOut(BaseModel):
    """The recorded check-in and the habit's figures after it."""

    goal_id: uuid.UUID
    habit_id: uuid.UUID
    habit_title: str
    day: date
    status: Literal["done", "skipped", "missed"]
    completed: bool
    previous: str | None
    figures: HabitFigures
    milestone: int | None = None


# ---- chat ----------------------------------------------------------------------------------


class ChatIn(Body):
    """A member's message to the coach."""

    user_id: uuid.UUID
    group_id: uuid.UUID | None = None
    message: Words(4096, 1)  # type: ignore[valid-type]


class ChatOut(BaseModel):
    """The coach's answer (`kind` says what the message was taken as)."""

    user_message: str
    ai_reply: str
    kind: str = Field(examples=["coach", "safety", "checkin", "checkin_question", "plan_draft"])
    action_steps: list[str] = Field(default_factory=list)
    timestamp: datetime


# ---- mentors -------------------------------------------------------------------------------

MentorMode = Literal["quick_check", "deep_dive", "risk_intervention"]


class MentorChatIn(Body):
    """A mentor's question about one of their patients."""

    mentor_id: uuid.UUID
    patient_id: uuid.UUID
    message: Words(2000, 1)  # type: ignore[valid-type]
    mode: MentorMode = "quick_check"


class MentorChatOut(BaseModel):
    """The copilot's answer, with what it was built from."""

    ai_reply: str
    safety_message: str | None = None
    sources_used: dict[str, Any]
    suggested_actions: list[str]
    risk_patterns: list[str]
    interaction_id: uuid.UUID | None
    timestamp: datetime


class PatientAnalytics(BaseModel):
    """A patient's warehouse figures (None until the first sync has them)."""

    adherence_7d: float | None = None
    risk_level: str | None = None
    risk_score: float | None = None
    missed_count_7d: int | None = None
    days_since_checkin: int | None = None


class PatientOut(BaseModel):
    """One patient on the mentor's list."""

    id: uuid.UUID
    name: str
    handle: str
    analytics: PatientAnalytics


class PatientsOut(BaseModel):
    """The mentor's patients, riskiest first, and how fresh the figures are."""

    patients: list[PatientOut]
    analytics_available: bool
    analytics_error: str | None
    last_sync: datetime | None


class PatientPictureOut(BaseModel):
    """One patient's whole picture: PostgreSQL records and warehouse figures with their age."""

    id: uuid.UUID
    name: str
    plan: list[str]
    recent_checkins: list[str]
    checkin_history: list[str]
    journal: list[str]
    mentor_notes: list[str]
    analytics: dict[str, Any]
    analytics_age_minutes: int | None
    sources_used: dict[str, Any]


# ---- member dashboard ----------------------------------------------------------------------


class DashboardHabit(BaseModel):
    """A habit with its figures."""

    id: uuid.UUID
    title: str
    figures: HabitFigures


class DashboardGoal(BaseModel):
    """A goal with its habits' completion figures and streaks."""

    id: uuid.UUID
    title: str
    status: str
    habits: list[DashboardHabit]


class MemberDashboardOut(BaseModel):
    """The member's goals, and their overall completion over 7 and 30 days."""

    day: date
    goals: list[DashboardGoal]
    completion_7d: float | None
    completion_30d: float | None
    on_track: bool | None
