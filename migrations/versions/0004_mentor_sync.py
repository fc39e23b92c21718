"""mentor and warehouse promises (#19): replay guard, suggestion uniqueness, change tracking

`sync_changes` is filled by statement triggers in the writer's own transaction, so a change
becomes visible to the sync exactly when its row does, however late it commits. The table is
seeded with every existing row once: the first pass after the upgrade reloads everything
(the MERGEs absorb what the warehouse already holds).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRACKED = ("users", "goals", "habits", "checkins", "journal_entries", "groups")
NOW = sa.text("now()")
NO_GOAL = "'00000000-0000-0000-0000-000000000000'::uuid"

FUNCTIONS = (
    """
CREATE FUNCTION sync_note_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- the sync's own bookkeeping (checkins.synced_to_snowflake) is not a change to load
    IF current_setting('goalbot.sync_bookkeeping', true) = 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO sync_changes (table_name, row_id) SELECT TG_TABLE_NAME, id FROM changed;
    RETURN NULL;
END $$""",
    """
CREATE FUNCTION sync_note_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sync_changes (table_name, row_id)
    SELECT DISTINCT TG_TABLE_NAME, user_id FROM changed;
    RETURN NULL;
END $$""",
    """
CREATE FUNCTION sync_note_sharing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sync_changes (table_name, row_id)
    SELECT 'journal_entries', j.id
    FROM after_rows a JOIN before_rows b ON b.id = a.id JOIN journal_entries j ON j.user_id = a.id
    WHERE a.share_journal_text IS DISTINCT FROM b.share_journal_text;
    RETURN NULL;
END $$""",
)


def _triggers() -> list[str]:
    statements = []
    for table in TRACKED:
        for event in ("INSERT", "UPDATE"):
            statements.append(
                f"CREATE TRIGGER sync_{table}_{event.lower()} AFTER {event} ON {table} "
                "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT "
                "EXECUTE FUNCTION sync_note_rows()"
            )
    for event, side in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        statements.append(
            f"CREATE TRIGGER sync_group_memberships_{event.lower()} AFTER {event} "
            f"ON group_memberships REFERENCING {side} TABLE AS changed FOR EACH STATEMENT "
            "EXECUTE FUNCTION sync_note_members()"
        )
    statements.append(
        "CREATE TRIGGER sync_users_sharing AFTER UPDATE ON users "
        "REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION sync_note_sharing()"
    )
    return statements


def upgrade() -> None:
    """Change tracking for the sync, the replay guard, one suggestion per press, quotas."""
    op.create_table(
        "sync_changes",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("row_id", sa.UUID(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_changes")),
    )
    op.create_index("ix_sync_changes_table_name_id", "sync_changes", ["table_name", "id"])
    # a queue: every pass deletes what it loaded; vacuum it by dead rows, not by table size, so
    # the oldest-first index scan never wades through a backlog of deleted entries
    op.execute(
        "ALTER TABLE sync_changes SET (autovacuum_vacuum_scale_factor = 0, "
        "autovacuum_vacuum_threshold = 5000, autovacuum_analyze_scale_factor = 0, "
        "autovacuum_analyze_threshold = 5000)"
    )
    for function in FUNCTIONS:
        op.execute(function)
    for statement in _triggers():
        op.execute(statement)
    for table in TRACKED:
        op.execute(
            f"INSERT INTO sync_changes (table_name, row_id) SELECT '{table}', id FROM {table}"
        )
    op.execute(
        "INSERT INTO sync_changes (table_name, row_id) "
        "SELECT DISTINCT 'group_memberships', user_id FROM group_memberships"
    )
    op.add_column("sync_runs", sa.Column("journal_text", sa.Boolean(), nullable=True))
    op.create_table(
        "slack_requests_seen",
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_slack_requests_seen")),
    )
    op.create_index(
        op.f("ix_slack_requests_seen_expires_at"), "slack_requests_seen", ["expires_at"]
    )
    _mentor_side()


def _mentor_side() -> None:
    op.add_column("mentor_interactions", sa.Column("mentor_message_chars", sa.Integer()))
    op.execute(  # what was stored before is cut to the audit's 4,000 characters
        "UPDATE mentor_interactions SET mentor_message_chars = length(mentor_message), "
        "mentor_message = left(mentor_message, 4000) WHERE mentor_message IS NOT NULL"
    )
    op.add_column("plan_suggestions", sa.Column("delivered_at", sa.DateTime(timezone=True)))
    op.add_column(
        "plan_suggestions",
        sa.Column("delivery_attempts", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column("plan_suggestions", sa.Column("next_attempt_at", sa.DateTime(timezone=True)))
    # suggestions sent before this revision count as delivered (the old code sent them at once)
    op.execute("UPDATE plan_suggestions SET delivered_at = created_at WHERE status <> 'failed'")
    op.execute(  # keep the first of any duplicates the old race made, so the index can be built
        "DELETE FROM plan_suggestions p USING plan_suggestions q "
        "WHERE p.interaction_id = q.interaction_id "
        f"AND COALESCE(p.goal_id, {NO_GOAL}) = COALESCE(q.goal_id, {NO_GOAL}) "
        "AND (p.created_at, p.id) > (q.created_at, q.id)"
    )
    op.execute(
        "CREATE UNIQUE INDEX uq_plan_suggestions_interaction_goal ON plan_suggestions "
        f"(interaction_id, COALESCE(goal_id, {NO_GOAL})) WHERE interaction_id IS NOT NULL"
    )
    op.create_index(
        "ix_model_calls_mentor_id_created_at", "model_calls", ["mentor_id", "created_at"]
    )


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_index("ix_model_calls_mentor_id_created_at", table_name="model_calls")
    op.execute("DROP INDEX uq_plan_suggestions_interaction_goal")
    for column in ("next_attempt_at", "delivery_attempts", "delivered_at"):
        op.drop_column("plan_suggestions", column)
    op.drop_column("mentor_interactions", "mentor_message_chars")
    op.drop_index(op.f("ix_slack_requests_seen_expires_at"), table_name="slack_requests_seen")
    op.drop_table("slack_requests_seen")
    op.drop_column("sync_runs", "journal_text")
    op.execute("DROP TRIGGER sync_users_sharing ON users")
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER sync_group_memberships_{event} ON group_memberships")
    for table in TRACKED:
        for event in ("insert", "update"):
            op.execute(f"DROP TRIGGER sync_{table}_{event} ON {table}")
    op.execute("DROP FUNCTION sync_note_sharing(), sync_note_members(), sync_note_rows()")
    op.drop_index("ix_sync_changes_table_name_id", table_name="sync_changes")
    op.drop_table("sync_changes")
