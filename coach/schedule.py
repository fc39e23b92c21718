"""The calendar rules, under the names coach/ has always used: they live in
`storage/calendar_rules.py` (one home that coach/ and sync/ both import; see
docs/architecture.md, "Where each rule lives")."""

from __future__ import annotations

from storage.calendar_rules import (
    EASIER_SHARE,
    WEEKDAYS,
    Frequency,
    HabitDays,
    adherence,
    completed_count,
    describe_frequency,
    easier_frequency,
    habits_on_day_sql,
    local_day,
    parse_frequency,
    scheduled_count,
    warehouse_frequency,
    window,
)

__all__ = [
    "EASIER_SHARE",
    "WEEKDAYS",
    "Frequency",
    "HabitDays",
    "adherence",
    "completed_count",
    "describe_frequency",
    "easier_frequency",
    "habits_on_day_sql",
    "local_day",
    "parse_frequency",
    "scheduled_count",
    "warehouse_frequency",
    "window",
]
