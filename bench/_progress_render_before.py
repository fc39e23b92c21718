"""The progress picture as drawn before #15's speed-up (three Axes per habit), kept only as
the baseline `bench_progress.py` measures the current `coach.progress_render` against."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import TYPE_CHECKING

from babel.dates import get_day_names

from coach.i18n import Translator, translator
from coach.progress_chart import KINDS, WEEKS, ChartData, HabitChart

if TYPE_CHECKING:  # matplotlib is imported when a picture is drawn, not at start-up
    from matplotlib.axes import Axes
    from matplotlib.figure import SubFigure

WIDTH_IN, DPI = 7.0, 140  # about 980 px wide: sharp on a phone, small enough to send
HABIT_IN, HEAD_IN = 2.5, 0.95
LABELLED_DAYS = (0, 2, 4, 6)  # Mon, Wed, Fri, Sun: every other row, so the labels fit


def day_labels(t: Translator) -> list[str]:
    """The calendar's row labels: every other weekday, in the member's language."""
    names = get_day_names("abbreviated", locale=t.language)
    return [names[d] if d in LABELLED_DAYS else "" for d in range(7)]


def render(data: ChartData, captions: list[str], language: str = "en") -> bytes:
    """The picture: a legend, then per habit its calendar, strength line and week bars, every
    label in the member's `language`."""
    t = translator(language)
    from matplotlib.figure import Figure

    rows = len(data.habits)
    figure = Figure(figsize=(WIDTH_IN, HEAD_IN + HABIT_IN * rows), dpi=DPI)
    ratios = [HEAD_IN] + [HABIT_IN] * rows
    head, *blocks = figure.subfigures(rows + 1, 1, height_ratios=ratios)
    _legend(t, head, data)
    for block, habit, caption in zip(blocks, data.habits, captions, strict=True):
        _habit_block(t, block, habit, caption, data)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()


def _legend(t: Translator, fig: SubFigure, data: ChartData) -> None:
    from matplotlib.lines import Line2D

    title = t.gettext("Your progress · {day}", day=t.date(data.today, "EEE dd MMM y"))
    fig.suptitle(title, x=0.02, ha="left", fontsize=15, fontweight="bold")
    handles = [
        Line2D([], [], linestyle="", marker=marker, markersize=11, markerfacecolor=face,
               markeredgecolor=edge, label=t.gettext(label))
        for label, face, edge, marker in KINDS.values()
    ]  # fmt: skip
    handles.append(Line2D([], [], linestyle="", marker="s", markersize=15, markerfacecolor="none",
                          markeredgecolor="black", markeredgewidth=2, label=t.gettext("today")))  # fmt: skip
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=9.5,
               handletextpad=0.3, columnspacing=1.0, bbox_to_anchor=(0.5, 0.0))  # fmt: skip


def _habit_block(
    t: Translator, fig: SubFigure, habit: HabitChart, caption: str, data: ChartData
) -> None:
    fig.suptitle(caption, x=0.02, ha="left", fontsize=12, fontweight="bold")
    grid = fig.add_gridspec(2, 2, width_ratios=[1.25, 1], hspace=0.9, wspace=0.25,
                            left=0.08, right=0.97, top=0.80, bottom=0.12)  # fmt: skip
    _calendar(t, fig.add_subplot(grid[:, 0]), habit, data)
    _strength(t, fig.add_subplot(grid[0, 1]), habit)
    _weeks(t, fig.add_subplot(grid[1, 1]), habit, data)


def _calendar(t: Translator, axes: Axes, habit: HabitChart, data: ChartData) -> None:
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for day, kind in habit.cells.items():
        by_kind.setdefault(kind, []).append(((day - data.first).days // 7, day.weekday()))
    for kind, spots in by_kind.items():
        _, face, edge, marker = KINDS[kind]
        size = {".": 30, "_": 70}.get(marker, 95)
        lines = {"linewidths": 2.0} if marker == "_" else {"edgecolors": edge, "linewidths": 1.0}
        axes.scatter([x for x, _ in spots], [y for _, y in spots], s=size, marker=marker,
                     c=face, zorder=2, **lines)  # fmt: skip
    week, weekday = (data.today - data.first).days // 7, data.today.weekday()
    axes.scatter([week], [weekday], s=230, marker="s", facecolors="none", edgecolors="black",
                 linewidths=2.0, zorder=3)  # fmt: skip
    axes.set_xlim(-0.7, WEEKS - 0.3)
    axes.set_ylim(6.7, -0.7)
    axes.set_yticks(range(7), day_labels(t), fontsize=8)
    ticks = [0, 4, 8, WEEKS - 1]
    labels = [t.date(data.first + timedelta(weeks=k), "dd MMM") for k in ticks[:-1]]
    labels.append(t.gettext("this\nweek"))
    axes.set_xticks(ticks, labels, fontsize=8)
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    axes.set_title(t.gettext("Last 12 weeks"), fontsize=9, loc="left")


def _strength(t: Translator, axes: Axes, habit: HabitChart) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    days = [d for d, _ in habit.strength]
    values = [v * 100 for _, v in habit.strength]
    now = values[-1] if values else 0.0
    if len(days) == 1:
        axes.plot(days, values, marker="o", color="#1565c0")
        axes.set_xticks(days, [t.gettext("day 1")], fontsize=8)
        axes.text(0.5, 0.55, t.gettext("grows with every check-in"), transform=axes.transAxes,
                  ha="center", fontsize=9, color="#555555")  # fmt: skip
    elif days:
        axes.plot(days, values, color="#1565c0", linewidth=1.8)
        axes.fill_between(days, values, color="#1565c0", alpha=0.12)
    if 1 < len(days) < 21:  # too short for a date locator: first and last day
        axes.set_xticks(
            [days[0], days[-1]], [t.date(days[0], "dd MMM"), t.date(days[-1], "dd MMM")]
        )
    elif len(days) >= 21:
        locator = AutoDateLocator(maxticks=4)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator, show_offset=False))
    axes.set_ylim(0, 100)
    axes.set_yticks([0, 50, 100], ["0", "50", "100%"], fontsize=8)
    axes.tick_params(axis="x", labelsize=8)
    axes.grid(axis="y", alpha=0.3)
    strength = t.gettext("Strength {share}", share=t.percent(now / 100))
    axes.set_title(strength, fontsize=9, loc="left")


def _weeks(t: Translator, axes: Axes, habit: HabitChart, data: ChartData) -> None:
    spots = [(k, share * 100) for k, (_, share) in enumerate(habit.weeks) if share is not None]
    colours = ["#1565c0" if k == WEEKS - 1 else "#90caf9" for k, _ in spots]
    axes.bar([k for k, _ in spots], [v for _, v in spots], color=colours, width=0.7)
    axes.set_xlim(-0.7, WEEKS - 0.3)
    axes.set_ylim(0, 100)
    axes.set_yticks([0, 100], ["0", "100%"], fontsize=8)
    axes.set_xticks([WEEKS - 1], [t.gettext("this week")], fontsize=8)
    axes.tick_params(length=0)
    due = habit.week_due
    done = t.number(round(habit.week_done, 1))
    share = t.percent(min(1, habit.week_done / due)) if due else ""
    words = (
        t.gettext("nothing due")
        if due == 0
        else t.gettext("{done} of {due} ({share})", done=done, due=t.number(due), share=share)
    )
    axes.set_title(t.gettext("This week: {words}", words=words), fontsize=9, loc="left")
    del data
