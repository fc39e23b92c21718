"""Goals, their subgoals and habits, and the check-ins against them."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, created_at, updated_at, uuid_pk

CHECKIN_STATUSES = ("done", "skipped", "missed")
TARGET_PERIODS = ("day", "week")
GOAL_STATUSES = ("active", "paused", "archived")


class Goal(Base):
    """A member's goal with the plan the coach engine produced (seed table `goals`)."""

    __tablename__ = "goals"
    __table_args__ = (CheckConstraint(f"status IN {GOAL_STATUSES}", name="status"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(Text, nullable=False)
    category: Mapped[str | None] = mapped_column(Text)
    frequency: Mapped[str | None] = mapped_column(Text)
    ai_plan: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Text, nullable=False, server_default="active")
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class Subgoal(Base):
    """A milestone on the way to a goal (seed table `subgoals`)."""

    __tablename__ = "subgoals"

    id: Mapped[uuid.UUID] = uuid_pk()
    goal_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("goals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(Text, nullable=False, server_default="pending")
    order: Mapped[int] = mapped_column("order", Integer, nullable=False, server_default="0")


class Habit(Base):
    """A repeated action with a frequency (seed table `habits`).

    `frequency` is a canonical string understood by `coach.schedule`: "daily", "weekdays",
    "weekly:N" (N times per week) or "days:mon,wed,fri"; `schedule` holds extra detail.
    `first_day` is the member's day it began, stored once (a database trigger fills it from
    `created_at` in the owner's zone when an insert does not give it). A measurable habit
    has a target (`target_amount` `target_unit` per `target_period`, "day" or "week");
    `reminder_times` are its own reminders (local times), NULL for the member's general one.
    """

    __tablename__ = "habits"
    __table_args__ = (
        CheckConstraint(
            f"target_period IS NULL OR target_period IN {TARGET_PERIODS}", name="target_period"
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    goal_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("goals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(Text, nullable=False)
    frequency: Mapped[str] = mapped_column(Text, nullable=False, server_default="daily")
    schedule: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
    first_day: Mapped[date] = mapped_column(Date, nullable=False, server_default=FetchedValue())
    target_amount: Mapped[float | None] = mapped_column(Numeric(asdecimal=False))
    target_unit: Mapped[str | None] = mapped_column(Text)
    target_period: Mapped[str | None] = mapped_column(Text)
    reminder_times: Mapped[list[time] | None] = mapped_column(ARRAY(Time))


class Checkin(Base):
    """One habit on one of the member's days (seed table `checkins`).

    Seed rows carry only goal, user, completed and times; newer rows also carry the habit,
    the member's local `day` and a `status`. A second row for one habit and day is refused.
    """

    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("habit_id", "day"),
        CheckConstraint(f"status IS NULL OR status IN {CHECKIN_STATUSES}", name="status"),
        Index("ix_checkins_user_id_day", "user_id", "day"),
        Index(
            "ix_checkins_unsynced",
            "updated_at",
            postgresql_where=text("NOT synced_to_snowflake"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    goal_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("goals.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    completed: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    synced_to_snowflake: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("false")
    )
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
    habit_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("habits.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, nullable=False, server_default="button")
    note: Mapped[str | None] = mapped_column(Text)
    # the quantity a check-in in words gave ("ran 7k" -> 7.0); units live with the habit
    amount: Mapped[float | None] = mapped_column(Numeric(asdecimal=False))
