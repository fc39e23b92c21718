"""accountability groups (#14): settings, sharing choices, boards, challenges, nudges

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GROUP_FLAGS = ("board_enabled", "leaderboard_enabled", "recap_enabled", "nudges_enabled")


def _flag(name: str, default: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), server_default=sa.text(default), nullable=False)


def upgrade() -> None:
    """Add group settings, per-membership choices, and the board and challenge tables."""
    for name in _GROUP_FLAGS:
        op.add_column("groups", _flag(name, "true"))
    op.add_column("groups", sa.Column("added_by", sa.UUID(), nullable=True))
    op.create_foreign_key(op.f("fk_groups_added_by_users"), "groups", "users", ["added_by"],
                          ["id"], ondelete="SET NULL")  # fmt: skip
    op.add_column("group_memberships", sa.Column("share_level", sa.Text(),
                  server_default="checked_in", nullable=False))  # fmt: skip
    op.add_column("group_memberships", sa.Column("shared_goal_ids", sa.ARRAY(sa.UUID()),
                  server_default="{}", nullable=False))  # fmt: skip
    op.add_column("group_memberships", _flag("rank_opt_out", "false"))
    op.add_column("group_memberships", _flag("nudge_opt_out", "false"))
    op.add_column("group_memberships", sa.Column("last_nudged_on", sa.Date(), nullable=True))
    op.add_column("group_memberships", sa.Column("updated_at", sa.DateTime(timezone=True),
                  server_default=sa.text("now()"), nullable=False))  # fmt: skip
    op.create_index(op.f("ix_group_memberships_updated_at"), "group_memberships", ["updated_at"])
    op.create_check_constraint(op.f("ck_group_memberships_share_level"), "group_memberships",
                               "share_level IN ('all', 'goals', 'checked_in')")  # fmt: skip
    op.create_index(op.f("ix_group_memberships_group_id"), "group_memberships", ["group_id"])
    _boards_and_challenges()


def _boards_and_challenges() -> None:
    op.create_table(
        "group_boards",
        sa.Column("group_id", sa.UUID(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_boards_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "day", name=op.f("pk_group_boards")),
    )
    op.create_table(
        "group_challenges",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("group_id", sa.UUID(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("keyword", sa.Text(), nullable=True),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.UUID(), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_group_challenges_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_group_challenges_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_challenges")),
    )
    op.create_index("uq_group_challenges_running", "group_challenges", ["group_id"], unique=True,
                    postgresql_where=sa.text("ended_at IS NULL"))  # fmt: skip
    op.create_table(
        "group_challenge_participants",
        sa.Column("challenge_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column(
            "joined_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["group_challenges.id"],
            name=op.f("fk_group_challenge_participants_challenge_id_group_challenges"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_group_challenge_participants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "challenge_id", "user_id", name=op.f("pk_group_challenge_participants")
        ),
    )
    op.create_index(op.f("ix_group_challenge_participants_user_id"),
                    "group_challenge_participants", ["user_id"])  # fmt: skip


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_index(op.f("ix_group_challenge_participants_user_id"),
                  table_name="group_challenge_participants")  # fmt: skip
    op.drop_table("group_challenge_participants")
    op.drop_index("uq_group_challenges_running", table_name="group_challenges")
    op.drop_table("group_challenges")
    op.drop_table("group_boards")
    op.drop_index(op.f("ix_group_memberships_group_id"), table_name="group_memberships")
    op.drop_constraint(op.f("ck_group_memberships_share_level"), "group_memberships", type_="check")
    op.drop_index(op.f("ix_group_memberships_updated_at"), table_name="group_memberships")
    for name in (
        "updated_at",
        "last_nudged_on",
        "nudge_opt_out",
        "rank_opt_out",
        "shared_goal_ids",
        "share_level",
    ):
        op.drop_column("group_memberships", name)
    op.drop_constraint(op.f("fk_groups_added_by_users"), "groups", type_="foreignkey")
    op.drop_column("groups", "added_by")
    for name in _GROUP_FLAGS:
        op.drop_column("groups", name)
