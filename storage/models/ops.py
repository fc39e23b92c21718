"""Operational records: reminders and job runs (exactly once), sync state, model-call audit."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, created_at, uuid_pk


class ReminderSent(Base):
    """A reminder of one kind sent to one member on one of their days: at most one."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("user_id", "day", "kind"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    day: Mapped[date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(Text, nullable=False)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(Text, nullable=False, server_default="pending")
    created_at: Mapped[datetime] = created_at()


class JobRun(Base):
    """One firing of a scheduled job, written before the job does anything."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "fire_time"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    job: Mapped[str] = mapped_column(Text, nullable=False)
    fire_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    status: Mapped[str] = mapped_column(Text, nullable=False, server_default="running")
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    started_at: Mapped[datetime] = created_at()
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SyncWatermark(Base):
    """How far the sync has loaded one source table: (updated_at, id) of the last row."""

    __tablename__ = "sync_watermarks"

    table_name: Mapped[str] = mapped_column(Text, primary_key=True)
    watermark_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    watermark_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    updated_at: Mapped[datetime] = created_at()


class SyncRun(Base):
    """One sync pass: when, how many rows per table, and how it ended."""

    __tablename__ = "sync_runs"

    id: Mapped[uuid.UUID] = uuid_pk()
    started_at: Mapped[datetime] = created_at()
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(Text, nullable=False, server_default="running")
    rows: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(Text)
    # SYNC_INCLUDE_JOURNAL_TEXT as this pass ran: a change is carried to the warehouse (#19)
    journal_text: Mapped[bool | None] = mapped_column(Boolean)


class SyncChange(Base):
    """A row written in PostgreSQL that the sync has still to load (#19).

    Written by triggers in the writer's own transaction (migration 0004), so a change
    becomes visible exactly when its row does, however late that transaction commits; the
    sync deletes the changes it loaded once the warehouse has committed them.
    """

    __tablename__ = "sync_changes"
    __table_args__ = (Index("ix_sync_changes_table_name_id", "table_name", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=False), primary_key=True)
    table_name: Mapped[str] = mapped_column(Text, nullable=False)
    row_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    changed_at: Mapped[datetime] = created_at()


class SlackRequestSeen(Base):
    """A signed Slack request already handled; a replay within its window is refused (#19)."""

    __tablename__ = "slack_requests_seen"

    signature: Mapped[str] = mapped_column(Text, primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, index=True
    )


class Erasure(Base):
    """A member erased by /forget; the sync removes their warehouse rows, then marks it done."""

    __tablename__ = "erasures"

    user_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    erased_at: Mapped[datetime] = created_at()
    warehouse_done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SyncDeletion(Base):
    """A row deleted from PostgreSQL (e.g. a check-in undone) that the sync still has to delete."""

    __tablename__ = "sync_deletions"

    id: Mapped[uuid.UUID] = uuid_pk()
    table_name: Mapped[str] = mapped_column(Text, nullable=False)
    row_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    deleted_at: Mapped[datetime] = created_at()


class ModelCall(Base):
    """The audit of one coach-engine call: task, model, tokens, latency, source, outcome."""

    __tablename__ = "model_calls"
    # The daily cap counts a member's calls since their day began before every model call.
    __table_args__ = (
        Index("ix_model_calls_user_id_created_at", "user_id", "created_at"),
        Index("ix_model_calls_mentor_id_created_at", "mentor_id", "created_at"),  # mentor's cap
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    task: Mapped[str] = mapped_column(Text, nullable=False)
    model: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, nullable=False)
    fallback_reason: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text, nullable=False)
    latency_ms: Mapped[int] = mapped_column(Integer, nullable=False)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    output_tokens: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    mentor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("mentors.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = created_at()
