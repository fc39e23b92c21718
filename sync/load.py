"""Stage extracted rows and apply them with one MERGE per table, in one warehouse transaction.

dim_users and dim_goals keep history (SCD type 2): when a tracked column changes, the current
version is closed (valid_to = the source row's updated_at, is_current = false) and a new one
opens (valid_from = that same moment); other columns are corrected in place on the current
version. The first version starts at the source row's created_at. Facts are upserts on their
keys, so loading the same rows twice changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sync.extract import Extracted
from sync.schema import STAGING, TABLES
from sync.warehouse import Warehouse, WarehouseError, ntz_literal

log = logging.getLogger(__name__)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# every table with a member's rows, staging included; stg_erasures (the list itself) is
# emptied with the other staging tables when the pass ends
USER_TABLES = tuple(
    table
    for table, columns in TABLES.items()
    if table != "stg_erasures" and any(column.name == "user_id" for column in columns)
)


def scd2_merge(table: str, key: str, tracked: list[str], corrected: list[str]) -> str:
    """One MERGE that closes changed current versions and inserts new and changed rows.

    The source lists every staged row once with its key (to match the current version) and
    each changed row a second time with a NULL key, which never matches, so it is inserted.
    """
    stg = "stg_" + table.removeprefix("dim_")
    differs = " OR ".join(f"c.{col} IS DISTINCT FROM s.{col}" for col in tracked)
    cols = [key, *tracked, *corrected]
    picked = ", ".join(f"s.{col}" for col in cols)
    return f"""
MERGE INTO {table} d USING (
    SELECT s.{key} AS merge_key, {picked}, s.updated_at AS closed_at,
           IFF(c.{key} IS NULL, s.created_at, s.updated_at) AS opened_at,
           IFF(c.{key} IS NOT NULL AND ({differs}), TRUE, FALSE) AS changed
    FROM {stg} s LEFT JOIN {table} c ON c.{key} = s.{key} AND c.is_current
    UNION ALL
    SELECT NULL AS merge_key, {picked}, s.updated_at AS closed_at, s.updated_at AS opened_at,
           FALSE AS changed
    FROM {stg} s JOIN {table} c ON c.{key} = s.{key} AND c.is_current
    WHERE {differs}
) src
ON d.{key} = src.merge_key AND d.is_current
WHEN MATCHED AND src.changed THEN UPDATE SET valid_to = src.closed_at, is_current = FALSE
WHEN MATCHED THEN UPDATE SET {", ".join(f"{col} = src.{col}" for col in corrected)}
WHEN NOT MATCHED THEN INSERT ({", ".join(cols)}, valid_from, valid_to, is_current)
    VALUES ({", ".join(f"src.{col}" for col in cols)}, src.opened_at, NULL, TRUE)
"""


def upsert_merge(
    table: str,
    staging: str,
    key: str | tuple[str, ...],
    source: str | None = None,
    *,
    prune: str | None = None,
) -> str:
    """One MERGE that updates rows present by key and inserts the others.

    `prune` adds a condition on the target (e.g. a day range) so that a small batch reads only
    the recent part of a large table: the cost of a delta must not grow with history.
    """
    keys = (key,) if isinstance(key, str) else key
    cols = [column.name for column in TABLES[table]]
    source = source or f"SELECT {', '.join(cols)} FROM {staging}"
    others = [col for col in cols if col not in keys]
    match = " AND ".join([*(f"t.{col} = s.{col}" for col in keys), *([prune] if prune else [])])
    return f"""
MERGE INTO {table} t USING ({source}) s ON {match}
WHEN MATCHED THEN UPDATE SET {", ".join(f"{col} = s.{col}" for col in others)}
WHEN NOT MATCHED THEN INSERT ({", ".join(cols)}) VALUES ({", ".join(f"s.{col}" for col in cols)})
"""


JOURNAL_SOURCE = """
SELECT entry_id, user_id, created_at, day, sentiment_score,
       PARSE_JSON(mood_tags)::ARRAY AS mood_tags, text, updated_at
FROM stg_journal
"""

# Open safety flags are a small snapshot: members no longer flagged drop to zero.
SAFETY_MERGE = """
MERGE INTO safety_flags t USING (
    SELECT COALESCE(s.user_id, f.user_id) AS user_id, COALESCE(s.open_flags, 0) AS open_flags,
           s.last_flag_at
    FROM stg_safety s FULL OUTER JOIN safety_flags f ON f.user_id = s.user_id
) s ON t.user_id = s.user_id
WHEN MATCHED THEN UPDATE SET open_flags = s.open_flags, last_flag_at = s.last_flag_at
WHEN NOT MATCHED THEN INSERT (user_id, open_flags, last_flag_at)
    VALUES (s.user_id, s.open_flags, s.last_flag_at)
"""

MERGES: dict[str, str] = {
    "stg_users": scd2_merge(
        "dim_users", "user_id", ["name", "mentor_id"], ["timezone", "day_start_hour"]
    ),
    "stg_goals": scd2_merge(
        "dim_goals",
        "goal_id",
        ["title", "category", "frequency"],
        ["user_id", "per_week", "weekday_mask", "start_date", "end_date", "start_day", "status"],
    ),
    "stg_habits": upsert_merge("dim_habits", "stg_habits", "habit_id"),
    # A check-in's day never changes (a seed row's derived day moves at most with a time-zone
    # change, under 3 days), so rows older than the batch's first day minus 3 can be skipped.
    "stg_checkins": upsert_merge(
        "fact_checkins", "stg_checkins", "checkin_id", prune="t.day >= %(since)s::DATE"
    ),
    "stg_journal": upsert_merge("fact_journal_entries", "stg_journal", "entry_id", JOURNAL_SOURCE),
    "stg_groups": upsert_merge("dim_groups", "stg_groups", "group_id"),
}
MEMBERSHIPS = (  # a changed member's memberships are replaced (leaving a group deletes one)
    "DELETE FROM dim_group_memberships "
    "WHERE user_id IN (SELECT user_id FROM stg_membership_changes)",
    "INSERT INTO dim_group_memberships (group_id, user_id, joined_at) "
    "SELECT group_id, user_id, joined_at FROM stg_group_memberships",
)


@dataclass(frozen=True)
class Applied:
    """What a pass changed in the warehouse."""

    changed: bool  # anything the metrics read (rows, deletions, erasures, open flags)
    safety_changed: bool


def apply(
    warehouse: Warehouse,
    extracted: Extracted,
    *,
    run_id: str,
    finished_at: datetime,
    batch_size: int,
) -> Applied:
    """Stage every batch, then MERGE, refresh safety flags, erase, and log, in one transaction.

    Staging holds rows only for this pass: every table it filled is emptied when it ends,
    whatever happened (a killed pass is cleared by the next one: `clear_leftovers`).
    """
    safety_changed = _safety_changed(warehouse, extracted.rows["stg_safety"])
    loaded = [s for s, rows in extracted.rows.items()
              if rows or (s == "stg_safety" and safety_changed)]  # fmt: skip
    try:
        for staging in loaded:
            warehouse.load(
                staging, STAGING[staging], extracted.rows[staging], batch_size=batch_size
            )
        _apply_staged(warehouse, extracted, safety_changed, run_id, finished_at)
    finally:
        empty_staging(warehouse, loaded)
    changed = any(rows for t, rows in extracted.rows.items() if t != "stg_safety")
    return Applied(safety_changed or changed or extracted.clear_journal_text, safety_changed)


def _apply_staged(
    warehouse: Warehouse, extracted: Extracted, safety_changed: bool, run_id: str,
    finished_at: datetime,
) -> None:  # fmt: skip
    """Everything after staging, in one transaction (rolled back on any failure)."""
    rows = extracted.rows
    warehouse.begin()
    try:
        for staging, merge in MERGES.items():
            if rows.get(staging):
                warehouse.execute(merge, _merge_params(staging, rows[staging]))
        if rows.get("stg_membership_changes"):
            for statement in MEMBERSHIPS:
                warehouse.execute(statement)
        if safety_changed:
            warehouse.execute(SAFETY_MERGE)
        if rows.get("stg_deleted_checkins"):
            warehouse.execute(
                "DELETE FROM fact_checkins "
                "WHERE checkin_id IN (SELECT checkin_id FROM stg_deleted_checkins)"
            )
        if extracted.clear_journal_text:  # SYNC_INCLUDE_JOURNAL_TEXT turned off
            warehouse.execute("UPDATE fact_journal_entries SET text = NULL WHERE text IS NOT NULL")
        if extracted.erasures:
            for table in USER_TABLES:
                warehouse.execute(
                    f"DELETE FROM {table} WHERE user_id IN (SELECT user_id FROM stg_erasures)"
                )
        warehouse.execute(
            "INSERT INTO sync_log (run_id, finished_at, rows_loaded) "
            "SELECT %(run)s, %(at)s::TIMESTAMP_NTZ, %(rows)s",
            {"run": run_id, "at": ntz_literal(finished_at),
             "rows": sum(extracted.counts().values())},
        )  # fmt: skip
        warehouse.commit()
    except BaseException:
        warehouse.rollback()
        raise


def empty_staging(warehouse: Warehouse, tables: list[str]) -> None:
    """Truncate these staging tables; raise after trying them all if one could not be."""
    failed: WarehouseError | None = None
    for table in tables:
        try:
            warehouse.truncate(table)
        except WarehouseError as exc:
            failed = exc
            log.warning("could not empty %s (the next pass clears it): %s", table, exc)
    if failed is not None:
        raise failed


def clear_leftovers(warehouse: Warehouse) -> None:
    """What an earlier pass may have left: staged rows and stage files (at a pass's start)."""
    empty_staging(warehouse, list(STAGING))
    for table in [*STAGING, "metrics_calendar"]:
        warehouse.purge_stage(table)


def _merge_params(staging: str, rows: list[tuple]) -> dict[str, str] | None:
    if staging != "stg_checkins":
        return None
    first = min(row[4] for row in rows)  # stg_checkins.day
    return {"since": (first - timedelta(days=3)).isoformat()}


def _safety_changed(warehouse: Warehouse, snapshot: list[tuple]) -> bool:
    """True when the open safety flags differ from what the warehouse holds."""
    held = warehouse.execute(
        "SELECT user_id, open_flags, "
        "DATEDIFF(millisecond, '1970-01-01'::TIMESTAMP_NTZ, last_flag_at) "
        "FROM safety_flags WHERE open_flags > 0"
    )
    fresh = {(user_id, count, _epoch_ms(last)) for user_id, count, last in snapshot}
    return {(str(u), int(n), None if ms is None else int(ms)) for u, n, ms in held} != fresh


def _epoch_ms(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // timedelta(milliseconds=1)
