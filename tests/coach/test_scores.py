"""Streak, strength, adherence and milestones on hand-made histories.

The strength tests at the end are Loop Habit Tracker's own (uhabits-core ScoreTest and
ScoreListTest, expected values to 1e-6), ported day for day: Loop's day `today - i` is
index i of the newest-first lists below.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.schedule import parse_frequency
from coach.scores import HabitHistory, new_milestones, score, streak, strength, strength_series
from coach.strength import compute, loop_scores

WED = date(2026, 11, 25)


def _history(freq: str, start: date, marks: dict[int, str], today: date = WED) -> HabitHistory:
    """`marks` maps days-before-today to a status."""
    return HabitHistory(
        parse_frequency(freq), start, {today - timedelta(days=k): v for k, v in marks.items()}
    )


def test_daily_streak_counts_back_and_today_open_does_not_break_it() -> None:
    h = _history(
        "daily", WED - timedelta(days=10), {1: "done", 2: "done", 3: "done", 4: "missed", 5: "done"}
    )
    assert streak(h, WED, skip_budget=1) == 3
    done_today = _history("daily", WED - timedelta(days=10), {0: "done", 1: "done"})
    assert streak(done_today, WED, skip_budget=1) == 2


def test_a_past_day_with_no_check_in_breaks_a_daily_streak() -> None:
    h = _history("daily", WED - timedelta(days=10), {1: "done", 3: "done", 4: "done"})
    assert streak(h, WED, skip_budget=1) == 1


def test_one_skip_a_week_freezes_the_streak_a_second_breaks_it() -> None:
    # Mon 23 and Tue 24 Nov are in the same ISO week as Wed 25.
    one_skip = _history(
        "daily", WED - timedelta(days=20), {0: "done", 1: "skipped", 2: "done", 3: "done"}
    )
    assert streak(one_skip, WED, skip_budget=1) == 3
    two_skips = _history(
        "daily", WED - timedelta(days=20), {0: "done", 1: "skipped", 2: "skipped", 3: "done"}
    )
    assert streak(two_skips, WED, skip_budget=1) == 1
    assert streak(two_skips, WED, skip_budget=2) == 2


def test_weekday_habits_rest_at_the_weekend() -> None:
    mon = date(2026, 11, 23)
    marks = {mon - timedelta(days=d): "done" for d in (3, 4, 5, 6, 7)}  # Mon–Fri of last week
    h = HabitHistory(parse_frequency("weekdays"), mon - timedelta(days=7), {**marks, mon: "done"})
    assert streak(h, mon, skip_budget=0) == 6


def test_three_times_a_week_keeps_its_streak_across_rest_days() -> None:
    today = date(2026, 11, 25)  # Wednesday of week 48
    done = [
        date(2026, 11, d) for d in (9, 11, 13, 16, 18, 20, 23)
    ]  # Mon/Wed/Fri for two weeks, Mon
    h = HabitHistory(parse_frequency("weekly:3"), date(2026, 11, 9), dict.fromkeys(done, "done"))
    assert streak(h, today, skip_budget=1) == 7
    short_week = {d: s for d, s in h.statuses.items() if d != date(2026, 11, 18)}
    assert streak(HabitHistory(h.frequency, h.start, short_week), today, skip_budget=0) == 1
    frozen = {**short_week, date(2026, 11, 19): "skipped"}
    assert streak(HabitHistory(h.frequency, h.start, frozen), today, skip_budget=1) == 6


def test_strength_forgives_one_lapse_after_a_long_run() -> None:
    start = WED - timedelta(days=90)
    run = {k: "done" for k in range(0, 91)}  # today counts from its start (Loop's rule)
    long_run = strength(_history("daily", start, run), WED)
    one_lapse = strength(_history("daily", start, {**run, 2: "missed"}), WED)
    many_lapses = strength(
        _history("daily", start, {**run, 2: "missed", 4: "missed", 6: "missed", 8: "missed"}), WED
    )
    assert long_run > 0.95
    assert one_lapse > 0.9 and long_run - one_lapse < 0.06
    assert many_lapses < one_lapse - 0.1


def test_strength_is_zero_without_check_ins_and_skips_leave_it_unchanged() -> None:
    start = WED - timedelta(days=10)
    assert strength(_history("daily", start, {}), WED) == 0
    done = strength(_history("daily", start, {3: "done"}), WED)
    assert strength(_history("daily", start, {3: "done", 1: "skipped"}), WED) > done - 1e-9 - 0.1
    assert strength(
        _history("daily", start, {3: "done", 1: "skipped", 2: "skipped"}), WED
    ) > strength(_history("daily", start, {3: "done", 1: "missed", 2: "missed"}), WED)


def test_adherence_follows_coach_schedule() -> None:
    start = WED - timedelta(days=6)
    figures = score(_history("daily", start, {k: "done" for k in range(1, 7)}), WED, 1)
    assert figures.adherence_7d == 6 / 7
    weekly = score(_history("weekly:3", start, {0: "done", 2: "done", 4: "done"}), WED, 1)
    assert weekly.adherence_7d == 1.0


def test_milestones_are_new_only_once() -> None:
    assert new_milestones(7, [7, 21, 30, 100], []) == [7]
    assert new_milestones(8, [7, 21, 30, 100], [7]) == []
    assert new_milestones(30, [7, 21, 30, 100], [7]) == [21, 30]


E = 1e-6
LOOP_TODAY = date(2026, 11, 25)
LOOP_DAILY_20 = [0.655747, 0.636894, 0.617008, 0.596033, 0.573910, 0.550574, 0.525961, 0.500000,
                 0.472617, 0.443734, 0.413270, 0.381137, 0.347244, 0.311495, 0.273788, 0.234017,
                 0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0]  # fmt: skip


def _loop_history(
    freq: str, marks: dict[int, str], *, amounts: dict[int, float] | None = None,
    target: float | None = None, period: str | None = None, span: int = 23,
) -> HabitHistory:  # fmt: skip
    """A habit begun `span` days before Loop's today; `marks`/`amounts` by days before it."""
    days = {k: LOOP_TODAY - timedelta(days=k) for k in range(span + 1)}
    return HabitHistory(
        parse_frequency(freq), LOOP_TODAY - timedelta(days=span),
        {days[k]: v for k, v in marks.items()},
        {days[k]: v for k, v in (amounts or {}).items()}, target, period,
    )  # fmt: skip


def _newest_first(history: HabitHistory, count: int) -> list[float]:
    series = strength_series(history, LOOP_TODAY)
    return [v for _, v in reversed(series)][:count]


def test_loop_score_compute() -> None:
    """ScoreTest.test_compute_withDailyHabit / withNonDailyHabit."""
    for freq, prev, check, expected in [
        (1.0, 0.0, 1, 0.051922), (1.0, 0.5, 1, 0.525961), (1.0, 0.75, 1, 0.762981),
        (1.0, 0.0, 0, 0.0), (1.0, 0.5, 0, 0.474039), (1.0, 0.75, 0, 0.711058),
        (1 / 3, 0.0, 1, 0.030314), (1 / 3, 0.5, 1, 0.515157), (1 / 3, 0.75, 1, 0.757578),
        (1 / 3, 0.0, 0, 0.0), (1 / 3, 0.5, 0, 0.484842), (1 / 3, 0.75, 0, 0.727263),
    ]:  # fmt: skip
        assert compute(freq, prev, check) == pytest.approx(expected, abs=E)


def test_loop_get_value() -> None:
    """ScoreListTest.test_getValue: done on the 20 days up to today."""
    history = _loop_history("daily", dict.fromkeys(range(20), "done"))
    assert _newest_first(history, 23) == pytest.approx(LOOP_DAILY_20, abs=E)


def test_loop_get_value_with_skip() -> None:
    """ScoreListTest.test_getValueWithSkip: skipped days keep the day before's score."""
    marks = dict.fromkeys(range(20), "done") | {5: "skipped", 10: "skipped", 11: "skipped"}
    expected = [0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.472617, 0.443734,
                0.413270, 0.381137, 0.347244, 0.347244, 0.347244, 0.311495, 0.273788, 0.234017,
                0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0]  # fmt: skip
    assert _newest_first(_loop_history("daily", marks), 23) == pytest.approx(expected, abs=E)


def test_loop_get_value_with_skip2_and_today_before_its_check_in() -> None:
    """ScoreListTest.test_getValueWithSkip2: today with no check-in counts as not done."""
    history = _loop_history("daily", {5: "done", 4: "skipped"}, span=6)
    expected = [0.041949, 0.044247, 0.046670, 0.049226, 0.051922, 0.051922, 0.0]
    assert _newest_first(history, 7) == pytest.approx(expected, abs=E)


def _repeat(pattern: list[bool], times: int) -> dict[int, str]:
    return {i: "done" for i, on in enumerate(pattern * times) if on}


def test_loop_imperfect_non_daily() -> None:
    """ScoreListTest.test_imperfectNonDaily: 2 of 3 a week -> 2/3; 2 of 4 -> 1/2."""
    marks = _repeat([True, True] + [False] * 5, 100)
    assert strength(_loop_history("weekly:3", marks, span=699), LOOP_TODAY) == pytest.approx(
        2 / 3, abs=E
    )
    assert strength(_loop_history("weekly:4", marks, span=699), LOOP_TODAY) == pytest.approx(
        0.5, abs=E
    )


def test_loop_irregular_non_daily() -> None:
    """ScoreListTest.test_irregularNonDaily: once a week on different weekdays -> 1.0."""
    marks = _repeat([True] + [False] * 12 + [True], 100)
    history = _loop_history("weekly:1", marks, span=1399)
    assert strength(history, LOOP_TODAY) == pytest.approx(1.0, abs=1e-3)


def test_loop_high_score_in_reasonable_time() -> None:
    """ScoreListTest.shouldAchieveHighScoreInReasonableTime (daily, weekly, monthly)."""
    daily = _loop_history("daily", dict.fromkeys(range(90), "done"), span=89)
    assert strength(daily, LOOP_TODAY) > 0.99
    weekly = _loop_history("weekly:1", {7 * i: "done" for i in range(39)}, span=7 * 38)
    assert strength(weekly, LOOP_TODAY) > 0.99
    monthly = [1.0 if i % 30 == 0 else 0.0 for i in range(30 * 17, -1, -1)]
    assert loop_scores(monthly, 1, 30)[-1] > 0.99


def test_loop_recompute_and_add_then_remove() -> None:
    """ScoreListTest.test_recompute (daily; 1 in 2 days) and test_addThenRemove."""
    two = _loop_history("daily", {0: "done", 1: "done"}, span=1)
    assert strength(two, LOOP_TODAY) == pytest.approx(0.101149, abs=E)
    assert loop_scores([1.0, 1.0], 1, 2)[-1] == pytest.approx(0.054816, abs=E)
    one = _loop_history("daily", {0: "done"}, span=0)
    assert strength(one, LOOP_TODAY) == pytest.approx(0.051922, abs=E)


def _measurable(amounts: dict[int, float], span: int, period: str = "day") -> HabitHistory:
    """Loop's numerical test habit: "at least 2.0 miles" per day (or week)."""
    marks = dict.fromkeys(amounts, "done")
    return _loop_history("daily", marks, amounts=amounts, target=2.0, period=period, span=span)


def test_loop_numerical_get_value_and_recompute() -> None:
    """NumericalAtLeastScoreListTest.test_getValue and test_recompute."""
    history = _measurable(dict.fromkeys(range(20), 2.0), span=22)
    assert _newest_first(history, 23) == pytest.approx(LOOP_DAILY_20, abs=E)
    two_days = loop_scores([2.0, 2.0], 1, 2, numerical=True, target=2.0)
    assert two_days[-1] == pytest.approx(0.072631, abs=E)


def test_loop_numerical_comparable_to_progress_and_overachieving() -> None:
    """NumericalAtLeastScoreListTest: half the target for 500 days -> 0.5; a quarter -> 0.25;
    overachieving one day counts no more than meeting the target."""
    assert strength(_measurable(dict.fromkeys(range(500), 1.0), 499), LOOP_TODAY) == (
        pytest.approx(0.5, abs=E)
    )
    assert strength(_measurable(dict.fromkeys(range(500), 0.5), 499), LOOP_TODAY) == (
        pytest.approx(0.25, abs=E)
    )
    assert strength(_measurable({0: 10000.0}, 0), LOOP_TODAY) == pytest.approx(0.051922, abs=E)


def test_loop_numerical_with_skip() -> None:
    """NumericalAtLeastScoreListWithSkipTest.test_getValue and skipsShouldNotAffectScore."""
    history = _measurable({k: 2.0 for k in range(20) if k not in (10, 15)}, span=22)
    skipped = {**history.statuses, LOOP_TODAY - timedelta(days=10): "skipped",
               LOOP_TODAY - timedelta(days=15): "skipped"}  # fmt: skip
    history = HabitHistory(history.frequency, history.start, skipped, history.amounts, 2.0, "day")
    expected = [0.617008, 0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.443734,
                0.413270, 0.381137, 0.347244, 0.347244, 0.311495, 0.273788, 0.234017, 0.192067,
                0.192067, 0.147820, 0.101149, 0.051922, 0.0, 0.0, 0.0]  # fmt: skip
    assert _newest_first(history, 23) == pytest.approx(expected, abs=E)
    initial = strength(_measurable(dict.fromkeys(range(500), 1.0), 499), LOOP_TODAY)
    for done, skipped in ((range(500), range(500, 1000)),
                          ([*range(300), *range(500, 700)], range(300, 500))):  # fmt: skip
        h = _measurable(dict.fromkeys(done, 1.0), 999)
        marks = {**h.statuses, **{LOOP_TODAY - timedelta(days=k): "skipped" for k in skipped}}
        h = HabitHistory(h.frequency, h.start, marks, h.amounts, 2.0, "day")
        assert strength(h, LOOP_TODAY) == pytest.approx(initial, abs=E)


def test_loop_numerical_weekly_target_reaches_a_high_score() -> None:
    """NumericalAtLeastScoreListTest.shouldAchieveHighScoreInReasonableTime, weekly: the
    week's target met once a week for 39 weeks."""
    history = _measurable({7 * i: 2.0 for i in range(39)}, span=7 * 38, period="week")
    assert strength(history, LOOP_TODAY) > 0.99


def test_measurable_adherence_credits_partial_amounts() -> None:
    """12 of 20 pages counts 0.6 of a check-in; a week target counts the week's sum."""
    start = WED - timedelta(days=6)
    pages = HabitHistory(parse_frequency("daily"), start, {WED: "done", WED - timedelta(1): "done"},
                         {WED: 12.0}, 20.0, "day")  # fmt: skip
    assert score(pages, WED, 1).adherence_7d == pytest.approx((0.6 + 1.0) / 7)
    runs = {WED - timedelta(days=k): 5.0 for k in (0, 2, 4)}
    km = HabitHistory(parse_frequency("weekly:3"), start, dict.fromkeys(runs, "done"), runs,
                      15.0, "week")  # fmt: skip
    assert score(km, WED, 1).adherence_7d == pytest.approx(1.0)
