"""Credentials for the HTTP API: bearer tokens, kept only as hashes, with their scope."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, created_at, uuid_pk

TOKEN_SCOPES = ("member", "mentor")


class ApiToken(Base):
    """One issued API token: a member's (user_id) or a mentor's (mentor_id), never both.

    Only the SHA-256 of the token is kept; it is shown once, when issued. A revoked or
    expired token is refused; erasing the member or removing the mentor deletes theirs.
    """

    __tablename__ = "api_tokens"
    __table_args__ = (
        CheckConstraint(
            "(scope = 'member' AND user_id IS NOT NULL AND mentor_id IS NULL) OR "
            "(scope = 'mentor' AND mentor_id IS NOT NULL AND user_id IS NULL)",
            name="subject",
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    token_hash: Mapped[str] = mapped_column(Text, nullable=False, unique=True)
    scope: Mapped[str] = mapped_column(Text, nullable=False)
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("mentors.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = created_at()
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
