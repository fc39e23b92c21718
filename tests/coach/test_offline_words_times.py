"""Times of day in the members' languages: "tous les soirs", "de manhã", "avant de dormir"."""

from __future__ import annotations

from datetime import date

import pytest

from coach.i18n import translator
from coach.llm.offline_plan import corrected_plan, offline_plan
from coach.llm.offline_words import find_new_frequency, find_time_of_day
from coach.llm.schemas import PlanRequest

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("méditer tous les soirs", "evening"),
        ("lire 10 pages le soir avant de dormir", "evening"),
        ("écrire dans mon journal avant de me coucher", "evening"),
        ("Je veux courir le matin", "morning"),
        ("chaque matin, 10 pompes", "morning"),
        ("yoga tous les matins au réveil", "morning"),
        ("marcher l'après-midi", "afternoon"),
        ("une promenade à midi", "lunchtime"),
        ("pendant la pause déjeuner", "lunchtime"),
        ("la nuit, lire au lit", "evening"),
        ("meditar toda manhã", "morning"),
        ("correr de manhã cedo", "morning"),
        ("alongar todas as manhãs", "morning"),
        ("ler à noite", "evening"),
        ("escrever no diário antes de dormir", "evening"),
        ("beber água todas as noites", "evening"),
        ("caminhar à tarde", "afternoon"),
        ("caminhar na hora do almoço", "lunchtime"),
    ],
)
def test_french_and_portuguese_times_of_day(text: str, when: str) -> None:
    assert find_time_of_day(text) == when


@pytest.mark.parametrize(
    "text",
    ["dormir 8 heures", "je veux dormir plus", "começar amanhã", "não dormir tarde",
     "ler mais tarde", "je vais au marché demain", "mon anniversaire ce mois-ci"],
)  # fmt: skip
def test_words_that_only_look_like_a_time_of_day(text: str) -> None:
    """'amanhã' is tomorrow, 'tarde' also late, 'dormir' alone is no bedtime."""
    assert find_time_of_day(text) is None


@pytest.mark.parametrize(
    "text", ["tous les soirs", "le matin seulement", "chaque matin", "toda manhã", "à noite",
             "só de manhã", "todas as noites"],
)  # fmt: skip
def test_a_time_of_day_alone_is_no_new_frequency(text: str) -> None:
    """Like "mornings only" and "cada noche": it says when, not how often."""
    assert find_new_frequency(text) is None
    assert find_time_of_day(text) is not None


@pytest.mark.parametrize(
    ("goal", "language", "schedule", "correction", "changed"),
    [("Je veux méditer tous les soirs", "fr", "le soir", "plutôt le matin", "le matin"),
     ("Quero ler 20 páginas à noite", "pt", "à noite", "melhor de manhã", "de manhã")],
)  # fmt: skip
def test_a_plan_keeps_the_time_of_day_in_the_schedule_and_a_change_moves_it(
    goal: str, language: str, schedule: str, correction: str, changed: str
) -> None:
    t = translator(language)
    made = offline_plan(PlanRequest(text=goal, today=TODAY, language=language), goal)
    assert made.habits[0].schedule == schedule and made.habits[0].frequency == "daily"
    moved = corrected_plan(made, correction, TODAY, t)
    assert moved.habits[0].schedule == changed and moved.habits[0].frequency == "daily"
    assert len(moved.notes) == 1 and changed in moved.notes[0]


@pytest.mark.parametrize(
    ("goal", "language", "habit", "schedule"),
    [
        ("quiero correr por la mañana 3 veces por semana", "es", "Correr", "por la mañana"),
        ("vor dem Schlafen 10 Seiten lesen", "de", "10 Seiten lesen", "abends"),
        ("je veux courir le matin", "fr", "Courir", "le matin"),
        ("lire 10 pages le soir avant de dormir", "fr", "Lire 10 pages", "le soir"),
        ("quero ler 20 páginas à noite", "pt", "Ler 20 páginas", "à noite"),
        ("caminhar na hora do almoço", "pt", "Caminhar", "na hora do almoço"),
        ("journal in the evening", "en", "Journal", "evening"),
    ],
)
def test_the_time_of_day_lives_in_the_schedule_not_the_habit_title(
    goal: str, language: str, habit: str, schedule: str
) -> None:
    made = offline_plan(PlanRequest(text=goal, today=TODAY, language=language), goal)
    assert [(h.title, h.schedule) for h in made.habits] == [(habit, schedule)]
