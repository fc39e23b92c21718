"""The durable inbox of Telegram updates, its per-member lanes, and the outbox of sends (#13).

An update is a row before Telegram gets its 200; a lane row says which process handles one
member's updates right now (a lease); an outbox row is a send that must not be lost (a mentor
alert), delivered by a job that records when it succeeded. docs/operations.md tells the rules.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, Integer, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, uuid_pk
from storage.models.base import created_at as _now_column


class TelegramUpdate(Base):
    """One Telegram update as it arrived, keyed by Telegram's update_id (a redelivery is absorbed)."""

    __tablename__ = "telegram_updates"
    __table_args__ = (
        # what the workers read: a lane's pending updates in order
        Index(
            "ix_telegram_updates_pending",
            "lane",
            "update_id",
            postgresql_where=text("handled_at IS NULL"),
        ),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    lane: Mapped[int] = mapped_column(BigInteger, nullable=False)  # the member (user or chat id)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    received_at: Mapped[datetime] = _now_column()
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    outcome: Mapped[str | None] = mapped_column(Text)  # done | failed | unparsable | gave_up


class InboxLane(Base):
    """A lease: process `owner` handles member `lane`'s updates, one at a time, until `lease_until`."""

    __tablename__ = "inbox_lanes"

    lane: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    owner: Mapped[str] = mapped_column(Text, nullable=False)
    lease_until: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class OutboxItem(Base):
    """A send that must reach someone (kind + JSON payload), delivered with retries by a job."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "next_attempt_at", postgresql_where=text("delivered_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    kind: Mapped[str] = mapped_column(Text, nullable=False)  # e.g. crisis_alert, risk_alert
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    dedup_key: Mapped[str | None] = mapped_column(Text, unique=True)  # one row per event
    created_at: Mapped[datetime] = _now_column()
    next_attempt_at: Mapped[datetime] = _now_column()
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    gave_up_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
