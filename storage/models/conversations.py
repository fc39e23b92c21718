"""What members say: coach chat messages, journal entries, and safety events."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, created_at, updated_at, uuid_pk


class Message(Base):
    """A member's message and the coach's reply (seed table `messages`).

    The row is written with `ai_reply` empty before the model is called, then completed.
    """

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_user_id_created_at", "user_id", "created_at"),
        UniqueConstraint("telegram_update_id", "message_type"),  # a replayed update: one row
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    user_message: Mapped[str | None] = mapped_column(Text)
    ai_reply: Mapped[str | None] = mapped_column(Text)
    message_type: Mapped[str] = mapped_column(Text, nullable=False, server_default="chat")
    context_used: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    telegram_update_id: Mapped[int | None] = mapped_column(BigInteger)  # the inbox's update
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class JournalEntry(Base):
    """A journal entry (seed table `journal_entries`); `text` holds Fernet ciphertext, and so
    does `reflection`, the coach's short reply to it (it may echo the entry; #15 exports it)."""

    __tablename__ = "journal_entries"
    __table_args__ = (Index("ix_journal_entries_user_id_created_at", "user_id", "created_at"),)
    telegram_update_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    )
    text: Mapped[str | None] = mapped_column(Text)
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    mood_tags: Mapped[list[str]] = mapped_column(
        ARRAY(Text), nullable=False, server_default=sql_text("'{}'::text[]")
    )
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
    reflection: Mapped[str | None] = mapped_column(Text)


class SafetyEvent(Base):
    """Crisis language detected in something a member wrote; flagged for their mentor."""

    __tablename__ = "safety_events"

    id: Mapped[uuid.UUID] = uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    category: Mapped[str] = mapped_column(Text, nullable=False)
    source: Mapped[str] = mapped_column(Text, nullable=False)
    message_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("messages.id", ondelete="SET NULL")
    )
    mentor_notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=sql_text("false")
    )
    created_at: Mapped[datetime] = created_at()
