"""the understanding step (#12): check-in amounts, understanding records

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (empty until its issue's work lands)."""


def downgrade() -> None:
    """Revert this revision."""
