"""The offline coach reads what kind of message it got in each member's language, as in
English: a streak question in Spanish is a progress question, not "thanks for the message"."""

from __future__ import annotations

import pytest

from coach.llm.offline_coach import intent


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("¿cuál es mi racha?", "progress"),
        ("¿cómo voy esta semana?", "progress"),
        ("wie läuft es?", "progress"),
        ("Wie lang ist meine Serie?", "progress"),
        ("où j'en suis cette semaine ?", "progress"),
        ("como estou indo?", "progress"),
        ("hola!", "greeting"),
        ("Guten Morgen", "greeting"),
        ("bonjour", "greeting"),
        ("olá", "greeting"),
        ("hoy no pude, me cuesta mucho", "struggle"),
        ("heute nicht geschafft", "struggle"),
        ("j'ai raté ma séance", "struggle"),
        ("não consegui hoje", "struggle"),
        ("estoy agotada", "tired"),
        ("bin total müde", "tired"),
        ("je suis épuisé", "tired"),
        ("estou cansado", "tired"),
        ("¡lo logré!", "win"),
        ("heute geschafft, bin stolz", "win"),
        ("je suis fière de moi", "win"),
        ("terminei!", "win"),
        ("gracias", "thanks"),
        ("danke dir", "thanks"),
        ("merci beaucoup", "thanks"),
        ("obrigada", "thanks"),
        ("¿cuál es mi plan?", "plan"),
        ("was steht in meinem Plan?", "plan"),
        ("quels sont mes habitudes ?", "plan"),
        ("qual é o meu plano?", "plan"),
        ("durante la semana trabajo mucho", "other"),  # "dur…" is no French "dur"
    ],
)
def test_the_kind_of_message_in_five_languages(message: str, kind: str) -> None:
    assert intent(message) == kind
