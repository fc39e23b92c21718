"""The calendar rules: a member's day, frequencies, scheduled and completed counts, adherence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from coach.schedule import (
    Frequency,
    HabitDays,
    adherence,
    local_day,
    parse_frequency,
    scheduled_count,
)

MON = date(2026, 11, 2)  # a Monday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily", Frequency()),
        ("weekdays", Frequency(weekdays=frozenset(range(5)))),
        ("weekly:3", Frequency(per_week=3)),
        ("days:mon,wed,fri", Frequency(weekdays=frozenset({0, 2, 4}))),
        ("nonsense", Frequency()),
        (None, Frequency()),
    ],
)
def test_parse_frequency(text: str | None, expected: Frequency) -> None:
    assert parse_frequency(text) == expected


def test_a_checkin_at_0130_counts_for_yesterday() -> None:
    # 01:30 in Berlin on Nov 3 is 00:30 UTC on Nov 3
    moment = datetime(2026, 11, 3, 0, 30, tzinfo=UTC)
    assert local_day(moment, "Europe/Berlin", 3) == date(2026, 11, 2)
    assert local_day(moment, "Europe/Berlin", 0) == date(2026, 11, 3)
    # 05:00 UTC is 22:00 the day before in New York: still that day
    assert local_day(datetime(2026, 11, 3, 5, 0, tzinfo=UTC), "America/New_York", 3) == date(
        2026, 11, 2
    )


def test_scheduled_counts_per_frequency() -> None:
    week = (MON, MON + timedelta(days=6))
    assert scheduled_count(parse_frequency("daily"), *week, habit_start=MON) == 7
    assert scheduled_count(parse_frequency("weekdays"), *week, habit_start=MON) == 5
    assert scheduled_count(parse_frequency("days:mon,wed,fri"), *week, habit_start=MON) == 3
    assert scheduled_count(parse_frequency("weekly:3"), *week, habit_start=MON) == 3
    # nothing is scheduled before the habit started
    assert (
        scheduled_count(parse_frequency("daily"), *week, habit_start=MON + timedelta(days=5)) == 2
    )


def test_three_per_week_done_three_times_is_full_adherence() -> None:
    habit = HabitDays(
        parse_frequency("weekly:3"), MON, frozenset({MON, MON + timedelta(2), MON + timedelta(4)})
    )
    assert adherence([habit], MON + timedelta(days=6), 7) == pytest.approx(1.0)


def test_extra_days_on_a_flexible_habit_are_capped() -> None:
    done = frozenset(MON + timedelta(i) for i in range(7))
    habit = HabitDays(parse_frequency("weekly:3"), MON, done)
    assert adherence([habit], MON + timedelta(days=6), 7) == pytest.approx(1.0)


def test_adherence_pools_habits() -> None:
    end = MON + timedelta(days=6)
    daily = HabitDays(
        parse_frequency("daily"), MON, frozenset(MON + timedelta(i) for i in range(4))
    )
    weekdays = HabitDays(parse_frequency("weekdays"), MON, frozenset({MON, MON + timedelta(5)}))
    # daily: 4 of 7; weekdays: 1 of 5 (Saturday is not scheduled) -> 5 / 12
    assert adherence([daily, weekdays], end, 7) == pytest.approx(5 / 12)


def test_no_scheduled_checkins_means_no_figure() -> None:
    habit = HabitDays(parse_frequency("daily"), MON + timedelta(days=10), frozenset())
    assert adherence([habit], MON, 7) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [("daily", "every day"), ("weekdays", "on weekdays"), ("weekly:1", "once a week"),
     ("weekly:3", "3 times a week"), ("days:mon,thu", "on Mon, Thu"), ("bogus", "every day")],
)  # fmt: skip
def test_describe_frequency(text: str, words: str) -> None:
    from coach.schedule import describe_frequency

    assert describe_frequency(text) == words
