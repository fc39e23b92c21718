"""The offline coach reads what kind of message it got in each member's language, as in
English: a streak question in Spanish is a progress question, not "thanks for the message"."""

from __future__ import annotations

from datetime import date

import pytest

from coach.llm.offline_coach import intent, offline_reply
from coach.llm.schemas import HabitFacts, MemberContext


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


def _context(done_today: bool, language: str = "en", week: float = 0.5) -> MemberContext:
    habit = HabitFacts(title="Meditate", goal="Meditate daily", frequency="daily",
                       done_today=done_today, adherence_7d=week)  # fmt: skip
    return MemberContext(today=date(2026, 12, 2), language=language, habits=[habit],
                         completion_ratio_30d=0.5)  # fmt: skip


def test_good_news_with_nothing_recorded_today_says_how_to_record_it() -> None:
    praised = offline_reply(_context(done_today=False), "did it, feeling proud").reply
    assert "/checkin" in praised and "Checked in today" not in praised
    recorded = offline_reply(_context(done_today=True), "did it, feeling proud").reply
    assert "Checked in today: Meditate." in recorded and "/checkin" not in recorded
    spanish = offline_reply(_context(done_today=False, language="es"), "¡lo logré!").reply
    assert "/checkin" in spanish and "haven't" not in spanish


@pytest.mark.parametrize(
    "message",
    ["skipped today, legs sore", "my knee hurts", "I think I'm injured", "feeling sick today",
     "me duele la rodilla", "bin krank", "j'ai mal au dos", "estou doente"],
)  # fmt: skip
def test_pain_or_illness_gets_rest_and_a_skip_not_a_2_minute_version(message: str) -> None:
    assert intent(message) == "rest"
    reply = offline_reply(_context(done_today=False), message)
    assert "2-minute" not in reply.reply and not any("2-minute" in s for s in reply.action_steps)
    assert any("Skip" in step and "/checkin" in step for step in reply.action_steps)
    done = offline_reply(_context(done_today=True), message)
    assert not done.action_steps  # already checked in today: nothing to skip


@pytest.mark.parametrize(
    ("message", "language"),
    [("how am I doing this week?", "en"), ("¿cómo voy esta semana?", "es"),
     ("wie läuft meine Woche?", "de"), ("où j'en suis cette semaine ?", "fr")],
)  # fmt: skip
def test_a_question_about_the_week_gets_the_week_s_figure(message: str, language: str) -> None:
    context = _context(done_today=True, language=language, week=6 / 7)
    reply = offline_reply(context, message).reply
    assert "86" in reply and " 7 " in reply, reply  # Meditate: 86 % over the last 7 days
    assert "86" not in offline_reply(context, "how am I doing?").reply  # the month's question


def test_a_member_whose_goals_are_paused_is_not_told_they_have_no_habits() -> None:
    paused = MemberContext(today=date(2026, 12, 2), goals=["Sleep better (paused)"])
    reply = offline_reply(paused, "i did it").reply
    assert "no habits yet" not in reply and "/goals" in reply
    assert not reply.startswith(("Well done", "Great work", "That's a win"))  # nothing to praise
    new = offline_reply(MemberContext(today=date(2026, 12, 2)), "i did it").reply
    assert "no habits yet" in new


@pytest.mark.parametrize(
    ("message", "language"),
    [("what can you do?", "en"), ("how does this work?", "en"), ("help", "en"),
     ("¿qué puedes hacer?", "es"), ("was kannst du?", "de"), ("que peux-tu faire ?", "fr"),
     ("o que você faz?", "pt")],
)  # fmt: skip
def test_asking_what_goalbot_does_gets_the_short_tour(message: str, language: str) -> None:
    assert intent(message) == "help"
    new = offline_reply(MemberContext(today=date(2026, 12, 2), language=language), message)
    assert "/checkin" in new.reply and "/help" in new.reply and "/progress" in new.reply
    assert "no habits yet" not in new.reply
