"""Follow-ups from a newcomer's console session: a skip or a rest day that names no habit, "all
done" for the whole day (and "all but one"), an edit of a saved habit in words, and two-word goals ("less phone");
the held-out follow-up corpus understood in full with no wrong record."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from coach.understanding.evaluate import evaluate, load
from coach.understanding.offline import parse
from coach.understanding.types import HabitRef, Turn

TODAY = date(2026, 11, 28)
CORPUS = Path(__file__).parents[3] / "bench" / "corpus" / "understanding"
ONE = ["Run 5k"]
THREE = ["Run", "Read", "Meditate"]
EIGHT = ["Run 5k", "Go to the gym", "Read 20 pages", "Meditate 10 min", "No sugar", "Walk",
         "Play guitar", "Call mum"]  # fmt: skip


def _turn(text: str, titles: list[str]) -> Turn:
    habits = tuple(HabitRef(uuid.uuid4(), t, date(2026, 11, 1)) for t in titles)
    return Turn(text, habits, TODAY, 2, "en")


def read(text: str, titles: list[str]) -> set[tuple]:
    """(title, status, days back, recorded without asking) for each check-in understood."""
    result = parse(_turn(text, titles))
    items = result.checkins if result.intent == "checkin" else ()
    return {(i.title, i.status, (TODAY - i.day).days, i.sure) for i in items}


@pytest.mark.parametrize(
    "text", ["skipped today, legs sore", "legs sore, skipping", "skipping today, legs are sore",
             "rest day", "took a rest day", "rest day today", "day off today"]
)  # fmt: skip
def test_a_skip_naming_no_habit_is_recorded_for_the_only_habit(text: str) -> None:
    assert read(text, ONE) == {("Run 5k", "skipped", 0, True)}


@pytest.mark.parametrize("text", ["skipped today, legs sore", "rest day", "took a rest day"])
def test_a_skip_naming_no_habit_is_asked_about_each_of_several_habits(text: str) -> None:
    assert read(text, THREE) == {(t, "skipped", 0, False) for t in THREE}


def test_a_skip_keeps_the_day_it_names() -> None:
    assert read("skipped yesterday, was sick", ONE) == {("Run 5k", "skipped", 1, True)}


@pytest.mark.parametrize(
    "text", ["skipped breakfast, starving", "my wife skipped today", "tomorrow is a rest day",
             "rest days are important", "gonna skip today"]
)  # fmt: skip
def test_a_skip_of_something_else_or_ahead_records_nothing(text: str) -> None:
    assert not {item for item in read(text, ONE) if item[3]}


@pytest.mark.parametrize(
    "text", ["done all", "did everything today", "all done ✅", "did it all 💪"]
)
def test_all_done_is_recorded_for_each_of_a_few_habits(text: str) -> None:
    assert read(text, THREE) == {(t, "done", 0, True) for t in THREE}


def test_all_done_is_asked_about_with_many_habits() -> None:
    assert read("did everything today", EIGHT) == {(t, "done", 0, False) for t in EIGHT}


def test_done_with_something_else_is_no_check_in() -> None:
    assert read("all done with work finally, so tired", THREE) == set()


@pytest.mark.parametrize(
    ("text", "left_out"),
    [("did everything except meditate", "Meditate"), ("did everything but read", "Read"),
     ("all done except for my run", "Run")],
)  # fmt: skip
def test_all_done_but_one_records_that_one_missed(text: str, left_out: str) -> None:
    want = {(t, "missed" if t == left_out else "done", 0, True) for t in THREE}
    assert read(text, THREE) == want


def test_an_exception_with_more_than_the_habit_is_asked_about() -> None:
    assert ("Read", "missed", 0, False) in read("did everything but only read half", THREE)


def test_skipped_everything_is_recorded_for_each_of_a_few_habits() -> None:
    assert read("ugh. skipped everything again", THREE) == {(t, "skipped", 0, True) for t in THREE}


def test_all_done_after_a_named_habit_is_about_that_habit() -> None:
    assert read("ran 5k, all done", THREE) == {("Run", "done", 0, True)}


@pytest.mark.parametrize(
    ("text", "titles"),
    [("make the run 4 times a week", ONE), ("make my run 3x a week", ONE),
     ("set my run to weekdays", ONE), ("make the reading every day", THREE)],
)  # fmt: skip
def test_a_new_schedule_for_a_saved_habit_is_a_plan_edit(text: str, titles: list[str]) -> None:
    assert parse(_turn(text, titles)).intent == "plan_edit"


def test_make_with_a_thing_that_is_no_habit_is_a_goal() -> None:
    assert parse(_turn("make my bed every morning", ONE)).intent == "goal"


@pytest.mark.parametrize("text", ["less phone", "less sugar", "more sleep", "fewer energy drinks"])
def test_less_or_more_of_something_is_a_goal(text: str) -> None:
    assert parse(_turn(text, [])).intent == "goal"


@pytest.mark.parametrize("text", ["more or less", "less is more", "more sleep tonight"])
def test_less_or_more_that_is_no_goal_stays_chat(text: str) -> None:
    assert parse(_turn(text, [])).intent == "chat"


def test_the_follow_up_corpus_is_understood_with_no_wrong_record() -> None:
    rows = [r for r in load(CORPUS) if r.get("note", "").startswith("followups en")]
    tallies = evaluate(rows)
    checkins, intents = tallies[("checkin", "all")], tallies[("chat", "all")]
    assert checkins.wrong_records == 0
    assert (checkins.misses, intents.misses) == ([], [])


def test_everything_means_what_was_due_that_day() -> None:
    """A Mon/Wed/Fri habit is no part of a Saturday's "did everything" (2026-11-28)."""
    habits = (HabitRef(uuid.uuid4(), "Run", date(2026, 11, 1)),
              HabitRef(uuid.uuid4(), "Gym", date(2026, 11, 1), "days:mon,wed,fri"),
              HabitRef(uuid.uuid4(), "Read", date(2026, 11, 1), "weekly:3"))  # fmt: skip
    result = parse(Turn("did everything today", habits, TODAY, 2, "en"))
    assert {(i.title, i.status, i.sure) for i in result.checkins} == {
        ("Run", "done", True), ("Read", "done", True)}  # fmt: skip


@pytest.mark.parametrize("text", ["gestern und heute gelaufen", "gestern und heute gelaufen!"])
def test_a_german_day_list_before_its_participle_names_both_days(text: str) -> None:
    habits = (HabitRef(uuid.uuid4(), "Laufen", date(2026, 11, 1)),)
    result = parse(Turn(text, habits, TODAY, 2, "de"))
    assert sorted((TODAY - i.day).days for i in result.checkins) == [0, 1]
