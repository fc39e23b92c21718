"""A race as a goal ("run a half marathon by april"): the habit is the training, not the race."""

from __future__ import annotations

from datetime import date

import pytest

from coach.i18n import translator
from coach.llm.offline_plan import corrected_plan, offline_plan
from coach.llm.schemas import Plan, PlanRequest

TODAY = date(2026, 12, 2)


def plan(text: str, language: str = "en") -> Plan:
    return offline_plan(PlanRequest(text=text, today=TODAY, language=language), text)


@pytest.mark.parametrize(
    ("goal", "language", "habit"),
    [
        ("I want to run a half marathon by april", "en", "Run"),
        ("run my first marathon in october", "en", "Run"),
        ("i wanna run a 10k before summer", "en", "Run"),
        ("swim a 5k by june", "en", "Swim"),
        ("I'd like to do a triathlon next year", "en", "Train for a triathlon"),
        ("quiero correr una media maratón en abril", "es", "Correr"),
        ("ich will einen Halbmarathon laufen", "de", "Laufen"),
        ("je veux courir un semi-marathon", "fr", "Courir"),
        ("quero correr uma meia maratona", "pt", "Correr"),
    ],
)
def test_the_habit_of_a_race_goal_is_the_training(goal: str, language: str, habit: str) -> None:
    made = plan(goal, language)
    assert [h.title for h in made.habits] == [habit], made.habits
    assert made.habits[0].frequency == "weekly:3"  # a sport's default, not every day
    assert "marathon" not in made.subgoals[0].lower()  # "This week: run 3 times a week"


def test_a_goal_that_is_not_a_race_keeps_its_words() -> None:
    assert [h.title for h in plan("run 5k three times a week").habits] == ["Run 5k"]
    assert plan("read a book a month").habits[0].title.startswith("Read a book")


@pytest.mark.parametrize(
    ("goal", "language", "category"),
    [
        ("quiero dormir mejor", "es", "health"),
        ("correr 3 veces por semana", "es", "fitness"),
        ("ich will weniger am Handy sein", "de", "health"),
        ("jeden Tag 20 Seiten lesen", "de", "learning"),
        ("méditer chaque matin", "fr", "mindfulness"),
        ("ligar para a minha família aos domingos", "pt", "social"),
        ("take an online course", "en", "learning"),  # not "courir"
    ],
)
def test_a_goal_in_another_language_gets_its_category(
    goal: str, language: str, category: str
) -> None:
    assert plan(goal, language).category == category


@pytest.mark.parametrize(
    ("correction", "language"),
    [("fewer days", "en"), ("less", "en"), ("not every day, that's too much", "en"),
     ("menos días", "es"), ("weniger", "de"), ("moins souvent", "fr"), ("menos vezes", "pt")],
)  # fmt: skip
def test_asking_for_less_makes_the_plan_lighter(correction: str, language: str) -> None:
    first = plan("sleep better", language)
    assert first.habits[0].frequency == "daily"
    lighter = corrected_plan(first, correction.lower(), TODAY, translator(language))
    assert lighter.habits[0].frequency == "weekly:4", lighter.notes
    assert len(lighter.notes) == 1 and "4" in lighter.notes[0]


@pytest.mark.parametrize(
    ("goal", "language", "habit", "frequency"),
    [
        ("i need to get my life together", "en", "Plan tomorrow in 5 minutes", "daily"),
        ("sort my life out", "en", "Plan tomorrow in 5 minutes", "daily"),
        ("I want to get fit", "en", "Move for 20 minutes", "weekly:3"),
        ("get in shape", "en", "Move for 20 minutes", "weekly:3"),
        ("quiero ponerme en forma", "es", "Moverme 20 minutos", "weekly:3"),
        ("ich will fit werden", "de", "20 Minuten Bewegung", "weekly:3"),
        ("je veux m'organiser", "fr", "Préparer demain en 5 minutes", "daily"),
    ],
)
def test_a_broad_goal_gets_a_small_first_habit_and_says_so(
    goal: str, language: str, habit: str, frequency: str
) -> None:
    made = plan(goal, language)
    assert [(h.title, h.frequency) for h in made.habits] == [(habit, frequency)]
    assert len(made.notes) == 1 and ("Change" in made.notes[0]) == (language == "en")


def test_a_concrete_goal_is_not_taken_for_a_broad_one() -> None:
    made = plan("get fit by running 3 times a week")
    assert made.habits[0].title != "Move for 20 minutes" and not made.notes
