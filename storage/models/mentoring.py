"""Mentor-side records: the audited interactions, notes, invites, suggestions and alerts."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, Text, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, created_at, updated_at, uuid_pk


class MentorInteraction(Base):
    """One audited mentor action, answered, refused or failed (seed `mentor_interactions`).

    Kept when the mentor is removed (mentor_id set null, `slack_user_id` remains);
    erased with the patient, because it quotes the patient's data.
    """

    __tablename__ = "mentor_interactions"
    __table_args__ = (
        Index("ix_mentor_interactions_mentor_id_created_at", "mentor_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    mentor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("mentors.id", ondelete="SET NULL")
    )
    patient_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    mentor_message: Mapped[str | None] = mapped_column(Text)  # the first 4,000 characters
    mentor_message_chars: Mapped[int | None] = mapped_column(Integer)  # how long it was (#19)
    ai_reply: Mapped[str | None] = mapped_column(Text)
    sources_used: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    plan_patch: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    slack_user_id: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text, nullable=False, server_default="command")
    outcome: Mapped[str] = mapped_column(Text, nullable=False, server_default="answered")
    created_at: Mapped[datetime] = created_at()


class MentorNote(Base):
    """A mentor's note about a patient, used as context in later answers."""

    __tablename__ = "mentor_notes"

    id: Mapped[uuid.UUID] = uuid_pk()
    mentor_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("mentors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    patient_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    text: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = created_at()


class MentorInvite(Base):
    """A one-time code a member sends with /mentor to accept a mentor; only its hash is kept."""

    __tablename__ = "mentor_invites"

    id: Mapped[uuid.UUID] = uuid_pk()
    mentor_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("mentors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    code_hash: Mapped[str] = mapped_column(Text, nullable=False, unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = created_at()


class PlanSuggestion(Base):
    """A proposed change to a member's plan (from a mentor or the weekly review)."""

    __tablename__ = "plan_suggestions"
    # one suggestion per copilot answer and goal, however many presses (#19)
    __table_args__ = (
        Index(
            "uq_plan_suggestions_interaction_goal",
            "interaction_id",
            text("COALESCE(goal_id, '00000000-0000-0000-0000-000000000000'::uuid)"),
            unique=True,
            postgresql_where=text("interaction_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    goal_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("goals.id", ondelete="CASCADE"), index=True
    )
    interaction_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("mentor_interactions.id", ondelete="SET NULL")
    )
    origin: Mapped[str] = mapped_column(Text, nullable=False, server_default="mentor")
    patch: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    status: Mapped[str] = mapped_column(Text, nullable=False, server_default="pending")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # delivery to the member (#19): retried by the mentor's press and by a job until sent
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivery_attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class RiskAlert(Base):
    """A patient's risk level as last reported to their mentor, so each rise is told once."""

    __tablename__ = "risk_alerts"

    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    risk_level: Mapped[str] = mapped_column(Text, nullable=False)
    risk_score: Mapped[float | None] = mapped_column(Float)
    reported_at: Mapped[datetime] = created_at()
