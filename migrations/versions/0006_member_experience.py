"""member experience (#15): habit first day, targets, reminders per habit

Revision ID: 0006
Revises: 0005

- `habits.first_day`: the member's day the habit began, stored once, so a later time-zone
  change moves future days only. Existing rows are filled from `created_at` in the owner's
  zone and day-start hour; a BEFORE INSERT trigger fills it the same way for any insert that
  does not give it (raw SQL, old code paths), so it is never NULL.
- `habits.target_amount`, `target_unit`, `target_period`: a measurable habit ("read 20 pages
  a day", "run 15 km a week"); all NULL for a yes/no habit.
- `habits.reminder_times`: the habit's own reminder times (member's local time), several
  allowed; NULL = the member's general reminder.
- `users.reminders_enabled`: `/settings reminder off` turns every reminder off, `on` back.
- `journal_entries.reflection`: the coach's reply to an entry, encrypted like the entry, so
  the export can include it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The owner's day of a moment; an unknown zone name counts as UTC (as the sync does).
_FIRST_DAY_FUNCTION = """
CREATE OR REPLACE FUNCTION habits_fill_first_day() RETURNS trigger AS $$
DECLARE zone text; start_hour int;
BEGIN
  IF NEW.first_day IS NULL THEN
    SELECT u.timezone, u.day_start_hour INTO zone, start_hour
    FROM goals g JOIN users u ON u.id = g.user_id WHERE g.id = NEW.goal_id;
    BEGIN
      NEW.first_day := CAST((coalesce(NEW.created_at, now()) AT TIME ZONE coalesce(zone, 'UTC'))
                            - make_interval(hours => coalesce(start_hour, 3)) AS date);
    EXCEPTION WHEN invalid_parameter_value THEN
      NEW.first_day := CAST((coalesce(NEW.created_at, now()) AT TIME ZONE 'UTC')
                            - make_interval(hours => coalesce(start_hour, 3)) AS date);
    END;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql
"""

_FILL_EXISTING = """
UPDATE habits h SET first_day = CAST(
  (h.created_at AT TIME ZONE CASE WHEN u.timezone IN (SELECT name FROM pg_timezone_names)
                                  THEN u.timezone ELSE 'UTC' END)
  - make_interval(hours => u.day_start_hour) AS date)
FROM goals g JOIN users u ON u.id = g.user_id
WHERE g.id = h.goal_id
"""


def upgrade() -> None:
    """Add first day, targets and reminder times to habits, and the reminders switch to users."""
    op.add_column("habits", sa.Column("first_day", sa.Date(), nullable=True))
    op.execute(_FILL_EXISTING)
    op.alter_column("habits", "first_day", nullable=False)
    op.execute(_FIRST_DAY_FUNCTION)
    op.execute(
        "CREATE TRIGGER habits_first_day BEFORE INSERT ON habits "
        "FOR EACH ROW EXECUTE FUNCTION habits_fill_first_day()"
    )
    op.add_column("habits", sa.Column("target_amount", sa.Numeric(), nullable=True))
    op.add_column("habits", sa.Column("target_unit", sa.Text(), nullable=True))
    op.add_column("habits", sa.Column("target_period", sa.Text(), nullable=True))
    op.create_check_constraint(
        op.f("ck_habits_target_period"),
        "habits",
        "target_period IS NULL OR target_period IN ('day', 'week')",
    )
    op.add_column("habits", sa.Column("reminder_times", postgresql.ARRAY(sa.Time()), nullable=True))
    op.add_column("journal_entries", sa.Column("reflection", sa.Text(), nullable=True))
    op.add_column(
        "users",
        sa.Column(
            "reminders_enabled", sa.Boolean(), nullable=False, server_default=sa.text("true")
        ),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("journal_entries", "reflection")
    op.drop_column("users", "reminders_enabled")
    op.drop_column("habits", "reminder_times")
    op.drop_column("habits", "target_period")
    op.drop_column("habits", "target_unit")
    op.drop_column("habits", "target_amount")
    op.execute("DROP TRIGGER IF EXISTS habits_first_day ON habits")
    op.execute("DROP FUNCTION IF EXISTS habits_fill_first_day()")
    op.drop_column("habits", "first_day")
