"""member experience (#15): habit first day, targets, reminders per habit

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (empty until its issue's work lands)."""


def downgrade() -> None:
    """Revert this revision."""
