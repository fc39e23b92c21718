"""The score rules have one home (storage/score_rules.py) that coach/ and sync/ share (#15)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.scores import HabitHistory, strength_series
from coach.strength import loop_scores
from storage.calendar_rules import parse_frequency
from storage.score_rules import (
    WINDOWS,
    LoopShape,
    credit,
    loop_shape,
    scheduled_frequency,
    warehouse_scoring,
)

REPO = Path(__file__).resolve().parents[2]
RULES = ("multiplier", "credit", "credit_sql", "scheduled_frequency", "loop_shape",
         "warehouse_scoring")  # fmt: skip
FREQUENCIES = ("daily", "weekdays", "days:mon,thu", "weekly:1", "weekly:3", "weekly:7")
TARGETS = ((None, None), (20.0, "day"), (15.0, "week"), (0.0, "day"))


def test_no_other_module_defines_a_score_rule() -> None:
    defining = re.compile(rf"^def ({'|'.join(RULES)})\(", re.M)
    found = [
        str(path.relative_to(REPO))
        for package in ("bot", "handlers", "coach", "mentor", "storage", "sync")
        for path in (REPO / package).rglob("*.py")
        if defining.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["storage/score_rules.py"]


@pytest.mark.parametrize("frequency", FREQUENCIES)
@pytest.mark.parametrize(("target", "period"), TARGETS)
def test_every_habit_scores_with_a_window_the_warehouse_knows(
    frequency: str, target: float | None, period: str | None
) -> None:
    shape = loop_shape(parse_frequency(frequency), target, period)
    assert shape.window in WINDOWS
    assert shape.every_day or shape.window == 1  # day-based habits: only their own day counts
    due_per_week, mask, window, goal, keep, every_day = warehouse_scoring(frequency, target, period)
    due = scheduled_frequency(parse_frequency(frequency), period)
    assert (due_per_week, {i for i, c in enumerate(mask) if c == "1"}) == (
        due.per_week,
        set(due.weekdays),
    )
    assert (window, keep, every_day) == (shape.window, shape.multiplier, shape.every_day)
    if shape.numerical and target:  # the goal in targets: a week's or N days' worth
        assert goal * target == pytest.approx(shape.goal)


def test_a_week_target_schedules_one_check_in_a_week_whatever_the_plan_says() -> None:
    assert scheduled_frequency(parse_frequency("daily"), "week").per_week == 1
    assert scheduled_frequency(parse_frequency("weekdays"), "day") == parse_frequency("weekdays")


def test_credit_is_the_share_of_the_target() -> None:
    assert credit(12, 20) == pytest.approx(0.6)
    assert credit(30, 20) == pytest.approx(1.5)  # capped per day by adherence, not here
    assert credit(None, 20) == 1.0  # the Done button means the target
    assert credit(5, None) == 1.0 and credit(5, 0) == 1.0


def test_the_credit_window_gives_the_same_strength_as_loops_amounts() -> None:
    """The warehouse sums credits against `credit_goal`; Loop sums amounts against the target."""
    start = date(2026, 11, 2)
    amounts = {start + timedelta(days=i): a for i, a in enumerate([5, 0, 8, 3, 0, 0, 12, 4, 6])}
    history = HabitHistory(
        parse_frequency("weekly:3"), start, {d: "done" for d, a in amounts.items() if a},
        {d: float(a) for d, a in amounts.items() if a}, 15.0, "week",
    )  # fmt: skip
    shape = history.shape()
    credits = [credit(a, 15.0) if a else 0.0 for a in amounts.values()]
    in_credits = LoopShape(shape.numerator, shape.denominator, True, shape.credit_goal)
    scored = loop_scores(credits, in_credits.numerator, in_credits.denominator, numerical=True,
                         target=in_credits.target)  # fmt: skip
    series = [v for _, v in strength_series(history, max(amounts))]
    assert scored == pytest.approx(series, rel=1e-12)
