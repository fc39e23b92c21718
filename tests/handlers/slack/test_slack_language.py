"""A mentor chooses their language from Slack (#16): `/patient language` shows it and the
choices, `/patient language de` sets it and answers in German, and from then on the
acknowledgements, the patient list, App Home and the copilot's blocks speak German — through
the real Bolt app, signed, against the fake Slack Web API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from coach.i18n import translator
from mentor.patients import refusal
from storage.models import Mentor, MentorInteraction
from tests.fakes.mentoring import Figures, add_mentor, add_patient, add_plan
from tests.handlers.slack.test_slack_commands import texts

if TYPE_CHECKING:
    from conftest import SlackWorld

DE = translator("de")


async def _audit(world: SlackWorld) -> list[tuple[str, str]]:
    async with world.services.sessions() as session:
        rows = await session.scalars(
            select(MentorInteraction).order_by(MentorInteraction.created_at)
        )
        return [(r.action, r.outcome) for r in rows]


async def _language(world: SlackWorld, slack_user_id: str = "U1") -> str:
    async with world.services.sessions() as session:
        mentor = await session.scalar(select(Mentor).where(Mentor.slack_user_id == slack_user_id))
    assert mentor is not None
    return mentor.language


async def test_patient_language_shows_the_current_one_and_the_choices(slack: SlackWorld) -> None:
    await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    reply = await (await slack.command("/patient", "language")).json()
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].startswith("I write to you in en (English). Choices: en (English), ")
    assert "de (Deutsch)" in reply["text"] and "es (español)" in reply["text"]
    assert await _audit(slack) == [("language", "answered")]


async def test_patient_language_de_answers_in_german_and_slack_speaks_it_from_then_on(
    slack: SlackWorld,
) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    anna = await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")
    await add_plan(slack.services.sessions, anna, "Run a 5k", [("Run", "weekly:3")])
    slack.warehouse.figures[anna.id] = Figures(anna.id, "Anna Smith", adherence_7d=40.0)

    done = await (await slack.command("/patient", "language de")).json()
    assert done["text"] == (
        "Erledigt: Ich schreibe dir jetzt auf de (Deutsch), und der Copilot antwortet so."
    )
    assert await _language(slack) == "de"

    ack = await (await slack.command("/patient", "@anna wie war ihre Woche?")).json()
    assert ack["text"] == "Ich sehe mir @anna an…"
    await slack.fake.wait_for(lambda f: f.responses("r1"))
    (answer,) = slack.fake.responses("r1")
    body = texts(answer)
    assert "*Anna Smith* · kurz" in body and "Quellen: PostgreSQL (1 Ziel, " in body

    listing = await (await slack.command("/patients", "", response="r2")).json()
    assert listing["text"] == "Deine Patientinnen und Patienten werden geladen…"
    await slack.fake.wait_for(lambda f: f.responses("r2"))
    assert "*Deine Patientinnen und Patienten* (1)" in texts(slack.fake.responses("r2")[0])

    await slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    await slack.fake.wait_for(lambda f: f.calls("views.publish"))
    (home,) = slack.fake.calls("views.publish")
    blocks = home["view"]["blocks"]
    assert blocks[0]["text"]["text"] == "Deine Patientinnen und Patienten"
    assert blocks[1]["elements"][0]["text"]["text"] == "Aktualisieren"
    assert "*Anna Smith* (@anna) — Risiko " in texts(home["view"])
    assert ("language", "answered") in await _audit(slack)


async def test_a_language_goalbot_does_not_offer_is_refused_in_the_current_language(
    slack: SlackWorld,
) -> None:
    await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await slack.command("/patient", "language es")
    refused = await (await slack.command("/patient", "language it")).json()
    assert refused["text"].startswith("«it» no es un idioma que ofrezca. Opciones: en (English)")
    assert await _language(slack) == "es"
    assert await _audit(slack) == [("language", "answered"), ("language", "invalid")]


async def test_a_question_that_starts_with_language_still_goes_to_the_copilot(
    slack: SlackWorld,
) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")
    ack = await (await slack.command("/patient", "language barriers for Anna?")).json()
    assert ack["text"] == "Looking into language…"
    await slack.fake.wait_for(lambda f: f.responses("r1"))
    (answer,) = slack.fake.responses("r1")
    assert answer["text"].startswith(refusal("language"))
    assert answer["text"].endswith("To choose your language instead: `/patient language de`.")
    assert await _language(slack) == "en"
    assert await _audit(slack) == [("patient", "refused")]


async def test_someone_who_is_not_a_mentor_cannot_choose_a_language(slack: SlackWorld) -> None:
    reply = await (await slack.command("/patient", "language de", user="U9")).json()
    assert reply["text"] == (
        "Only registered mentors can choose a language; ask your goalbot admin."
    )
    assert await _audit(slack) == [("language", "refused")]
