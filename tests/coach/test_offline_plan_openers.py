"""A goal's opener ("I want to", "quiero", "je veux", "eu quero") is not the plan's title."""

from __future__ import annotations

from datetime import date

import pytest

from coach.llm.offline_plan import offline_plan
from coach.llm.schemas import Plan, PlanRequest

TODAY = date(2026, 12, 2)


def plan(text: str, language: str) -> Plan:
    return offline_plan(PlanRequest(text=text, today=TODAY, language=language), text)


@pytest.mark.parametrize(
    ("goal", "language", "title", "habit"),
    [
        ("Quiero leer 20 páginas cada día", "es", "Leer 20 páginas cada día", "Leer 20 páginas"),
        ("Ich will jeden Tag 20 Seiten lesen", "de", "Jeden Tag 20 Seiten lesen", "20 Seiten lesen"),
        ("Je veux aller à la salle 3 fois par semaine", "fr", "Aller à la salle 3 fois par semaine",
         "Aller à la salle"),
        ("j'aimerais lire 20 pages par jour", "fr", "Lire 20 pages par jour", "Lire 20 pages"),
        ("J’aimerais méditer 10 minutes", "fr", "Méditer 10 minutes", "Méditer 10 min"),
        ("Mon objectif est de courir 3 fois par semaine", "fr", "Courir 3 fois par semaine",
         "Courir"),
        ("mon objectif, c'est d'apprendre l'espagnol", "fr", "Apprendre l'espagnol",
         "Apprendre l'espagnol"),
        ("Mon but est de boire plus d'eau", "fr", "Boire plus d'eau", "Boire plus d'eau"),
        ("je vais arrêter le sucre", "fr", "Arrêter le sucre", "Arrêter le sucre"),
        ("Je voudrais écrire un journal", "fr", "Écrire un journal", "Écrire un journal"),
        ("Quero ler 20 páginas", "pt", "Ler 20 páginas", "Ler 20 páginas"),
        ("Eu quero ler 20 páginas todos os dias", "pt", "Ler 20 páginas todos os dias",
         "Ler 20 páginas"),
        ("queria meditar 3 vezes por semana", "pt", "Meditar 3 vezes por semana", "Meditar"),
        ("Eu queria aprender inglês", "pt", "Aprender inglês", "Aprender inglês"),
        ("Meu objetivo é correr 3 vezes por semana", "pt", "Correr 3 vezes por semana", "Correr"),
        ("meu objetivo e economizar dinheiro", "pt", "Economizar dinheiro", "Economizar dinheiro"),
        ("Minha meta é beber mais água", "pt", "Beber mais água", "Beber mais água"),
        ("vou parar de fumar", "pt", "Parar de fumar", "Parar de fumar"),
        ("Eu vou estudar para a prova", "pt", "Estudar para a prova", "Estudar para a prova"),
    ],
)  # fmt: skip
def test_the_opener_is_left_out_of_the_titles(
    goal: str, language: str, title: str, habit: str
) -> None:
    made = plan(goal, language)
    assert (made.title, [h.title for h in made.habits]) == (title, [habit])
    assert made.subgoals[0].split(": ", 1)[1].lower().startswith(habit.lower())  # "…: courir …"


@pytest.mark.parametrize(
    ("goal", "language", "habit"),
    [
        ("Je vais à la salle trois fois par semaine", "fr", "À la salle"),
        ("je vais au marché chaque samedi", "fr", "Au marché"),
        ("vou à academia 3 vezes por semana", "pt", "À academia"),
        ("Vou para o trabalho de bicicleta", "pt", "Para o trabalho de bicicleta"),
    ],
)
def test_going_somewhere_is_not_an_opener(goal: str, language: str, habit: str) -> None:
    """'je vais à la salle' is 'I go to the gym': the going stays in the title."""
    made = plan(goal, language)
    assert not made.habits[0].title.startswith(habit), made.habits
    assert made.title.split()[0].lower() in {"je", "vou"}


@pytest.mark.parametrize(
    ("goal", "language", "habit"),
    [
        ("Mon objectif est de courir un semi-marathon", "fr", "Courir"),
        ("J’aimerais courir un marathon", "fr", "Courir"),
        ("Meu objetivo é correr uma meia maratona", "pt", "Correr"),
        ("Queria correr uma maratona", "pt", "Correr"),
    ],
)
def test_a_race_after_an_opener_is_still_trained_for(goal: str, language: str, habit: str) -> None:
    assert [h.title for h in plan(goal, language).habits] == [habit]


def test_plus_joins_two_habits_in_english_only() -> None:
    """English "plus" adds a habit; French "plus" means "more"."""
    english = plan("run 3 times a week plus yoga on sundays", "en")
    assert [h.title for h in english.habits] == ["Run", "Yoga"]
    french = plan("je veux dormir plus et lire plus", "fr")
    assert [h.title for h in french.habits] == ["Dormir plus et lire plus"]


@pytest.mark.parametrize(
    ("goal", "habit", "when"),
    [
        ("Mein Ziel ist es, abends zu meditieren", "Meditieren", "abends"),
        ("Mein Ziel ist es, jeden Tag 20 Seiten zu lesen", "20 Seiten lesen", None),
        ("Ich will jeden Morgen laufen", "Laufen", "morgens"),
        ("Ich will jeden Abend vor dem Schlafengehen lesen", "Lesen", "abends"),
    ],
)
def test_german_infinitives_lose_their_zu_and_every_morning_is_a_time(
    goal: str, habit: str, when: str | None
) -> None:
    (only,) = plan(goal, "de").habits
    assert (only.title, only.schedule) == (habit, when)


@pytest.mark.parametrize(
    "goal", ["I want to read before bed", "stretch after work", "read a book before bedtime"]
)
def test_before_bed_and_after_work_are_the_evening(goal: str) -> None:
    (only,) = plan(goal, "en").habits
    assert only.schedule == "evening" and "bed" not in only.title and "work" not in only.title
