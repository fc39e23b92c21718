"""durable inbox, outbox, milestones (#13)

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (empty until its issue's work lands)."""


def downgrade() -> None:
    """Revert this revision."""
