"""The mentor side tried from outside: signed slash commands to the real Bolt app, as a mentor
on Slack would type them, with every interaction's audit row checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from mentor.copilot import USAGE
from mentor.patients import refusal
from storage.models import Mentor, MentorInteraction, User
from tests.fakes.mentoring import Figures, add_journal, add_mentor, add_patient, add_plan
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
        refusal("@nora"), refusal("@bob"), refusal(str(anna.id)), refusal("@anna.smith!!"),
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
