"""Streak, strength, adherence and milestones on hand-made histories."""

from __future__ import annotations

from datetime import date, timedelta

from coach.schedule import parse_frequency
from coach.scores import HabitHistory, new_milestones, score, streak, strength

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
    run = {k: "done" for k in range(1, 91)}
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
