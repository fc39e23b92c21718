"""The member's export as files people can use: one JSON document and CSVs in a zip.

Loop Habit Tracker's export is the reference: a habits table, a check-ins table with the
habit's name on every row, sorted by day, and plain values (no internal ids beyond a stable
habit/goal id, no model bookkeeping). JSON: member, goals (the plan as shown, the words asked),
subgoals, habits (first day, target, reminders), check-ins (with habit and goal titles, sorted
by day), messages, journal (text and the coach's reflection, in clear), groups. CSVs (UTF-8
with a byte-order mark, so spreadsheets open them right): habits.csv, checkins.csv,
journal.csv.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from coach.schedule import describe_frequency
from coach.targets import target_of

PLAN_KEPT = ("plan", "request")  # of a goal's stored draft: the rest is model bookkeeping


def plain(value: Any) -> Any:
    """JSON-friendly: ids as text, dates and times ISO."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if value is not None and type(value).__name__ == "UUID":
        return str(value)
    return value


def row(obj: Any, fields: Sequence[str]) -> dict[str, Any]:
    """Some attributes of a row, plain."""
    return {f: plain(getattr(obj, f)) for f in fields}


def goal_entry(goal: Any) -> dict[str, Any]:
    """A goal with the plan as the member saw it (no call ids, fallback reasons, states)."""
    kept = {k: v for k, v in (goal.ai_plan or {}).items() if k in PLAN_KEPT}
    fields = ("id", "title", "category", "frequency", "status", "start_date", "end_date",
              "created_at")  # fmt: skip
    return row(goal, fields) | kept


def habit_entry(habit: Any, goal: Any) -> dict[str, Any]:
    """A habit with its goal, first day, frequency in words, target and reminders."""
    target = target_of(habit)
    times = habit.reminder_times
    return row(habit, ("id", "goal_id", "title", "frequency", "active", "first_day")) | {
        "goal": goal.title, "schedule": describe_frequency(habit.frequency),
        "target": target.describe() if target else None,
        "reminders": None if times is None else [t.strftime("%H:%M") for t in times],
    }  # fmt: skip


def checkin_entries(
    checkins: Sequence[Any], habits: dict[Any, str], goals: dict[Any, str]
) -> list[dict[str, Any]]:
    """Check-ins with habit and goal titles, sorted by day then habit."""
    out = [
        {"day": plain(c.day), "habit": habits.get(c.habit_id, ""), "goal": goals.get(c.goal_id, ""),
         "status": c.status or ("done" if c.completed else None), "amount": c.amount,
         "note": c.note, "source": c.source, "habit_id": plain(c.habit_id),
         "recorded_at": plain(c.updated_at)}
        for c in checkins
    ]  # fmt: skip
    return sorted(out, key=lambda e: (e["day"] or "", e["habit"], e["recorded_at"] or ""))


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for entry in rows:
        writer.writerow({k: _cell(entry.get(k)) for k in columns})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def archive(document: dict[str, Any], stem: str) -> bytes:
    """The zip: `stem`.json and the CSVs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(f"{stem}.json", json.dumps(document, indent=2, ensure_ascii=False))
        zipped.writestr(
            "habits.csv",
            _csv(
                document["habits"],
                ("goal", "title", "schedule", "target", "reminders", "first_day", "active"),
            ),
        )
        zipped.writestr(
            "checkins.csv",
            _csv(
                document["checkins"], ("day", "goal", "habit", "status", "amount", "note", "source")
            ),
        )
        zipped.writestr("journal.csv", _csv(document["journal"], (
            "created_at", "mood_tags", "sentiment_score", "text", "reflection")))  # fmt: skip
    return buffer.getvalue()
