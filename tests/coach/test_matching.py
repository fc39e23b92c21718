"""Plain messages matched to habits, with a status and a confidence."""

from __future__ import annotations

import uuid

import pytest

from coach.matching import HabitName, match

HABITS = [
    HabitName(uuid.uuid4(), "Run 5k"),
    HabitName(uuid.uuid4(), "Go to the gym"),
    HabitName(uuid.uuid4(), "Read 20 pages"),
    HabitName(uuid.uuid4(), "Meditate 10 minutes"),
]


@pytest.mark.parametrize(
    ("text", "title", "status", "confidence"),
    [
        ("ran 5k this morning", "Run 5k", "done", "high"),
        ("Went for a jog today", "Run 5k", "done", "high"),
        ("skipped the gym today", "Go to the gym", "skipped", "high"),
        ("did my reading", "Read 20 pages", "done", "high"),
        ("read 30 pages of my book tonight", "Read 20 pages", "done", "high"),
        ("missed my meditation yesterday", "Meditate 10 minutes", "missed", "high"),
        ("didn't make it to the gym", "Go to the gym", "missed", "high"),
        ("meditation", "Meditate 10 minutes", "done", "low"),
        ("gym", "Go to the gym", "done", "low"),
    ],
)
def test_messages_match_habits(text: str, title: str, status: str, confidence: str) -> None:
    found = match(text, HABITS)
    assert found is not None
    assert (found.title, found.status, found.confidence) == (title, status, confidence)


@pytest.mark.parametrize(
    "text", ["how do I get better at running?", "hello there", "", "I feel great"]
)
def test_no_check_in_in_questions_and_chatter(text: str) -> None:
    assert match(text, HABITS) is None


def test_yesterday_is_noticed() -> None:
    found = match("ran 5k yesterday", HABITS)
    assert found is not None and found.yesterday


def test_an_even_match_asks_first() -> None:
    twins = [HabitName(uuid.uuid4(), "Run"), HabitName(uuid.uuid4(), "Run in the park")]
    found = match("ran today", twins)
    assert found is not None and found.title == "Run"
    twins = [HabitName(uuid.uuid4(), "Run"), HabitName(uuid.uuid4(), "5k")]
    found = match("ran 5k this morning", twins)
    assert found is not None and found.confidence == "low"
