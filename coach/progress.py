"""Progress: each habit's figures and a 30-day chart (matplotlib, Agg, PNG bytes)."""

from __future__ import annotations

import asyncio
import io
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from coach.checkins import habit_scores, habit_start
from coach.members import Member, today
from coach.schedule import HabitDays, adherence, parse_frequency
from coach.scores import HabitScore
from coach.services import Services
from storage import checkins as checkin_store

CHART_DAYS = 30
_COLOURS = {"done": 3, "skipped": 2, "missed": 1}


@dataclass(frozen=True)
class HabitLine:
    """One habit in the summary."""

    title: str
    goal: str
    score: HabitScore
    habit_id: uuid.UUID | None = None
    goal_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Progress:
    """The member's summary for today and the chart of the last 30 days (None: no habits)."""

    day: date
    habits: list[HabitLine]
    adherence_7d: float | None
    adherence_30d: float | None
    chart_png: bytes | None
    on_track: bool | None = None  # 7-day adherence at or above coach.adherent_threshold


def render_chart(titles: list[str], rows: list[list[int]], first: date) -> bytes:
    """A habit × day grid: done, skipped, missed, nothing; PNG bytes."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 1.2 + 0.45 * len(titles)), dpi=100)
    axes = figure.add_subplot()
    cmap = ListedColormap(["#eeeeee", "#e06666", "#f6b26b", "#6aa84f"])
    axes.imshow(rows, aspect="auto", cmap=cmap, vmin=0, vmax=3, interpolation="nearest")
    axes.set_yticks(range(len(titles)), [t[:28] for t in titles])
    ticks = list(range(0, CHART_DAYS, 7))
    axes.set_xticks(ticks, [(first + timedelta(days=i)).strftime("%d %b") for i in ticks])
    axes.set_title("Last 30 days — green done, orange skipped, red missed")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


async def progress(services: Services, *, member: Member, chart: bool = True) -> Progress:
    """The member's figures per habit, overall adherence, and the chart (unless `chart` False)."""
    day = today(services, member)
    scored = await habit_scores(services, member=member)
    first = day - timedelta(days=CHART_DAYS - 1)
    async with services.sessions() as session:
        marks = await checkin_store.statuses_since(
            session, habit_ids=[h.id for h, _, _ in scored], since=first
        )
    lines = [HabitLine(h.title, g.title, s, h.id, g.id) for h, g, s in scored]
    if not scored:
        return Progress(day, [], None, None, None)
    rows = [[_COLOURS.get(marks[h.id].get(first + timedelta(days=i), ""), 0) for i in range(CHART_DAYS)]
            for h, _, _ in scored]  # fmt: skip
    titles = [h.title for h, _, _ in scored]
    png = await asyncio.to_thread(render_chart, titles, rows, first) if chart else None
    days = [HabitDays(parse_frequency(h.frequency), habit_start(h, member),
                      frozenset(d for d, st in marks[h.id].items() if st == "done")) for h, _, _ in scored]  # fmt: skip
    week = adherence(days, day, 7)
    on_track = None if week is None else week >= services.settings.adherent_threshold
    return Progress(day, lines, week, adherence(days, day, 30), png, on_track)
