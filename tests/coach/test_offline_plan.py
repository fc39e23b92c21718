"""The offline coach's plans: frequencies, deadlines, time budgets and categories from plain words."""

from __future__ import annotations

from datetime import date

import pytest

from coach.llm.offline_plan import offline_plan
from coach.llm.offline_words import find_deadline, find_minutes_per_week, guess_category
from coach.llm.schemas import Plan, PlanRequest
from coach.schedule import parse_frequency

TODAY = date(2026, 11, 28)  # a Saturday


def plan(text: str, **kwargs: object) -> Plan:
    return offline_plan(PlanRequest(text=text, today=TODAY, **kwargs), text)


@pytest.mark.parametrize(
    ("goal", "frequency"),
    [
        ("I want to run 3x a week", "weekly:3"),
        ("run three times a week", "weekly:3"),
        ("Go to the gym 4 times per week", "weekly:4"),
        ("swim twice a week", "weekly:2"),
        ("call my mom once a week", "weekly:1"),
        ("lift weights 3x/week", "weekly:3"),
        ("practice piano 5 days a week", "weekly:5"),
        ("cycle 2 sessions per week", "weekly:2"),
        ("walk every other day", "weekly:4"),
        ("meditate every morning", "daily"),
        ("read 20 pages daily", "daily"),
        ("drink 2 litres of water every day", "daily"),
        ("journal every night before bed", "daily"),
        ("floss nightly", "daily"),
        ("do 50 pushups a day", "daily"),
        ("study Spanish on weekdays", "weekdays"),
        ("stretch every weekday", "weekdays"),
        ("write monday to friday", "weekdays"),
        ("gym on mondays and thursdays", "days:mon,thu"),
        ("yoga mon/wed/fri", "days:mon,wed,fri"),
        ("long run on Sundays", "days:sun"),
        ("hike on weekends", "days:sat,sun"),
        ("tidy the flat on Tuesday and Saturday", "days:tue,sat"),
        ("run seven times a week", "daily"),
        ("weekly budget review", "weekly:1"),
    ],
)
def test_goal_phrasings_give_the_expected_frequency(goal: str, frequency: str) -> None:
    result = plan(goal)
    assert result.habits[0].frequency == frequency
    parse_frequency(frequency)  # canonical: coach.schedule understands it


def test_without_a_frequency_the_category_picks_a_sensible_default() -> None:
    assert plan("get fit and run").habits[0].frequency == "weekly:3"
    assert plan("meditate").habits[0].frequency == "daily"


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("run a 10k by June", date(2027, 6, 1)),
        ("by the end of May", date(2027, 5, 31)),
        ("by June 15", date(2027, 6, 15)),
        ("by 15th December", date(2026, 12, 15)),
        ("learn 500 words in 6 weeks", date(2027, 1, 9)),
        ("no sugar for 30 days", date(2026, 12, 28)),
        ("within 3 months", date(2027, 2, 28)),
        ("by the end of the year", date(2026, 12, 31)),
        ("until 2027-03-01", date(2027, 3, 1)),
        ("by December", date(2026, 12, 1)),
    ],
)
def test_deadlines_are_relative_to_today(text: str, end: date) -> None:
    assert find_deadline(text.lower(), TODAY)[0] == end


def test_a_plan_has_dates_subgoals_and_a_title() -> None:
    result = plan("I want to run 3x a week by June")
    assert result.start_date == TODAY and result.end_date == date(2027, 6, 1)
    assert result.category == "fitness" and result.habits[0].title == "Run"
    assert result.frequency == "3 times a week"
    assert any("Finish by 01 Jun 2027" in s for s in result.subgoals)


def test_several_habits_in_one_goal() -> None:
    result = plan("Meditate every morning and run twice a week, and read on weekends")
    assert [(h.title, h.frequency) for h in result.habits] == [
        ("Meditate", "daily"), ("Run", "weekly:2"), ("Read", "days:sat,sun")]  # fmt: skip
    assert result.habits[0].schedule == "morning"


def test_weekday_lists_are_not_split_into_habits() -> None:
    result = plan("swim on mondays and thursdays")
    assert [(h.title, h.frequency) for h in result.habits] == [("Swim", "days:mon,thu")]


def test_a_time_budget_sets_the_session_length() -> None:
    assert find_minutes_per_week("at most 2 hours a week") == 120
    assert find_minutes_per_week("30 minutes a day") == 210
    result = plan("learn Spanish 4 times a week, at most 2 hours a week")
    assert result.habits[0].schedule == "about 30 min"
    assert plan("run 3x a week", minutes_per_week=90).habits[0].schedule == "about 30 min"


def test_the_request_deadline_wins_and_a_past_one_is_ignored() -> None:
    assert plan("run by June", deadline=date(2027, 2, 1)).end_date == date(2027, 2, 1)
    assert plan("run", deadline=date(2020, 1, 1)).end_date is None


def test_a_correction_changes_the_previous_plan() -> None:
    first = plan("run 3x a week")
    fixed = offline_plan(
        PlanRequest(
            text="", today=TODAY, previous=first, correction="make it 4 times a week until March"
        ),
        "",
    )
    assert fixed.habits[0].frequency == "weekly:4" and fixed.end_date == date(2027, 3, 1)
    assert fixed.title == "Run 4x a week"  # the title follows the new frequency
    assert any("4 times a week" in n for n in fixed.notes) and any("Mar" in n for n in fixed.notes)


@pytest.mark.parametrize(
    ("text", "category"),
    [("run a marathon", "fitness"), ("sleep 8 hours", "health"), ("meditate", "mindfulness"),
     ("learn French", "learning"), ("save 200 euros a month", "finance"), ("paint", "creativity"),
     ("declutter the garage", "home"), ("be happier", "general")],
)  # fmt: skip
def test_category_from_keywords(text: str, category: str) -> None:
    assert guess_category(text.lower()) == category


def test_odd_goals_still_give_a_valid_plan() -> None:
    for text in ("", "???", "a" * 500, "3x a week", "by June"):
        result = plan(text)
        assert result.habits and result.start_date == TODAY


def test_a_numeric_target_becomes_a_milestone_not_a_habit() -> None:
    from datetime import date

    from coach.llm.offline_plan import offline_plan
    from coach.llm.schemas import PlanRequest

    text = "I want to run 3x a week, 5k by June"
    plan = offline_plan(PlanRequest(text=text, today=date(2026, 11, 28)), text)
    assert plan.title == "Run 3x a week, 5k by June"
    assert [(h.title, h.frequency) for h in plan.habits] == [("Run", "weekly:3")]
    assert "Reach 5k by june" in plan.subgoals
