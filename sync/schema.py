"""The warehouse schema: tables, staging tables, the calendar and the mentor_dashboard view.

Every table holding a member's rows has a `user_id` column: erasure deletes by it from each
(sync/load.py: USER_TABLES), so a new per-member table must carry one.
`ensure_schema` creates what is missing and adds missing columns, so the first run and
`goalbot sync --init` both create and upgrade it, and running it again changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pyarrow as pa

from sync.warehouse import Column, Warehouse

ID = "VARCHAR(36)"


def _c(name: str, sql_type: str) -> Column:
    arrow = {
        ID: pa.string(),
        "VARCHAR": pa.string(),
        "VARCHAR(7)": pa.string(),
        "INTEGER": pa.int64(),
        "FLOAT": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "TIMESTAMP_NTZ": pa.timestamp("us"),
        "ARRAY": pa.string(),
    }[sql_type]
    return Column(name, sql_type, arrow)


SCD = [
    _c("valid_from", "TIMESTAMP_NTZ"),
    _c("valid_to", "TIMESTAMP_NTZ"),
    _c("is_current", "BOOLEAN"),
]
FREQ = [_c("frequency", "VARCHAR"), _c("per_week", "INTEGER"), _c("weekday_mask", "VARCHAR(7)")]
# a measurable habit's target (all NULL for a yes/no habit)
TARGET = [
    _c("target_amount", "FLOAT"),
    _c("target_unit", "VARCHAR"),
    _c("target_period", "VARCHAR"),
]
# storage.score_rules.warehouse_scoring: what adherence schedules, and Loop's score shape
SCORING = [
    _c("due_per_week", "INTEGER"),
    _c("due_mask", "VARCHAR(7)"),
    _c("strength_window", "INTEGER"),
    _c("strength_goal", "FLOAT"),
    _c("strength_multiplier", "FLOAT"),
    _c("strength_every_day", "BOOLEAN"),
]

# Staged rows, as extracted from PostgreSQL (see sync/extract.py for each column's source).
STAGING: dict[str, list[Column]] = {
    "stg_users": [
        *(_c(n, t) for n, t in [("user_id", ID), ("name", "VARCHAR"), ("mentor_id", ID)]),
        *(_c(n, t) for n, t in [("timezone", "VARCHAR"), ("day_start_hour", "INTEGER")]),
        _c("created_at", "TIMESTAMP_NTZ"),
        _c("updated_at", "TIMESTAMP_NTZ"),
    ],
    "stg_goals": [
        *(_c(n, t) for n, t in [("goal_id", ID), ("user_id", ID), ("title", "VARCHAR")]),
        _c("category", "VARCHAR"),
        *FREQ,
        *(_c(n, "DATE") for n in ("start_date", "end_date", "start_day")),
        _c("status", "VARCHAR"),
        _c("created_at", "TIMESTAMP_NTZ"),
        _c("updated_at", "TIMESTAMP_NTZ"),
    ],
    "stg_habits": [
        *(_c(n, t) for n, t in [("habit_id", ID), ("goal_id", ID), ("user_id", ID)]),
        _c("title", "VARCHAR"),
        *FREQ,
        _c("start_day", "DATE"),
        _c("active", "BOOLEAN"),
        *TARGET,
        *SCORING,
        _c("updated_at", "TIMESTAMP_NTZ"),
    ],
    "stg_checkins": [
        *(_c(n, ID) for n in ("checkin_id", "user_id", "goal_id", "habit_id")),
        _c("day", "DATE"),
        _c("status", "VARCHAR"),
        _c("completed", "BOOLEAN"),
        _c("amount", "FLOAT"),  # a measurable habit's amount (NULL: a done means the target)
        _c("created_at", "TIMESTAMP_NTZ"),
        _c("updated_at", "TIMESTAMP_NTZ"),
    ],
    "stg_journal": [
        *(_c(n, ID) for n in ("entry_id", "user_id")),
        _c("created_at", "TIMESTAMP_NTZ"),
        _c("day", "DATE"),
        _c("sentiment_score", "FLOAT"),
        _c("mood_tags", "VARCHAR"),  # JSON text; PARSE_JSON in the MERGE
        _c("text", "VARCHAR"),
        _c("updated_at", "TIMESTAMP_NTZ"),
    ],
    "stg_safety": [
        _c("user_id", ID),
        _c("open_flags", "INTEGER"),
        _c("last_flag_at", "TIMESTAMP_NTZ"),
    ],
    "stg_groups": [
        _c("group_id", ID),
        _c("title", "VARCHAR"),
        _c("timezone", "VARCHAR"),
        _c("active", "BOOLEAN"),
        _c("created_at", "TIMESTAMP_NTZ"),
        _c("updated_at", "TIMESTAMP_NTZ"),
    ],
    "stg_group_memberships": [
        _c("group_id", ID),
        _c("user_id", ID),
        _c("joined_at", "TIMESTAMP_NTZ"),
    ],
    "stg_membership_changes": [_c("user_id", ID)],  # members whose memberships are reloaded
    "stg_erasures": [_c("user_id", ID)],
    "stg_deleted_checkins": [_c("checkin_id", ID)],
}

TABLES: dict[str, list[Column]] = {
    "dim_users": [*STAGING["stg_users"][:5], *SCD],
    "dim_goals": [*STAGING["stg_goals"][:11], *SCD],
    "dim_habits": STAGING["stg_habits"],
    "fact_checkins": STAGING["stg_checkins"],
    "fact_journal_entries": [
        *STAGING["stg_journal"][:5],
        _c("mood_tags", "ARRAY"),
        *STAGING["stg_journal"][6:],
    ],
    "safety_flags": STAGING["stg_safety"],
    "dim_groups": STAGING["stg_groups"],
    "dim_group_memberships": STAGING["stg_group_memberships"],
    "sync_log": [
        _c("run_id", ID),
        _c("finished_at", "TIMESTAMP_NTZ"),
        _c("rows_loaded", "INTEGER"),
    ],
    "metrics_calendar": [_c("day", "DATE")],
    "sync_backfills": [_c("name", "VARCHAR")],  # rows to load again after an upgrade
    "metrics_work": [
        _c("pass_id", ID),
        _c("user_id", ID),
        _c("today", "DATE"),
        *(_c(f"{kind}_{w}", "FLOAT") for w in ("a7", "a30", "a90", "m3", "m7") for kind in "sc"),
    ],
    "metrics_adherence": [
        _c("user_id", ID),
        _c("metric_date", "DATE"),
        *(_c(f"adherence_{n}d", "FLOAT") for n in (7, 30, 90)),
        _c("checkins_completed_7d", "FLOAT"),
        _c("total_7d", "FLOAT"),
        _c("computed_at", "TIMESTAMP_NTZ"),
    ],
    "metrics_strength": [  # each counted habit's strength (Loop's score, 0..1)
        _c("user_id", ID),
        _c("habit_id", ID),
        _c("metric_date", "DATE"),
        _c("strength", "FLOAT"),
        _c("computed_at", "TIMESTAMP_NTZ"),
    ],
    "metrics_streak": [
        _c("user_id", ID),
        _c("current_streak", "INTEGER"),
        _c("longest_streak", "INTEGER"),
        _c("last_completion", "DATE"),
        _c("metric_date", "DATE"),
        _c("computed_at", "TIMESTAMP_NTZ"),
    ],
    "metrics_risk": [
        _c("user_id", ID),
        _c("risk_level", "VARCHAR"),
        _c("risk_score", "FLOAT"),
        *(
            _c(n, "INTEGER")
            for n in ("missed_count_3d", "missed_count_7d", "last_checkin_days_ago")
        ),
        _c("mood_trend", "FLOAT"),
        _c("adherence_drop", "FLOAT"),
        _c("open_safety_flags", "INTEGER"),
        _c("metric_date", "DATE"),
        _c("computed_at", "TIMESTAMP_NTZ"),
    ],
    **STAGING,
}

DASHBOARD_VIEW = """
CREATE OR REPLACE VIEW mentor_dashboard AS
SELECT u.user_id, u.name, u.mentor_id, u.timezone,
       a.adherence_7d, a.adherence_30d, a.adherence_90d, a.checkins_completed_7d, a.total_7d,
       s.current_streak, s.longest_streak, s.last_completion,
       r.risk_level, r.risk_score, r.missed_count_3d, r.missed_count_7d,
       r.last_checkin_days_ago, r.mood_trend, r.open_safety_flags, r.computed_at
FROM dim_users u
LEFT JOIN (
    SELECT * FROM metrics_risk
    QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY metric_date DESC, computed_at DESC) = 1
) r ON r.user_id = u.user_id
LEFT JOIN metrics_streak s ON s.user_id = u.user_id AND s.metric_date = r.metric_date
LEFT JOIN metrics_adherence a ON a.user_id = u.user_id AND a.metric_date = r.metric_date
WHERE u.is_current
ORDER BY r.risk_score DESC NULLS LAST, a.adherence_7d ASC NULLS LAST, u.user_id
"""

CALENDAR_FIRST, CALENDAR_LAST = date(2000, 1, 1), date(2099, 12, 31)
# a column added to an existing table whose rows must be loaded again to fill it → the backfill
BACKFILLS = {"dim_habits.strength_window": "measurable", "fact_checkins.amount": "measurable"}


def ensure_schema(warehouse: Warehouse, *, schema: str | None = None) -> list[str]:
    """Create missing tables and columns, the calendar and the view; return what was added."""
    if schema and not warehouse.emulated:  # the emulator creates it on connect
        warehouse.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        warehouse.execute(f"USE SCHEMA {schema}")
    existing = _existing_columns(warehouse)
    added: list[str] = []
    for table, columns in TABLES.items():
        if table.upper() not in existing:
            body = ", ".join(f"{c.name} {c.sql_type}" for c in columns)
            warehouse.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
            added.append(table)
            continue
        for column in columns:
            if column.name.upper() not in existing[table.upper()]:
                warehouse.execute(
                    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column.name} {column.sql_type}"
                )
                added.append(f"{table}.{column.name}")
    for name in sorted({BACKFILLS[a] for a in added if a in BACKFILLS}):
        warehouse.execute("INSERT INTO sync_backfills (name) SELECT %(n)s", {"n": name})
    warehouse.execute(DASHBOARD_VIEW)
    if _fill_calendar(warehouse):
        added.append("metrics_calendar rows")
    return added


def pending_backfills(warehouse: Warehouse) -> set[str]:
    """The backfills an upgrade asked for and no pass has queued yet."""
    return {str(name) for (name,) in warehouse.execute("SELECT name FROM sync_backfills")}


def clear_backfills(warehouse: Warehouse, names: set[str]) -> None:
    """Forget these backfills (their rows are queued in PostgreSQL)."""
    for name in names:
        warehouse.execute("DELETE FROM sync_backfills WHERE name = %(n)s", {"n": name})


def _existing_columns(warehouse: Warehouse) -> dict[str, set[str]]:
    rows = warehouse.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = CURRENT_SCHEMA()"
    )
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(str(table).upper(), set()).add(str(column).upper())
    return found


def _fill_calendar(warehouse: Warehouse) -> bool:
    expected = (CALENDAR_LAST - CALENDAR_FIRST).days + 1
    [(count,)] = warehouse.execute("SELECT COUNT(*) FROM metrics_calendar")
    if int(count) == expected:
        return False
    days = [(CALENDAR_FIRST + timedelta(days=i),) for i in range(expected)]
    warehouse.load("metrics_calendar", TABLES["metrics_calendar"], days, batch_size=expected)
    return True
