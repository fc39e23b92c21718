"""Progress: each habit's figures and the progress picture (`coach.progress_chart`).

`/progress` shows every active habit; `/progress <habit>` zooms into the one its words name
(matched like a check-in in words, `coach.matching.concepts`, on the habit's and its goal's
titles). Overall adherence pools the habits shown (`coach.schedule.adherence`).
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date

from coach.checkins import habit_histories, period_progress
from coach.i18n import translator
from coach.matching import concepts
from coach.members import Member, today
from coach.progress_chart import ChartData, chart_data
from coach.schedule import adherence
from coach.scores import HabitHistory, HabitScore, score
from coach.services import Services
from coach.targets import Target, target_of

CHART_DAYS = 84  # the calendar's 12 weeks


@dataclass(frozen=True)
class HabitLine:
    """One habit in the summary."""

    title: str
    goal: str
    score: HabitScore
    habit_id: uuid.UUID | None = None
    goal_id: uuid.UUID | None = None
    target: Target | None = None
    progress: float | None = None  # a measurable habit's amount this day or week so far


@dataclass(frozen=True)
class Progress:
    """The member's summary for today and the picture (None: no habits, or not asked)."""

    day: date
    habits: list[HabitLine]
    adherence_7d: float | None
    adherence_30d: float | None
    chart_png: bytes | None
    on_track: bool | None = None  # 7-day adherence at or above coach.adherent_threshold
    chart: ChartData | None = None  # what the picture shows, cell by cell
    focus: str | None = None  # the habit words of `/progress <habit>`
    unknown: str | None = None  # those words matched no habit (then all habits are shown)


def _pick(found: list, words: str) -> list:
    """The habit the words name best (by shared concepts), or [] when none shares one."""
    said = concepts(words)
    ranked = sorted(
        ((len(said & concepts(f"{h.title} {g.title}")), i) for i, (h, g, _) in enumerate(found)),
        key=lambda pair: (-pair[0], pair[1]),
    )
    if not ranked or ranked[0][0] == 0:
        return []
    return [found[ranked[0][1]]]


def caption(line: HabitLine, language: str = "en") -> str:
    """A habit block's heading: title, streak and target, in the member's `language`."""
    t = translator(language)
    if line.target:
        return t.gettext("{habit} — streak {streak} · target {target}", habit=line.title[:40],
                         streak=line.score.streak, target=line.target.describe(t))  # fmt: skip
    return t.gettext("{habit} — streak {streak}", habit=line.title[:40], streak=line.score.streak)


async def progress(
    services: Services, *, member: Member, chart: bool = True, habit: str | None = None
) -> Progress:
    """The member's figures per habit, overall adherence, and the picture (unless `chart`
    is False); `habit` zooms into the habit those words name."""
    day = today(services, member)
    found = await habit_histories(services, member=member)
    unknown = None
    if habit and found:
        picked = _pick(found, habit)
        found, unknown = (picked, None) if picked else (found, habit)
    if not found:
        return Progress(day, [], None, None, None, focus=habit)
    budget = services.settings.skip_budget_per_week
    lines = [HabitLine(h.title, g.title, score(hist, day, budget), h.id, g.id, target_of(h),
                       period_progress(hist, day)) for h, g, hist in found]  # fmt: skip
    histories: list[HabitHistory] = [hist for _, _, hist in found]
    data = chart_data([(h.title, hist) for h, _, hist in found], day)
    png = None
    if chart:
        from coach.progress_render import render

        captions = [caption(line, member.language) for line in lines]
        png = await asyncio.to_thread(render, data, captions, member.language)
    days = [hist.days() for hist in histories]
    week = adherence(days, day, 7)
    on_track = None if week is None else week >= services.settings.adherent_threshold
    return Progress(day, lines, week, adherence(days, day, 30), png, on_track, data,
                    habit if unknown is None else None, unknown)  # fmt: skip
