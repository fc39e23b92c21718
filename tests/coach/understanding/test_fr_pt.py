"""French and Portuguese in the offline parser: check-ins on the right day, the not-yet and the
later that are no check-in, bare negations asked about, schedules and deadlines, and the
held-out fr/pt corpora meeting the targets per language."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from coach.understanding.deadlines import find_deadline
from coach.understanding.evaluate import evaluate, load
from coach.understanding.lexicon import fold
from coach.understanding.offline import parse
from coach.understanding.schedules import find_frequency
from coach.understanding.types import HabitRef, Turn

TODAY = date(2026, 11, 28)  # a Saturday
CORPUS = Path(__file__).parents[3] / "bench" / "corpus" / "understanding"
FR = [
    "Courir 5 km",
    "Aller à la salle de sport",
    "Lire 20 pages",
    "Méditer 10 min",
    "Pas de sucre",
    "Marcher",
]
PT = ["Correr 5 km", "Ir à academia", "Ler 20 páginas", "Meditar 10 min", "Sem açúcar", "Caminhar"]


def read(text: str, language: str) -> list[tuple[str, str, int, float | None, bool]]:
    titles = FR if language == "fr" else PT
    habits = tuple(HabitRef(uuid.uuid4(), t, date(2026, 11, 1)) for t in titles)
    result = parse(Turn(text, habits, TODAY, 2, language))
    return [(i.title, i.status, (TODAY - i.day).days, i.amount, i.sure) for i in result.checkins]


def test_hier_is_yesterday_not_today() -> None:
    assert read("j'ai lu 20 pages hier", "fr") == [("Lire 20 pages", "done", 1, 20.0, True)]
    assert read("pas couru avant-hier", "fr") == [("Courir 5 km", "missed", 2, None, True)]
    assert read("ontem li 20 páginas", "pt") == [("Ler 20 páginas", "done", 1, 20.0, True)]
    assert read("anteontem corri 8km", "pt") == [("Correr 5 km", "done", 2, 8.0, True)]


def test_german_hier_is_here_not_a_day() -> None:
    habits = (HabitRef(uuid.uuid4(), "5 km laufen", date(2026, 11, 1)),)
    found = parse(Turn("heute hier 5 km gelaufen", habits, TODAY, 2, "de")).checkins
    assert [(TODAY - i.day).days for i in found] == [0]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [("j'ai couru 5 km ce matin", "fr", [("Courir 5 km", "done", 0, 5.0, True)]),
     ("j'ai pas médité aujourd'hui", "fr", [("Méditer 10 min", "missed", 0, None, True)]),
     ("je ne suis pas allé courir", "fr", [("Courir 5 km", "missed", 0, None, True)]),
     ("j'ai couru mais j'ai pas lu", "fr",
      [("Courir 5 km", "done", 0, None, True), ("Lire 20 pages", "missed", 0, None, True)]),
     ("repos pour la salle aujourd'hui", "fr",
      [("Aller à la salle de sport", "skipped", 0, None, True)]),
     ("j'ai mangé du chocolat", "fr", [("Pas de sucre", "missed", 0, None, True)]),
     ("hoje não fui à academia", "pt", [("Ir à academia", "missed", 0, None, True)]),
     ("hj n fui na academia", "pt", [("Ir à academia", "missed", 0, None, True)]),
     ("corri 5 km hoje de manhã", "pt", [("Correr 5 km", "done", 0, 5.0, True)]),
     ("hoje é folga da academia", "pt", [("Ir à academia", "skipped", 0, None, True)]),
     ("não fui correr nem meditar", "pt",
      [("Correr 5 km", "missed", 0, None, True), ("Meditar 10 min", "missed", 0, None, True)]),
     ("nada de doce hoje", "pt", [("Sem açúcar", "done", 0, None, True)])],
)  # fmt: skip
def test_check_ins_in_french_and_portuguese(text: str, language: str, expected: list) -> None:
    assert read(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [("pas encore médité", "fr"), ("j'ai pas encore lu aujourd'hui", "fr"),
     ("je vais courir ce soir", "fr"), ("demain je vais à la salle", "fr"),
     ("est-ce que je devrais courir aujourd'hui", "fr"), ("j'adore courir", "fr"),
     ("ainda não li", "pt"), ("ainda não escrevi no diário", "pt"), ("vou correr amanhã", "pt"),
     ("preciso ler hoje à noite", "pt"), ("vc acha q eu devo correr hj", "pt"),
     ("comprei um tênis novo pra correr", "pt")],
)  # fmt: skip
def test_not_yet_later_questions_and_talk_are_no_check_in(text: str, language: str) -> None:
    assert read(text, language) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [("pas de course aujourd'hui", "fr"), ("méditation", "fr"), ("sem caminhada hoje", "pt"),
     ("ia ler mas dormi", "pt")],
)  # fmt: skip
def test_a_bare_negation_or_mention_is_asked_about(text: str, language: str) -> None:
    found = read(text, language)
    assert found and not any(sure for *_, sure in found)


def test_a_past_weekday_beyond_the_backfill_is_refused_not_recorded() -> None:
    habits = (HabitRef(uuid.uuid4(), "Correr 5 km", date(2026, 11, 1)),)
    (item,) = parse(Turn("segunda passada corri 10 km", habits, TODAY, 2, "pt")).checkins
    assert ((TODAY - item.day).days, item.reach) == (5, "too_old")


@pytest.mark.parametrize(
    ("text", "frequency"),
    [("courir 3 fois par semaine", "weekly:3"),
     ("méditer tous les jours sauf le dimanche", "days:mon,tue,wed,thu,fri,sat"),
     ("yoga le mardi et le jeudi", "days:tue,thu"), ("courir un jour sur deux", "weekly:4"),
     ("nadar duas vezes por semana", "weekly:2"), ("academia de segunda a sexta", "weekdays"),
     ("caminhar nos fins de semana", "days:sat,sun"), ("correr dia sim, dia não", "weekly:4")],
)  # fmt: skip
def test_schedules(text: str, frequency: str) -> None:
    found = find_frequency(fold(text))
    assert found is not None and found.frequency == frequency


@pytest.mark.parametrize(
    ("text", "day"),
    [("d'ici fin mars", date(2027, 3, 31)), ("jusqu'à la fin de l'année", date(2026, 12, 31)),
     ("dans deux semaines", date(2026, 12, 12)), ("até o fim do ano", date(2026, 12, 31)),
     ("em 3 meses", date(2027, 2, 28)), ("até o mês que vem", date(2026, 12, 31))],
)  # fmt: skip
def test_deadlines(text: str, day: date) -> None:
    assert find_deadline(fold(text), TODAY)[0] == day


def test_the_fr_pt_corpora_meet_the_targets_per_language() -> None:
    rows = [r for r in load(CORPUS) if r.get("lang") in ("fr", "pt")]
    tallies = evaluate(rows)
    for language in ("fr", "pt"):
        checkins = tallies[("checkin", language)]
        assert checkins.wrong_records <= 0.01 * checkins.items
        assert checkins.found >= 0.9 * checkins.expected
        assert (
            tallies[("schedule", language)].correct >= 0.95 * tallies[("schedule", language)].items
        )
        assert (
            tallies[("deadline", language)].correct >= 0.9 * tallies[("deadline", language)].items
        )


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [("je veux courir un marathon", "fr", "goal"), ("arrêter de fumer", "fr", "goal"),
     ("courir 3 fois par semaine", "fr", "goal"), ("je veux courir ce soir", "fr", "chat"),
     ("j'ai couru 3 fois par semaine en octobre", "fr", "chat"),
     ("quero correr uma maratona até o fim do ano", "pt", "goal"), ("parar de fumar", "pt", "goal"),
     ("quero correr hoje à noite", "pt", "chat")],
)  # fmt: skip
def test_goals_in_french_and_portuguese(text: str, language: str, intent: str) -> None:
    assert parse(Turn(text, (), TODAY, 2, language)).intent == intent
