"""The progress picture's data: which day is shown how, for a day's history and a year's (#15)."""

from __future__ import annotations

from datetime import date, timedelta

from coach.progress_chart import KINDS, WEEKS, chart_data
from coach.progress_render import render
from coach.schedule import parse_frequency
from coach.scores import HabitHistory

TUE = date(2026, 12, 1)  # a Tuesday
MON = TUE - timedelta(days=1)


def _days(*back: int) -> list[date]:
    return [TUE - timedelta(days=b) for b in back]


def test_each_kind_of_day_is_told_apart() -> None:
    statuses = {_days(1)[0]: "done", _days(2)[0]: "skipped", _days(3)[0]: "missed"}
    history = HabitHistory(parse_frequency("daily"), TUE - timedelta(days=5), statuses)
    (chart,) = chart_data([("Read", history)], TUE).habits
    cells = chart.cells
    assert [cells[d] for d in _days(1, 2, 3, 4, 5)] == ["done", "skipped", "missed", "missed",
                                                        "missed"]  # fmt: skip
    assert cells[_days(6)[0]] == "before" and cells[TUE] == "open"
    assert TUE + timedelta(days=1) not in cells  # the future is not drawn
    assert len(cells) == (WEEKS - 1) * 7 + 2  # 11 full weeks and this week's Mon, Tue
    assert min(cells) == MON - timedelta(weeks=WEEKS - 1)
    # every kind has its own colour and its own shape
    assert len({face for _, face, _, _ in KINDS.values()}) == len(KINDS)
    assert len({marker for *_, marker in KINDS.values()}) == len(KINDS)


def test_rest_days_are_not_scheduled_and_a_done_today_is_done() -> None:
    history = HabitHistory(parse_frequency("weekdays"), TUE - timedelta(days=20), {TUE: "done"})
    cells = chart_data([("Walk", history)], TUE).habits[0].cells
    saturday, sunday = MON - timedelta(days=2), MON - timedelta(days=1)
    assert cells[saturday] == cells[sunday] == "not_scheduled"
    assert cells[MON] == "missed" and cells[TUE] == "done"


def test_three_a_week_shows_only_the_shortfall_as_missed() -> None:
    last_mon = MON - timedelta(days=7)
    two_done = {last_mon: "done", last_mon + timedelta(days=2): "done"}
    three_done = {d - timedelta(days=7): "done" for d in two_done} | {
        last_mon - timedelta(days=3): "done"
    }
    history = HabitHistory(parse_frequency("weekly:3"), MON - timedelta(days=14),
                           two_done | three_done)  # fmt: skip
    cells = chart_data([("Gym", history)], TUE).habits[0].cells
    last_week = [cells[last_mon + timedelta(days=i)] for i in range(7)]
    week_before = [cells[last_mon - timedelta(days=7 - i)] for i in range(7)]
    assert last_week.count("missed") == 1 and last_week[-1] == "missed"
    assert week_before.count("missed") == 0 and week_before.count("done") == 3
    assert cells[MON] == "not_scheduled" and cells[TUE] == "open"  # this week is still open


def test_a_partial_amount_is_its_own_kind_and_the_week_counts_it() -> None:
    statuses = {MON: "done", TUE: "done"}
    history = HabitHistory(parse_frequency("daily"), MON, statuses, {MON: 12.0, TUE: 20.0},
                           20.0, "day")  # fmt: skip
    (chart,) = chart_data([("Read 20 pages", history)], TUE).habits
    assert chart.cells[MON] == "partial" and chart.cells[TUE] == "done"
    assert chart.week_done == 1.6 and chart.week_due == 7


def test_one_day_of_history_and_a_year_of_it() -> None:
    new = HabitHistory(parse_frequency("daily"), TUE, {})
    year = HabitHistory(parse_frequency("daily"), TUE - timedelta(days=500),
                        {TUE - timedelta(days=k): "done" for k in range(0, 500, 2)})  # fmt: skip
    data = chart_data([("New", new), ("Old", year)], TUE)
    fresh, old = data.habits
    assert len(fresh.strength) == 1 and set(fresh.cells.values()) == {"before", "open"}
    assert [share for _, share in fresh.weeks][:-1] == [None] * (WEEKS - 1)
    assert len(old.strength) == 365 and old.strength[-1][0] == TUE
    assert 0.4 < old.strength[-1][1] < 0.6 and all(s is not None for _, s in old.weeks)
    png = render(data, ["New — streak 0", "Old — streak 1"])
    assert png.startswith(b"\x89PNG")


def test_the_picture_draws_each_day_in_its_kinds_colour_and_boxes_today(monkeypatch) -> None:
    """What `render` draws, read back from the figure: as many marks of each kind's colour as
    the calendar has days of that kind, and one box around today."""
    from collections import Counter

    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_hex
    from matplotlib.figure import Figure

    drawn: list[Figure] = []
    save = Figure.savefig
    monkeypatch.setattr(Figure, "savefig", lambda f, *a, **k: (drawn.append(f), save(f, *a, **k)))
    statuses = {d: s for d, s in zip(_days(1, 2, 3, 4, 8), ["done", "done", "skipped", "missed",
                                                             "done"], strict=True)}  # fmt: skip
    history = HabitHistory(parse_frequency("weekdays"), TUE - timedelta(days=30), statuses,
                           {_days(1)[0]: 12.0}, 20.0, "day")  # fmt: skip
    data = chart_data([("Read 20 pages", history)], TUE)
    assert render(data, ["Read 20 pages — streak 1"]).startswith(b"\x89PNG")
    (figure,) = drawn
    marks: Counter[str] = Counter()
    boxes = 0
    for collection in figure.findobj(PathCollection):
        faces, edges = collection.get_facecolor(), collection.get_edgecolor()
        if len(faces) == 0 or faces[0][3] == 0:  # unfilled: the rest-day dash, today's box
            if to_hex(edges[0]) == "#000000":
                boxes += len(collection.get_offsets())
                continue
            faces = edges
        marks[to_hex(faces[0])] += len(collection.get_offsets())
    kinds = Counter(data.habits[0].cells.values())
    assert set(kinds) >= {"done", "partial", "skipped", "missed", "not_scheduled", "before"}
    assert marks == Counter({KINDS[kind][1]: n for kind, n in kinds.items()})
    assert boxes == 1
