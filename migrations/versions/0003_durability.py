"""durable inbox, outbox, milestones (#13)

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")


def upgrade() -> None:
    """The Telegram inbox with its lanes (leases), and the outbox."""
    op.create_table(
        "telegram_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("lane", sa.BigInteger(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_telegram_updates")),
    )
    op.create_index("ix_telegram_updates_pending", "telegram_updates", ["lane", "update_id"],
                    postgresql_where=sa.text("handled_at IS NULL"))  # fmt: skip
    op.create_index(op.f("ix_telegram_updates_handled_at"), "telegram_updates", ["handled_at"])
    op.create_table(
        "inbox_lanes",
        sa.Column("lane", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("lane", name=op.f("pk_inbox_lanes")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("dedup_key", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column(
            "next_attempt_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False
        ),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gave_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("dedup_key", name=op.f("uq_outbox_dedup_key")),
    )
    # a replayed update (its process died mid-handler) finds its rows instead of adding more
    op.add_column("messages", sa.Column("telegram_update_id", sa.BigInteger(), nullable=True))
    op.create_unique_constraint(op.f("uq_messages_telegram_update_id_message_type"), "messages",
                                ["telegram_update_id", "message_type"])  # fmt: skip
    op.add_column(
        "journal_entries", sa.Column("telegram_update_id", sa.BigInteger(), nullable=True)
    )
    op.create_unique_constraint(op.f("uq_journal_entries_telegram_update_id"), "journal_entries",
                                ["telegram_update_id"])  # fmt: skip
    op.create_index("ix_outbox_due", "outbox", ["next_attempt_at"],
                    postgresql_where=sa.text("delivered_at IS NULL"))  # fmt: skip


def downgrade() -> None:
    """Drop the outbox, the lanes and the inbox, and the update ids of messages and entries."""
    op.drop_constraint(op.f("uq_journal_entries_telegram_update_id"), "journal_entries")
    op.drop_column("journal_entries", "telegram_update_id")
    op.drop_constraint(op.f("uq_messages_telegram_update_id_message_type"), "messages")
    op.drop_column("messages", "telegram_update_id")
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("inbox_lanes")
    op.drop_index(op.f("ix_telegram_updates_handled_at"), table_name="telegram_updates")
    op.drop_index("ix_telegram_updates_pending", table_name="telegram_updates")
    op.drop_table("telegram_updates")
