"""The member's export as files people can use: one JSON document and CSVs in a zip.

Loop Habit Tracker's export is the reference: a habits table, a check-ins table with the
habit's name on every row, sorted by day, and plain values (no internal ids beyond a stable
habit/goal id, no model bookkeeping). JSON: member, goals (the plan as shown, the words asked),
subgoals, habits (first day, target, reminders), check-ins (with habit and goal titles, sorted
by day), messages, journal (text and the coach's reflection, in clear), groups. CSVs (UTF-8
with a byte-order mark, so spreadsheets open them right): habits.csv, checkins.csv,
journal.csv. What a person reads is in the member's language: the schedule and target in
words, the CSVs' column headers and check-in statuses; the JSON keys and stored values stay
as they are (a program reads those).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from coach.i18n import N_, SOURCE, Translator, translator
from coach.i18n.words import describe_frequency, mood_names
from coach.targets import target_of

PLAN_KEPT = ("plan", "request")  # of a goal's stored draft: the rest is model bookkeeping
# the CSVs' columns (the JSON's keys) and their headers as a spreadsheet shows them
HEADERS = {
    "goal": N_("goal"), "title": N_("habit"), "schedule": N_("schedule"), "target": N_("target"),
    "reminders": N_("reminders"), "first_day": N_("first day"), "active": N_("active"),
    "day": N_("day"), "habit": N_("habit"), "status": N_("status"), "amount": N_("amount"),
    "note": N_("note"), "source": N_("source"), "created_at": N_("written at"),
    "mood_tags": N_("mood"), "sentiment_score": N_("sentiment"), "text": N_("text"),
    "reflection": N_("reflection"),
}  # fmt: skip
STATUSES = {"done": N_("done"), "skipped": N_("skipped"), "missed": N_("missed")}


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


def habit_entry(habit: Any, goal: Any, t: Translator | None = None) -> dict[str, Any]:
    """A habit with its goal, first day, frequency in words, target and reminders (the words in
    the language of `t`, English by default)."""
    t, target = t or translator(None), target_of(habit)
    times = habit.reminder_times
    return row(habit, ("id", "goal_id", "title", "frequency", "active", "first_day")) | {
        "goal": goal.title, "schedule": describe_frequency(t, habit.frequency),
        "target": target.describe(t) if target else None,
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


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], t: Translator) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # English keeps the keys of the JSON as headers (what scripts reading the CSVs expect)
    english = t.language == SOURCE
    writer.writerow([c if english or c not in HEADERS else t.gettext(HEADERS[c]) for c in columns])
    for entry in rows:
        writer.writerow([_cell(t, k, entry.get(k)) for k in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(t: Translator, column: str, value: Any) -> Any:
    if column == "status" and value in STATUSES:
        return t.gettext(STATUSES[value])
    if column == "mood_tags" and isinstance(value, list):
        return mood_names(t, value).replace(", ", "; ")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def archive(document: dict[str, Any], stem: str, language: str | None = None) -> bytes:
    """The zip: `stem`.json and the CSVs (headers and statuses in `language`)."""
    t = translator(language)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(f"{stem}.json", json.dumps(document, indent=2, ensure_ascii=False))
        habit_columns = ("goal", "title", "schedule", "target", "reminders", "first_day", "active")
        zipped.writestr("habits.csv", _csv(document["habits"], habit_columns, t))
        checkin_columns = ("day", "goal", "habit", "status", "amount", "note", "source")
        zipped.writestr("checkins.csv", _csv(document["checkins"], checkin_columns, t))
        journal_columns = ("created_at", "mood_tags", "sentiment_score", "text", "reflection")
        zipped.writestr("journal.csv", _csv(document["journal"], journal_columns, t))
    return buffer.getvalue()
