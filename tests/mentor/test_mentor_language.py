"""A mentor's language (#16.6): English by default, set with `goalbot mentor language`, used for
the copilot's texts; the patient's language is shown to the mentor (the command: test_mentor_cli)."""

from __future__ import annotations

from sqlalchemy import update

from coach.i18n import translator
from mentor import copilot
from storage.db import Sessions
from storage.models import Mentor, User
from tests.fakes.mentoring import add_mentor, add_patient, services


async def test_the_copilot_speaks_the_mentors_language_and_names_the_patients(
    sessions: Sessions,
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dra. Ruiz")
    patient = await add_patient(sessions, mentor, "Lena Braun", "lena")
    async with sessions.begin() as session:
        await session.execute(update(Mentor).where(Mentor.id == mentor.id).values(language="es"))
        await session.execute(update(User).where(User.id == patient.id).values(language="de"))
    svc = services(sessions)

    answer = await copilot.ask(svc, slack_user_id="U1", text="@lena deep how is she?")
    crisis = await copilot.ask(svc, slack_user_id="U1", text="@lena she talked about suicide")

    assert answer.outcome == "answered"
    assert "Escribe a goalbot en alemán." in answer.text  # German, named in Spanish
    spanish = translator("es").gettext(copilot.MENTOR_SAFETY_MESSAGE)
    assert crisis.safety_message == spanish and "024" in spanish
    assert copilot.over_cap(1, "de").startswith("Du hast dem Copiloten heute 1 Frage gestellt")


async def test_the_dashboard_shows_a_patients_language(sessions: Sessions) -> None:
    from handlers.slack.render import patient_line
    from mentor import dashboard

    mentor = await add_mentor(sessions, "U2", "Dr Weber")
    lena = await add_patient(sessions, mentor, "Lena Braun", "lena")
    await add_patient(sessions, mentor, "Ann Lee", "ann")
    async with sessions.begin() as session:
        await session.execute(update(User).where(User.id == lena.id).values(language="de"))
    board = await dashboard.build(services(sessions), slack_user_id="U2", action="patients")
    lines = {row.name: patient_line(row) for row in board.rows}
    assert "*Lena Braun* (@lena, de) — risk" in lines["Lena Braun"]
    assert "*Ann Lee* (@ann) — risk" in lines["Ann Lee"]  # English, the default, is not repeated


async def test_settings_questions_and_the_invite_reply_are_in_the_members_language(
    sessions: Sessions,
) -> None:
    from coach import settings_flow
    from mentor import invites
    from tests.fakes.builder import Builder
    from tests.handlers.telegram.harness import Clock, make_services

    lena = await Builder(sessions).member("Lena", "Europe/Berlin", language="de")
    asked = await settings_flow.ask(make_services(sessions, Clock()), user_id=lena.id,
                                    name="reminder")  # fmt: skip
    assert isinstance(asked, settings_flow.SettingAsked)
    assert asked.question == "Wann soll ich dich erinnern? z. B. 07:30 oder 19 Uhr – oder „off“"
    gone = await invites.withdraw(sessions, user_id=lena.id)
    assert gone == "Du hast gerade keinen Mentor."


async def test_the_copilots_usage_and_refusals_are_in_the_mentors_language(
    sessions: Sessions,
) -> None:
    mentor = await add_mentor(sessions, "U3", "Dr. Vogel")
    await add_patient(sessions, mentor, "Lena Braun", "lena")
    async with sessions.begin() as session:
        await session.execute(update(Mentor).where(Mentor.id == mentor.id).values(language="de"))
    svc, german = services(sessions), translator("de")

    usage = await copilot.ask(svc, slack_user_id="U3", text="   ")
    unknown = await copilot.ask(svc, slack_user_id="U3", text="@nobody how is she?")
    stranger = await copilot.ask(svc, slack_user_id="U999", text="")

    assert usage.text == german.gettext(copilot.USAGE) and usage.text.startswith("So geht’s")
    assert unknown.outcome == "refused" and unknown.text.startswith("Bei „@nobody“ kann ich nicht")
    assert stranger.text == copilot.USAGE  # no mentor behind that Slack user: English
    assert german.gettext(copilot.FAILED).startswith("Entschuldige")


def test_alerts_and_the_suggestion_answer_reach_the_mentor_in_their_language() -> None:
    from types import SimpleNamespace

    from coach.suggestions import Decision
    from mentor.alerts import crisis_text, risk_text
    from mentor.suggestions import mentor_message

    lena = User(name="Lena Braun", telegram_username="lena")
    crisis = crisis_text(lena, "self_harm", "es")
    risk = risk_text(lena, SimpleNamespace(risk_score=0.8, missed_count_7d=5), "de")
    answered = Decision("declined", "", summary="Caminar entre semana", member_name="Lena",
                        mentor_language="es")  # fmt: skip

    assert crisis.startswith(":rotating_light: Alerta de seguridad sobre Lena Braun")
    assert "(autolesión)" in crisis and "Lena Braun" in crisis
    assert risk == (":warning: Lena Braun hat jetzt ein hohes Risiko (Risikowert 0,80, verpasst "
                    "in 7 Tagen 5). Frag den Copiloten: /patient @lena risk Was soll ich tun?")  # fmt: skip
    assert mentor_message(answered) == (
        "Lena rechazó tu sugerencia de plan «Caminar entre semana». Su plan no cambia."
    )
    assert "self harm" in crisis_text(lena, "self_harm")  # English stays as it was


async def test_a_note_is_acknowledged_in_the_mentors_language(sessions: Sessions) -> None:
    from mentor import notes

    mentor = await add_mentor(sessions, "U4", "Dra. Gil")
    await add_patient(sessions, mentor, "Ana Ruiz", "ana")
    async with sessions.begin() as session:
        await session.execute(update(Mentor).where(Mentor.id == mentor.id).values(language="es"))
    svc = services(sessions)
    usage = await notes.add(svc, slack_user_id="U4", text="@ana")
    noted = await notes.add(svc, slack_user_id="U4", text="@ana prefiere las mañanas")
    assert usage.text.startswith("Uso: /note <nombre o @usuario_de_telegram>")
    assert noted.text == "Anotado para Ana Ruiz."
