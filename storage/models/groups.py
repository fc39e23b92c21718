"""Accountability groups' daily boards and challenges (#14)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, Integer, Text, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, created_at, uuid_pk


class GroupBoard(Base):
    """The one board message of a group on one local day (NULL message id: being posted)."""

    __tablename__ = "group_boards"

    group_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    written_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # last post/edit
    created_at: Mapped[datetime] = created_at()


class GroupChallenge(Base):
    """A challenge a group admin started; at most one per group runs (ended_at NULL)."""

    __tablename__ = "group_challenges"
    __table_args__ = (
        Index("uq_group_challenges_running", "group_id", unique=True,
              postgresql_where=text("ended_at IS NULL")),
    )  # fmt: skip

    id: Mapped[uuid.UUID] = uuid_pk()
    group_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("groups.id", ondelete="CASCADE"), nullable=False
    )
    title: Mapped[str] = mapped_column(Text, nullable=False)
    keyword: Mapped[str | None] = mapped_column(Text)  # habits whose title has it count
    target: Mapped[int] = mapped_column(Integer, nullable=False)  # check-ins per participant
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="SET NULL")
    )
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    result: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class GroupChallengeParticipant(Base):
    """A member who opted in to a challenge."""

    __tablename__ = "group_challenge_participants"

    challenge_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("group_challenges.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = created_at()
