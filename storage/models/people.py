"""Members, mentors, their platform identities, and accountability groups."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    SmallInteger,
    Text,
    Time,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
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
    # the language of the Slack texts this mentor reads (#16): English unless they chose one
    language: Mapped[str] = mapped_column(Text, nullable=False, server_default="en")
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
    reminders_enabled: Mapped[bool] = mapped_column(  # /settings reminder off|on (#15)
        Boolean, nullable=False, server_default=text("true")
    )
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
    # group settings (#14), changed by the group's admins with /groupsettings
    board_enabled: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("true")
    )
    leaderboard_enabled: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("true")
    )
    recap_enabled: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("true")
    )
    nudges_enabled: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("true")
    )
    # the language of the group's board and recap (#16), set with /groupsettings language de
    language: Mapped[str] = mapped_column(Text, nullable=False, server_default="en")
    added_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )


SHARE_LEVELS = ("all", "goals", "checked_in")


class GroupMembership(Base):
    """A member's place in a group; leaving or erasure removes it."""

    __tablename__ = "group_memberships"
    __table_args__ = (CheckConstraint(f"share_level IN {SHARE_LEVELS}", name="share_level"),)

    group_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True),
        ForeignKey("groups.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = created_at()
    # what the member shows the group: every habit, chosen goals' habits, or "checked in" only
    share_level: Mapped[str] = mapped_column(Text, nullable=False, server_default="checked_in")
    shared_goal_ids: Mapped[list[uuid.UUID]] = mapped_column(
        ARRAY(UUID(as_uuid=True)), nullable=False, server_default="{}"
    )
    rank_opt_out: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("false")
    )
    nudge_opt_out: Mapped[bool] = mapped_column(
        Boolean, nullable=False, server_default=text("false")
    )
    last_nudged_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = updated_at()  # the warehouse sync reads changes by it
