"""the understanding step (#12): check-in amounts, understanding records

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `checkins.amount`: the quantity a check-in in words gave ("ran 7k" -> 7)."""
    op.add_column("checkins", sa.Column("amount", sa.Numeric(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("checkins", "amount")
