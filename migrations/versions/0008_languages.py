"""member languages (#16): a mentor's language for the Slack texts and a group's for its
board and recap (English by default)

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add mentors.language and groups.language (members' is users.language, since 0001)."""
    op.add_column("mentors", sa.Column("language", sa.Text(), nullable=False, server_default="en"))
    op.add_column("groups", sa.Column("language", sa.Text(), nullable=False, server_default="en"))


def downgrade() -> None:
    """Drop mentors.language and groups.language."""
    op.drop_column("groups", "language")
    op.drop_column("mentors", "language")
