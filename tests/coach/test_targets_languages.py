"""Measurable habits in the members' languages: "20 Seiten lesen" is 20 pages a day."""

from __future__ import annotations

import pytest

from coach.targets import Target, parse_target


@pytest.mark.parametrize(
    ("words", "target"),
    [
        ("20 Seiten lesen", Target(20, "pages", "day")),
        ("leer 20 páginas al día", Target(20, "pages", "day")),
        ("lire 10 pages par jour", Target(10, "pages", "day")),
        ("ler 15 páginas", Target(15, "pages", "day")),
        ("correr 15 km por semana", Target(15, "km", "week")),
        ("15 km pro Woche laufen", Target(15, "km", "week")),
        ("courir 20 km par semaine", Target(20, "km", "week")),
        ("meditar 10 minutos", Target(10, "min", "day")),
        ("10 Minuten meditieren", Target(10, "min", "day")),
        ("beber 8 vasos de agua", Target(8, "glasses", "day")),
        ("8 Gläser Wasser trinken", Target(8, "glasses", "day")),
        ("boire 2 litres d'eau", Target(2, "litres", "day")),
        ("caminar 10.000 pasos", Target(10000, "steps", "day")),
        ("10.000 Schritte gehen", Target(10000, "steps", "day")),
        ("fazer 20 flexões", Target(20, "push-ups", "day")),
        ("1 Kapitel lesen", Target(1, "chapters", "day")),
    ],
)
def test_a_target_in_another_language(words: str, target: Target) -> None:
    assert parse_target(words) == target


@pytest.mark.parametrize("words", ["je ne cours pas", "Seiten lesen", "2 veces por semana"])
def test_words_without_an_amount_stay_yes_or_no(words: str) -> None:
    assert parse_target(words) is None
