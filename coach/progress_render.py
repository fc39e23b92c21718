"""Draw `coach.progress_chart.ChartData` as one PNG a phone shows well (matplotlib, Agg).

One Axes covers the whole figure, measured in inches from its top left, and every habit's
calendar, strength line and week bars are drawn into it: each kind of day is one scatter for
the whole picture, the bars one collection, the frames and grid lines one more; labels are
plain texts, no ticks. Three Axes per habit, each building and drawing its own ticks, took
most of the time before (docs/benchmarks.md, "Progress picture"); the PNG is written with
fast compression.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from babel.dates import get_day_names

from coach.i18n import Translator, translator
from coach.progress_chart import KINDS, WEEKS, ChartData, HabitChart

if TYPE_CHECKING:  # matplotlib is imported when a picture is drawn, not at start-up
    from matplotlib.axes import Axes

WIDTH_IN, DPI = 7.0, 140  # about 980 px wide: sharp on a phone, small enough to send
HABIT_IN, HEAD_IN = 2.5, 0.95
LABELLED_DAYS = (0, 2, 4, 6)  # Mon, Wed, Fri, Sun: every other row, so the labels fit
BLUE, PALE_BLUE, GREY = "#1565c0", "#90caf9", "#555555"
SPAN = (-0.7, WEEKS - 0.3)  # the calendar's and the bars' x range: week k at x = k
PAD = 0.05  # inches between a box and its labels


@dataclass(frozen=True)
class Box:
    """A rectangle of a habit's block, in inches (left, top, width, height)."""

    left: float
    top: float
    width: float
    height: float

    def below(self, dy: float) -> Box:
        """The same box `dy` inches lower."""
        return Box(self.left, self.top + dy, self.width, self.height)

    def x(self, value: float, lo: float, hi: float) -> float:
        """Where `value` of the range lo..hi falls, left to right."""
        return self.left + (value - lo) / (hi - lo) * self.width

    def y(self, value: float, lo: float, hi: float) -> float:
        """Where `value` of the range lo..hi falls, bottom (lo) to top (hi)."""
        return self.top + (hi - value) / (hi - lo) * self.height

    @property
    def bottom(self) -> float:
        """The lower edge."""
        return self.top + self.height

    def outline(self) -> list[tuple[float, float]]:
        """The frame as a closed polyline."""
        right, bottom = self.left + self.width, self.bottom
        corners = [(self.left, self.top), (right, self.top), (right, bottom), (self.left, bottom)]
        return [*corners, corners[0]]


# Within a habit's block (HABIT_IN tall): the layout the three subplots used to have.
CALENDAR = Box(0.56, 0.50, 3.08, 1.70)
STRENGTH = Box(4.33, 0.50, 2.46, 0.59)
WEEK_BARS = Box(4.33, 1.61, 2.46, 0.59)


@dataclass
class Layers:
    """What the whole picture draws with one artist each, gathered habit by habit."""

    cells: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    today: list[tuple[float, float]] = field(default_factory=list)
    frames: list[list[tuple[float, float]]] = field(default_factory=list)
    grid: list[list[tuple[float, float]]] = field(default_factory=list)
    bars: list[list[tuple[float, float]]] = field(default_factory=list)
    bar_colours: list[str] = field(default_factory=list)


def day_labels(t: Translator) -> list[str]:
    """The calendar's row labels: every other weekday, in the member's language."""
    names = get_day_names("abbreviated", locale=t.language)
    return [names[d] if d in LABELLED_DAYS else "" for d in range(7)]


def render(data: ChartData, captions: list[str], language: str = "en") -> bytes:
    """The picture: a legend, then per habit its calendar, strength line and week bars, every
    label in the member's `language`."""
    t = translator(language)
    from matplotlib.figure import Figure

    height = HEAD_IN + HABIT_IN * len(data.habits)
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(0, WIDTH_IN)
    axes.set_ylim(height, 0)
    _legend(t, figure, axes, data, height)
    layers = Layers()
    for k, (habit, caption) in enumerate(zip(data.habits, captions, strict=True)):
        _habit_block(t, axes, layers, HEAD_IN + HABIT_IN * k, habit, caption, data)
    _draw(axes, layers)
    buffer = io.BytesIO()
    # zlib level 1: a third of the encoding time of the default 6, about 5 % more bytes
    figure.savefig(buffer, format="png", facecolor="white", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _legend(t: Translator, figure: Any, axes: Axes, data: ChartData, height: float) -> None:
    from matplotlib.lines import Line2D

    title = t.gettext("Your progress · {day}", day=t.date(data.today, "EEE dd MMM y"))
    axes.text(0.14, 0.03, title, fontsize=15, fontweight="bold", va="top")
    handles = [
        Line2D([], [], linestyle="", marker=marker, markersize=11, markerfacecolor=face,
               markeredgecolor=edge, label=t.gettext(label))
        for label, face, edge, marker in KINDS.values()
    ]  # fmt: skip
    handles.append(Line2D([], [], linestyle="", marker="s", markersize=15, markerfacecolor="none",
                          markeredgecolor="black", markeredgewidth=2, label=t.gettext("today")))  # fmt: skip
    figure.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=9.5,
                  handletextpad=0.3, columnspacing=1.0,
                  bbox_to_anchor=(0.5, 1 - HEAD_IN / height))  # fmt: skip


def _habit_block(
    t: Translator, axes: Axes, layers: Layers, top: float, habit: HabitChart, caption: str,
    data: ChartData,
) -> None:  # fmt: skip
    axes.text(0.14, top + 0.05, caption, fontsize=12, fontweight="bold", va="top")
    _calendar(t, axes, layers, CALENDAR.below(top), habit, data)
    _strength(t, axes, layers, STRENGTH.below(top), habit)
    _weeks(t, axes, layers, WEEK_BARS.below(top), habit)


def _calendar(
    t: Translator, axes: Axes, layers: Layers, box: Box, habit: HabitChart, data: ChartData
) -> None:
    def spot(day: date) -> tuple[float, float]:
        return box.x((day - data.first).days // 7, *SPAN), box.y(-day.weekday(), -6.7, 0.7)

    for day, kind in habit.cells.items():
        layers.cells.setdefault(kind, []).append(spot(day))
    layers.today.append(spot(data.today))
    for weekday, label in enumerate(day_labels(t)):
        if label:
            axes.text(box.left - PAD, box.y(-weekday, -6.7, 0.7), label, fontsize=8,
                      ha="right", va="center")  # fmt: skip
    ticks = [0, 4, 8, WEEKS - 1]
    labels = [t.date(data.first + timedelta(weeks=k), "dd MMM") for k in ticks[:-1]]
    labels.append(t.gettext("this\nweek"))
    for k, label in zip(ticks, labels, strict=True):
        axes.text(box.x(k, *SPAN), box.bottom + PAD, label, fontsize=8, ha="center", va="top")
    _title(axes, box, t.gettext("Last 12 weeks"))


def _strength(t: Translator, axes: Axes, layers: Layers, box: Box, habit: HabitChart) -> None:
    days = [d for d, _ in habit.strength]
    values = [v * 100 for _, v in habit.strength]
    now = values[-1] if values else 0.0
    lo, hi = _date_span(days)
    xs = [box.x(d.toordinal(), lo, hi) for d in days]
    ys = [box.y(v, 0, 100) for v in values]
    if len(days) == 1:
        axes.plot(xs, ys, marker="o", color=BLUE, clip_on=False)
        axes.text(box.x(0.5, 0, 1), box.y(55, 0, 100), t.gettext("grows with every check-in"),
                  ha="center", fontsize=9, color=GREY)  # fmt: skip
        _x_labels(axes, box, [(xs[0], t.gettext("day 1"))])
    elif days:
        axes.plot(xs, ys, color=BLUE, linewidth=1.8)
        axes.fill_between(xs, ys, box.bottom, color=BLUE, alpha=0.12, linewidth=0)
        _x_labels(axes, box, [(box.x(o, lo, hi), s) for o, s in _date_ticks(t, days)])
    for value, label in ((0, "0"), (50, "50"), (100, "100%")):
        axes.text(box.left - PAD, box.y(value, 0, 100), label, fontsize=8, ha="right",
                  va="center")  # fmt: skip
    layers.grid.append([(box.left, box.y(50, 0, 100)), (box.left + box.width, box.y(50, 0, 100))])
    layers.frames.append(box.outline())
    _title(axes, box, t.gettext("Strength {share}", share=t.percent(now / 100)))


def _date_span(days: list[date]) -> tuple[float, float]:
    """The x range of the strength line: its days with matplotlib's 5 % margins."""
    if not days:
        return 0.0, 1.0
    first, last = days[0].toordinal(), days[-1].toordinal()
    if first == last:
        return first - 1.0, last + 1.0
    margin = (last - first) * 0.05
    return first - margin, last + margin


def _date_ticks(t: Translator, days: list[date]) -> list[tuple[float, str]]:
    """A few dated ticks: first and last day for a short line, else matplotlib's concise
    months (and years), chosen over the line's span with its margins as an Axes would."""
    if len(days) < 21:  # too short for months: first and last day
        return [(d.toordinal(), t.date(d, "dd MMM")) for d in (days[0], days[-1])]
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    epoch = date(1970, 1, 1).toordinal()  # matplotlib counts days from 1970
    lo, hi = _date_span(days)
    locator = AutoDateLocator(maxticks=4)
    locator.create_dummy_axis()
    locator.axis.set_view_interval(lo - epoch, hi - epoch)
    spots = [s for s in locator() if lo <= s + epoch <= hi]
    labels = ConciseDateFormatter(locator, show_offset=False).format_ticks(spots)
    return [(s + epoch, label) for s, label in zip(spots, labels, strict=True)]


def _weeks(t: Translator, axes: Axes, layers: Layers, box: Box, habit: HabitChart) -> None:
    for k, (_, share) in enumerate(habit.weeks):
        if share is None:
            continue
        left, right = box.x(k - 0.35, *SPAN), box.x(k + 0.35, *SPAN)
        low, high = box.bottom, box.y(share * 100, 0, 100)
        layers.bars.append([(left, low), (right, low), (right, high), (left, high)])
        layers.bar_colours.append(BLUE if k == WEEKS - 1 else PALE_BLUE)
    for value, label in ((0, "0"), (100, "100%")):
        axes.text(box.left - PAD, box.y(value, 0, 100), label, fontsize=8, ha="right",
                  va="center")  # fmt: skip
    _x_labels(axes, box, [(box.x(WEEKS - 1, *SPAN), t.gettext("this week"))])
    layers.frames.append(box.outline())
    due = habit.week_due
    done = t.number(round(habit.week_done, 1))
    share = t.percent(min(1, habit.week_done / due)) if due else ""
    words = (
        t.gettext("nothing due")
        if due == 0
        else t.gettext("{done} of {due} ({share})", done=done, due=t.number(due), share=share)
    )
    _title(axes, box, t.gettext("This week: {words}", words=words))


def _title(axes: Axes, box: Box, text: str) -> None:
    axes.text(box.left, box.top - PAD, text, fontsize=9, va="bottom")


def _x_labels(axes: Axes, box: Box, labels: list[tuple[float, str]]) -> None:
    for x, label in labels:
        axes.text(x, box.bottom + PAD, label, fontsize=8, ha="center", va="top")


def _draw(axes: Axes, layers: Layers) -> None:
    """One artist per kind of day, for today's boxes, the bars, the frames and the grid."""
    from matplotlib.collections import LineCollection, PolyCollection

    for kind, spots in layers.cells.items():
        _, face, edge, marker = KINDS[kind]
        size = {".": 30, "_": 70}.get(marker, 95)
        lines = {"linewidths": 2.0} if marker == "_" else {"edgecolors": edge, "linewidths": 1.0}
        axes.scatter([x for x, _ in spots], [y for _, y in spots], s=size, marker=marker,
                     c=face, zorder=2, **lines)  # fmt: skip
    axes.scatter([x for x, _ in layers.today], [y for _, y in layers.today], s=230, marker="s",
                 facecolors="none", edgecolors="black", linewidths=2.0, zorder=3)  # fmt: skip
    axes.add_collection(PolyCollection(layers.bars, facecolors=layers.bar_colours, linewidths=0))
    axes.add_collection(LineCollection(layers.grid, colors="#b0b0b0", linewidths=0.8, alpha=0.6))
    axes.add_collection(LineCollection(layers.frames, colors="black", linewidths=0.8))
