"""The mentor side tried from outside: signed slash commands to the real Bolt app, as a mentor
on Slack would type them, with every interaction's audit row checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

from coach.i18n import translator
from coach.llm.schemas import PatientContext
from coach.safety import safety_message
from mentor.audit import history
from mentor.clinical import CLINICAL
from mentor.copilot import MENTOR_SAFETY_MESSAGE, USAGE
from mentor.invites import withdraw
from mentor.patients import refusal
from storage.models import Mentor, MentorInteraction, User
from tests.fakes.mentoring import (
    NOW,
    Figures,
    add_checkins,
    add_journal,
    add_mentor,
    add_patient,
    add_plan,
)
from tests.handlers.slack.test_slack_commands import texts

if TYPE_CHECKING:
    from conftest import SlackWorld


async def audit(world: SlackWorld) -> list[MentorInteraction]:
    async with world.services.sessions() as session:
        query = select(MentorInteraction).order_by(MentorInteraction.created_at)
        return list(await session.scalars(query))


async def ask(world: SlackWorld, text: str, *, user: str = "U1", command: str = "/patient") -> str:
    """Send one command and return everything the mentor was shown by response_url."""
    name = f"r{len(world.fake.recorded)}"
    await world.command(command, text, user=user, response=name)
    await world.fake.wait_for(lambda f: f.responses(name), 15)
    (message,) = world.fake.responses(name)
    assert message["response_type"] == "ephemeral"
    return texts(message)


async def two_patients(world: SlackWorld) -> tuple[Mentor, User, User]:
    """Dr Rivera (U1) with Anna (journal text shared) and Ben; Dr Chen (U2) with Bob."""
    sessions = world.services.sessions
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna", share_journal_text=True)
    ben = await add_patient(sessions, mentor, "Ben Ortiz", "ben")
    await add_patient(sessions, await add_mentor(sessions, "U2", "Dr Chen"), "Bob Jones", "bob")
    await add_plan(sessions, anna, "Run a 5k", [("Run", "weekly:3")])
    await add_plan(sessions, ben, "Read every evening", [("Read 20 pages", "daily")])
    await add_journal(world.services, anna, "Rough week, the divorce papers came", -0.6, ["sad"])
    world.warehouse.figures[anna.id] = Figures(anna.id, "Anna Smith", adherence_7d=40.0)
    world.warehouse.figures[ben.id] = Figures(ben.id, "Ben Ortiz", adherence_7d=95.0)
    return mentor, anna, ben


async def test_refusals_and_usage_are_audited_with_the_text_the_mentor_was_shown(
    slack: SlackWorld,
) -> None:
    mentor, anna, _ = await two_patients(slack)
    await add_patient(
        slack.services.sessions, mentor, "Nora Lake", "nora", consent=False
    )  # never consented

    shown = [
        await ask(slack, "@nora how is she doing?"),
        await ask(slack, "@bob how is he?"),  # Dr Chen's patient
        await ask(slack, f"{anna.id} how is she?"),  # an id is not a name
        await ask(slack, "@anna.smith!! hows she"),  # malformed
        await ask(slack, "@anna how is she?", user="U404"),  # not a mentor
        await ask(slack, ""),
    ]

    assert shown[:5] == [
        refusal("@nora"), refusal("@bob"), refusal(str(anna.id)), refusal("@anna.smith"),
        refusal("@anna"),
    ]  # fmt: skip
    assert shown[5] == USAGE
    rows = await audit(slack)
    assert [r.outcome for r in rows] == ["refused"] * 5 + ["invalid"]
    assert [r.ai_reply for r in rows] == shown
    assert all(r.patient_id is None for r in rows)


async def test_note_and_patients_refusals_are_audited_with_what_was_shown(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)

    shown = [
        await ask(slack, "@bob prefers mornings", command="/note"),
        await ask(slack, "@anna", command="/note"),  # a note needs a text
        await ask(slack, "", command="/patients", user="U404"),
    ]

    rows = await audit(slack)
    assert [(r.action, r.outcome) for r in rows] == [
        ("note", "refused"), ("note", "invalid"), ("patients", "refused"),
    ]  # fmt: skip
    assert [r.ai_reply for r in rows] == [render_escaped(s) for s in shown]
    assert "U404" in shown[2] and refusal("@bob") == rows[0].ai_reply


def render_escaped(shown: str) -> str:
    """What was shown, as the core wrote it (Slack escapes < > &)."""
    return shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


PERSONAL = safety_message("en").splitlines()[0]  # "Thank you for telling me; …"


async def test_a_mentor_writing_of_their_own_crisis_gets_the_personal_safety_message(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)

    body = await ask(slack, "@ben honestly I can't do this job anymore, I want to kill myself")

    assert body.startswith(PERSONAL)
    assert MENTOR_SAFETY_MESSAGE in body  # in case they were quoting him after all
    (row,) = await audit(slack)
    assert row.outcome == "answered" and row.ai_reply.startswith(PERSONAL)


async def test_quoting_the_patient_gets_the_patient_safety_note_only(slack: SlackWorld) -> None:
    await two_patients(slack)

    quoted = [
        await ask(slack, '@anna she wrote "I want to end it all" in her journal'),
        await ask(slack, "@anna she told me I want to die, what do I do"),
        await ask(slack, "@ben I'm worried, he says he is better off dead"),
        await ask(slack, "@ben I think he might kill himself"),
    ]

    for body in quoted:
        assert body.startswith(MENTOR_SAFETY_MESSAGE) and PERSONAL not in body


async def test_the_personal_safety_message_is_in_the_mentors_language(slack: SlackWorld) -> None:
    await two_patients(slack)
    await slack.command("/patient", "language de", response="lang")

    body = await ask(slack, "@ben ehrlich gesagt will ich nicht mehr leben")

    assert body.startswith(safety_message("de").splitlines()[0])


async def test_crisis_language_gets_the_safety_note_even_when_the_question_is_refused(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)

    typo = await ask(slack, "@anan she said she wants to kill herself")
    others = await ask(slack, "@bob he wants to kill himself")
    stranger = await ask(slack, "@anna she wants to kill herself", user="U404")

    assert typo.startswith(MENTOR_SAFETY_MESSAGE) and refusal("@anan") in typo
    assert others.startswith(MENTOR_SAFETY_MESSAGE) and refusal("@bob") in others
    assert stranger.startswith(MENTOR_SAFETY_MESSAGE) and refusal("@anna") in stranger
    rows = await audit(slack)
    assert all(r.outcome == "refused" and MENTOR_SAFETY_MESSAGE in r.ai_reply for r in rows)


async def test_a_note_with_crisis_language_is_saved_and_met_with_the_safety_note(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)

    body = await ask(slack, "@anna told me last night she wants to kill herself", command="/note")

    assert body.startswith(MENTOR_SAFETY_MESSAGE) and body.endswith("Noted for Anna Smith.")
    (row,) = await audit(slack)
    assert row.outcome == "answered" and row.ai_reply.startswith(MENTOR_SAFETY_MESSAGE)


async def test_a_question_for_a_diagnosis_or_medication_is_told_goalbot_gives_neither(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)

    asked = [
        await ask(slack, "@anna does she have depression?"),
        await ask(slack, "@ben should he up his sertraline?"),
        await ask(slack, "@ben deep would a diagnosis help him? his meds seem off"),
        await ask(slack, "@anna how was her week?"),
    ]

    for body in asked[:3]:
        assert CLINICAL in body and body.index(CLINICAL) < body.index("Plan:")
    assert CLINICAL not in asked[3]
    rows = await audit(slack)
    assert [CLINICAL in r.ai_reply for r in rows] == [True, True, True, False]
    assert rows[0].sources_used["clinical"] and "clinical" not in rows[3].sources_used


async def test_the_clinical_notice_is_in_the_mentors_language(slack: SlackWorld) -> None:
    await two_patients(slack)
    await slack.command("/patient", "language de", response="lang")

    body = await ask(slack, "@ben should he stop taking his medication?")

    assert translator("de").gettext(CLINICAL) in body and CLINICAL not in body


async def test_with_the_warehouse_down_a_patient_gone_quiet_is_not_called_on_track(
    slack: SlackWorld,
) -> None:
    _, _, ben = await two_patients(slack)
    _, (read,) = await add_plan(slack.services.sessions, ben, "Sleep", [("Lights out", "daily")])
    await add_checkins(slack.services.sessions, ben, read, ["missed"] * 5 + ["done", "done"])
    slack.warehouse.down = True

    body = await ask(slack, "@ben how is he doing?")

    assert "needs attention" in body and "No check-in for 5 days." in body
    assert "Snowflake analytics unavailable" in body
    (row,) = await audit(slack)
    assert row.sources_used["used"] == ["postgresql"]


async def test_a_patient_who_withdrew_is_refused_and_drops_off_the_list(slack: SlackWorld) -> None:
    _, anna, _ = await two_patients(slack)
    assert "Anna Smith" in await ask(slack, "@anna how is she?")

    await withdraw(slack.services.sessions, user_id=anna.id)  # /mentor off on Telegram

    assert await ask(slack, "@anna how is she?") == refusal("@anna")
    assert await ask(slack, "Anna Smith how is she?") == refusal("Anna")
    assert await ask(slack, "@anna ate little", command="/note") == refusal("@anna")
    board = await ask(slack, "", command="/patients")
    assert "Ben Ortiz" in board and "Anna" not in board


async def test_nothing_about_one_patient_shows_up_in_anothers_answer(
    slack: SlackWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, anna, ben = await two_patients(slack)
    await ask(slack, "@anna knee injury, keep runs short", command="/note")
    seen, answer = [], slack.services.engine.mentor_answer

    async def recording(mode: str, context: PatientContext, *args: Any, **kw: Any) -> Any:
        seen.append(context.model_dump_json())
        return await answer(mode, context, *args, **kw)

    monkeypatch.setattr(slack.services.engine, "mentor_answer", recording)
    about_anna = await ask(slack, "@anna deep how was her week?")
    about_ben = await ask(slack, "@ben deep how was his week?")

    assert "divorce papers" in seen[0] and "knee injury" in seen[0]  # her shared text, the note
    for of_anna in ("Anna", "Run a 5k", "divorce", "knee", "40%", str(anna.id)):
        assert of_anna not in about_ben and of_anna not in seen[1]
    for of_ben in ("Ben", "Read every evening", "95%", str(ben.id)):
        assert of_ben not in about_anna and of_ben not in seen[0]
    assert "1 journal entry — text shared, 1 note" in about_anna
    assert "0 journal entries — mood and tags only, 0 notes" in about_ben
    rows = await audit(slack)
    assert [r.patient_id for r in rows] == [anna.id, anna.id, ben.id]
    assert "divorce" not in (rows[2].ai_reply or "") + str(rows[2].sources_used)


async def test_long_questions_are_answered_up_to_the_limit_and_audited_in_full_length(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)
    limit = slack.services.options.max_message_chars
    words = "how has her running week gone, and what got in the way on the days she missed? "
    question = ("@anna " + words * 60)[:limit].rstrip()

    answered = await ask(slack, question)
    refused = await ask(slack, question + " " + words * 60)

    assert "*Anna Smith* · quick check" in answered
    assert refused == f"That is too long: keep it under {limit:,} characters."
    rows = await audit(slack)
    assert [r.outcome for r in rows] == ["answered", "invalid"]
    assert rows[1].mentor_message_chars == len(question + " " + words * 60)
    assert len(rows[1].mentor_message) == 4000 and rows[1].ai_reply == refused


async def test_app_home_for_someone_goalbot_does_not_know_says_so_and_is_audited(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)

    await slack.event({"type": "app_home_opened", "user": "U404", "channel": "D1", "tab": "home"})
    await slack.fake.wait_for(lambda f: f.calls("views.publish"))

    (publish,) = slack.fake.calls("views.publish")
    assert "not registered as a goalbot mentor" in texts(publish["view"])
    assert "Anna" not in texts(publish["view"]) and "Ben" not in texts(publish["view"])
    (row,) = await audit(slack)
    assert (row.slack_user_id, row.action, row.outcome) == ("U404", "home", "refused")


async def test_goalbot_audit_lists_what_was_asked_and_what_was_answered(slack: SlackWorld) -> None:
    await two_patients(slack)
    refused = await ask(slack, "@bob how is he?")
    answered = await ask(slack, "@ben how is he?")

    lines = await history(slack.services.sessions, since=NOW - timedelta(days=400), mentor="U1")

    assert [(line.message, line.outcome) for line in lines] == [
        ("@bob how is he?", "refused"), ("@ben how is he?", "answered"),
    ]  # fmt: skip
    assert lines[0].reply == refused
    assert lines[1].reply and lines[1].reply.split("\n")[0] in answered


async def test_a_name_followed_by_punctuation_is_still_the_patient(slack: SlackWorld) -> None:
    await two_patients(slack)

    asked = [
        await ask(slack, "@anna, how was her week?"),
        await ask(slack, "Anna: how is she sleeping?"),
        await ask(slack, "anna smith, deep what changed this month?"),
        await ask(slack, "@ben? is he reading"),
    ]

    assert "*Anna Smith* · quick check" in asked[0] and "*Anna Smith* · quick check" in asked[1]
    assert "*Anna Smith* · deep dive" in asked[2]
    assert "*Ben Ortiz* · quick check" in asked[3]


async def test_past_the_daily_cap_crisis_language_still_gets_the_safety_note(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)
    slack.services.options = replace(slack.services.options, daily_model_calls=0)

    body = await ask(slack, "@anna she told me she wants to kill herself")

    assert body.startswith(MENTOR_SAFETY_MESSAGE) and "your daily limit" in body
    (row,) = await audit(slack)
    assert row.outcome == "refused" and MENTOR_SAFETY_MESSAGE in row.ai_reply


async def test_medication_questions_in_the_other_languages_get_the_notice(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)

    asked = [
        await ask(slack, "@anna ¿qué diagnóstico tendría?"),
        await ask(slack, "@ben sollte er seine Medikamente absetzen?"),
        await ask(slack, "@ben doit-il arrêter ses médicaments ?"),
        await ask(slack, "@anna ela deveria mudar a medicação?"),
        await ask(slack, "@ben he skipped his morning dose twice, what now?"),
    ]

    assert all(CLINICAL in body for body in asked)


async def test_the_mode_may_come_before_the_name(slack: SlackWorld) -> None:
    await two_patients(slack)

    deep = await ask(slack, "deep @anna what changed this month?")
    risk = await ask(slack, "risk Ben Ortiz is he slipping?")

    assert "*Anna Smith* · deep dive" in deep and "*Ben Ortiz* · risk" in risk
    assert await ask(slack, "deep @bob how is he?") == refusal("deep")  # still nobody else's


async def test_a_question_naming_a_drug_alone_gets_the_clinical_notice(slack: SlackWorld) -> None:
    await two_patients(slack)

    asked = [
        await ask(slack, "@ben is the sertraline making him tired?"),
        await ask(slack, "@anna ¿la sertralina le da sueño?"),
        await ask(slack, "@ben macht ihn das Sertralin so müde?"),
        await ask(slack, "@anna could the lexapro explain the bad sleep"),
        await ask(slack, "@ben is he sleeping better this week?"),
    ]

    assert [CLINICAL in body for body in asked] == [True, True, True, True, False]
    rows = await audit(slack)
    assert [bool(r.sources_used.get("clinical")) for r in rows] == [True, True, True, True, False]


async def test_after_crisis_language_the_offline_answer_suggests_reaching_out_not_praise(
    slack: SlackWorld,
) -> None:
    await two_patients(slack)  # Ben is at 95%: on his figures alone he would be praised

    bodies = [
        await ask(
            slack, "@ben he told me he's been thinking about killing himself. how's his week?"
        ),
        await ask(slack, 'risk @ben he texted me "i want to end it all" last night'),
    ]

    for body in bodies:
        assert "consistency" not in body.lower() and "crisis resources" in body
    praised = await ask(slack, "@ben how was his week?")
    assert "Acknowledge their consistency" in praised
