"""Members, mentors, their platform identities, and accountability groups."""

from __future__ import annotations

import uuid
from datetime import datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    SmallInteger,
    Text,
    Time,
    text,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, created_at, updated_at, uuid_pk


class Mentor(Base):
    """A mentor who oversees patients from Slack."""

    __tablename__ = "mentors"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(Text, nullable=False)
    slack_user_id: Mapped[str | None] = mapped_column(Text, unique=True)
    slack_team_id: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class User(Base):
    """A member (seed table `users`) plus the chat product's per-member settings."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str | None] = mapped_column(Text)
    mentor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("mentors.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_username: Mapped[str | None] = mapped_column(Text, index=True)
    timezone: Mapped[str] = mapped_column(Text, nullable=False, server_default="UTC")
    timezone_confirmed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("false")
    )
    reminder_time: Mapped[time] = mapped_column(Time, nullable=False, server_default="07:00")
    day_start_hour: Mapped[int] = mapped_column(SmallInteger, nullable=False, server_default="3")
    language: Mapped[str] = mapped_column(Text, nullable=False, server_default="en")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    mentor_consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    share_journal_text: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("false")
    )


class Group(Base):
    """An accountability group: one Telegram group chat."""

    __tablename__ = "groups"

    id: Mapped[uuid.UUID] = uuid_pk()
    telegram_chat_id: Mapped[int] = mapped_column(BigInteger, nullable=False, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(Text, nullable=False, server_default="UTC")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = updated_at()


class GroupMembership(Base):
    """A member's place in a group; leaving or erasure removes it."""

    __tablename__ = "group_memberships"

    group_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = created_at()
