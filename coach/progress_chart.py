"""The progress picture: what each habit's calendar, strength line and week bars show.

`chart_data` decides every cell from the member's figures (the tests read it); `render`
draws it with matplotlib (Agg) as one PNG sized for a phone. Per habit: a 12-week calendar
(weeks as columns, Monday on top, like Loop's history), the strength over time (up to a
year; Loop's score, `coach.scores.strength_series`), and each week's completion with this
week's figure in words. Each kind of day has its own colour AND its own shape, so the
picture reads without colour vision too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.i18n import N_
from coach.schedule import adherence, scheduled_count
from coach.scores import DONE, MISSED, SKIPPED, HabitHistory, strength_series

WEEKS = 12
STRENGTH_DAYS = 365

# kind -> (label, face colour, edge colour, marker): colour and shape both differ
KINDS: dict[str, tuple[str, str, str, str]] = {
    "done": (N_("done"), "#2e7d32", "#1b5e20", "s"),
    "partial": (N_("part of the target"), "#a5d6a7", "#2e7d32", "^"),
    "skipped": (N_("skipped"), "#ffb300", "#e65100", "D"),
    "missed": (N_("missed"), "#e53935", "#b71c1c", "X"),
    "open": (N_("due today, not yet"), "#ffffff", "#2e7d32", "o"),
    "not_scheduled": (N_("rest day, not scheduled"), "#757575", "#757575", "_"),
    "before": (N_("before the habit began"), "#d0d0d0", "#d0d0d0", "."),
}


@dataclass(frozen=True)
class HabitChart:
    """One habit's part of the picture."""

    title: str
    cells: dict[date, str]  # each past-or-today day of the 12 weeks -> a KINDS key
    strength: list[tuple[date, float]]  # oldest first, at most STRENGTH_DAYS
    weeks: list[tuple[date, float | None]]  # (Monday, completion) for the 12 weeks
    week_done: float = 0.0  # this week's completed and scheduled check-ins
    week_due: float = 0.0


@dataclass(frozen=True)
class ChartData:
    """Everything the picture shows: today, the first Monday, and each habit."""

    today: date
    first: date
    habits: list[HabitChart]


def _kind(history: HabitHistory, day: date, today: date, owed: set[date]) -> str:
    status = history.statuses.get(day)
    if day < history.start:
        return "before"
    if status == DONE:
        partial = history.measurable and history.target_period == "day"
        return "partial" if partial and history.amount_on(day) < (history.target or 0) else "done"
    if status in (SKIPPED, MISSED):
        return status
    if day == today and history.days().frequency.scheduled_on(day):
        return "open"
    if history.days().frequency.flexible:
        return "missed" if day in owed else "not_scheduled"
    return "missed" if history.frequency.scheduled_on(day) else "not_scheduled"


def _owed_days(history: HabitHistory, first: date, today: date) -> set[date]:
    """For "N times a week": in each finished week, the last unchecked days the week fell
    short by (2 of 3 done: one day shows missed); any N days would have done."""
    freq, owed, monday = history.days().frequency, set[date](), first
    while monday + timedelta(days=6) < today:
        week = [monday + timedelta(days=i) for i in range(7)]
        quota = int(scheduled_count(freq, monday, week[-1], history.start))
        covered = sum(1 for d in week if d in history.statuses)
        unchecked = [d for d in week if d >= history.start and d not in history.statuses]
        short = max(0, quota - covered)
        owed.update(unchecked[len(unchecked) - short :] if short else [])
        monday += timedelta(days=7)
    return owed


def _week_figures(history: HabitHistory, monday: date, today: date) -> tuple[float, float]:
    """This week's (completed, due in the whole week) check-ins."""
    days = history.days()
    sunday = monday + timedelta(days=6)
    due = scheduled_count(days.frequency, monday, sunday, days.start)
    if due == 0 or today < days.start:
        return 0.0, due
    share = adherence([days], sunday, 7) or 0.0  # later days have no check-ins yet
    return share * due, due


def habit_chart(title: str, history: HabitHistory, today: date) -> HabitChart:
    """One habit's cells, strength line and week bars."""
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=WEEKS - 1)
    owed = _owed_days(history, first, today)
    cells = {
        first + timedelta(days=i): _kind(history, first + timedelta(days=i), today, owed)
        for i in range((today - first).days + 1)
    }
    weeks = []
    for k in range(WEEKS):
        monday = first + timedelta(weeks=k)
        done, due = _week_figures(history, monday, today)
        weeks.append((monday, min(1.0, done / due) if due else None))
    line = [(d, v) for d, v in strength_series(history, today) if (today - d).days < STRENGTH_DAYS]
    done, due = _week_figures(history, this_monday, today)
    return HabitChart(title, cells, line, weeks, done, due)


def chart_data(habits: list[tuple[str, HabitHistory]], today: date) -> ChartData:
    """The picture's data for these habits (title, history) on the member's `today`."""
    this_monday = today - timedelta(days=today.weekday())
    charts = [habit_chart(title, history, today) for title, history in habits]
    return ChartData(today, this_monday - timedelta(weeks=WEEKS - 1), charts)
