"""The calendar rules have one home (storage/calendar_rules.py) that coach/ and sync/ share."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coach import schedule
from storage import calendar_rules
from storage.calendar_rules import local_day, parse_frequency, warehouse_frequency

REPO = Path(__file__).resolve().parents[2]
RULES = ("parse_frequency", "local_day", "scheduled_count", "completed_count", "adherence",
         "warehouse_frequency", "habits_on_day_sql", "easier_frequency")  # fmt: skip


def test_coach_schedule_re_exports_the_same_objects() -> None:
    for name in schedule.__all__:
        assert getattr(schedule, name) is getattr(calendar_rules, name), name


def test_no_other_module_defines_a_calendar_rule() -> None:
    defining = re.compile(rf"^def ({'|'.join(RULES)})\(", re.M)
    # sync/extract.py's local_day(column) is the SQL form for its SELECTs: member_day_sql
    found = [
        str(path.relative_to(REPO))
        for package in ("bot", "handlers", "coach", "mentor", "storage", "sync")
        for path in (REPO / package).rglob("*.py")
        if defining.search(path.read_text(encoding="utf-8"))
    ]
    assert sorted(found) == ["storage/calendar_rules.py", "sync/extract.py"]
    assert "member_day_sql(" in (REPO / "sync" / "extract.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("daily", (None, "1111111")), ("weekdays", (None, "1111100")), ("weekly:3", (3, "1111111")),
     ("days:mon,wed,fri", (None, "1010100")), (" Days:Sun ", (None, "0000001")),
     ("weekly:9", (None, "1111111")), ("3x a week", (None, "1111111")), (None, (None, "1111111"))],
)  # fmt: skip
def test_the_warehouse_form_of_a_frequency(text: str | None, expected: tuple) -> None:
    assert warehouse_frequency(text) == expected
    assert parse_frequency(text).per_week == expected[0]


def test_a_members_day_starts_at_their_day_start_hour() -> None:
    late = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)  # 01:30 in Berlin
    assert local_day(late, "Europe/Berlin", 3) == date(2026, 11, 25)
    assert local_day(late, "Europe/Berlin", 0) == date(2026, 11, 26)
