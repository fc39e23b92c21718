"""Signed requests to the real Bolt app: /patient, /patients, /note, refusals, security."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

from mentor.copilot import MENTOR_SAFETY_MESSAGE
from mentor.patients import refusal
from storage.models import MentorInteraction, MentorNote
from tests.fakes.mentoring import Figures, add_mentor, add_patient, add_plan

if TYPE_CHECKING:
    from conftest import SlackWorld


async def audit(world: SlackWorld) -> list[MentorInteraction]:
    async with world.services.sessions() as session:
        rows = await session.scalars(
            select(MentorInteraction).order_by(MentorInteraction.created_at)
        )
        return list(rows)


def texts(message: dict) -> str:
    """Every text in a Block Kit message, joined."""
    parts = [message.get("text", "")]
    for block in message.get("blocks", []):
        parts.append(block.get("text", {}).get("text", ""))
        parts += [
            e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)
        ]
    return "\n".join(parts)


async def test_patient_is_acknowledged_then_answered_privately_and_audited(
    slack: SlackWorld,
) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    anna = await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")
    await add_plan(slack.services.sessions, anna, "Run a 5k", [("Run", "weekly:3")])
    slack.warehouse.figures[anna.id] = Figures(anna.id, "Anna Smith", adherence_7d=40.0)

    reply = await slack.command("/patient", "@anna deep how was her week?")

    assert reply.status == 200
    assert await reply.json() == {"response_type": "ephemeral", "text": "Looking into @anna…"}
    await slack.fake.wait_for(lambda f: f.responses("r1"))
    (answer,) = slack.fake.responses("r1")
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
    body = texts(answer)
    assert "*Anna Smith* · deep dive" in body and "Run a 5k" in body
    assert "Snowflake analytics from 12 min ago" in body and "engine: offline" in body
    assert slack.fake.calls("chat.postMessage") == []  # nothing is ever posted to a channel
    (row,) = await audit(slack)
    assert (row.action, row.outcome, row.patient_id) == ("patient", "answered", anna.id)
    assert row.sources_used["used"] == ["postgresql", "snowflake"]


async def test_patient_is_acknowledged_before_the_copilot_asks_the_model(
    slack: SlackWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")
    release, answer = asyncio.Event(), slack.services.engine.mentor_answer

    async def slow_model(*args: Any, **kwargs: Any) -> Any:
        await release.wait()
        return await answer(*args, **kwargs)

    monkeypatch.setattr(slack.services.engine, "mentor_answer", slow_model)
    try:  # Slack gives up after 3 s: the ack must not wait for the model
        reply = await asyncio.wait_for(slack.command("/patient", "@anna how is she?"), 2)
        assert reply.status == 200 and slack.fake.responses("r1") == []
    finally:
        release.set()
    await slack.fake.wait_for(lambda f: f.responses("r1"))
    assert "*Anna Smith* · quick check" in texts(slack.fake.responses("r1")[0])


async def test_crisis_language_gets_the_fixed_safety_message_before_the_answer(
    slack: SlackWorld,
) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")

    await slack.command("/patient", "@anna she told me she wants to die")
    await slack.fake.wait_for(lambda f: f.responses("r1"))

    (answer,) = slack.fake.responses("r1")
    assert answer["text"].startswith(MENTOR_SAFETY_MESSAGE)
    header, safety, *generated = [
        b["text"]["text"] for b in answer["blocks"] if b["type"] == "section"
    ]
    assert header == "*Anna Smith* · quick check" and MENTOR_SAFETY_MESSAGE in safety
    assert generated and not any(MENTOR_SAFETY_MESSAGE in g for g in generated)


async def test_a_bad_signature_or_a_stale_timestamp_is_refused_with_401(slack: SlackWorld) -> None:
    await add_mentor(slack.services.sessions, "U1", "Dr Rivera")

    forged = await slack.command("/patient", "@anna", secret="not-the-secret")
    stale = await slack.command("/patient", "@anna", timestamp=str(int(time.time()) - 6 * 60))
    unsigned = await slack.http.post(slack.url, data=b"command=/patient&user_id=U1")

    assert (forged.status, stale.status, unsigned.status) == (401, 401, 401)
    assert slack.fake.recorded == [] and await audit(slack) == []


async def test_unknown_user_and_other_mentors_patient_get_the_same_refusal(
    slack: SlackWorld,
) -> None:
    sessions = slack.services.sessions
    mine, theirs = (
        await add_mentor(sessions, "U1", "Dr Rivera"),
        await add_mentor(sessions, "U2", "Dr Chen"),
    )
    await add_patient(sessions, mine, "Anna Smith", "anna")
    await add_patient(sessions, theirs, "Bob Jones", "bob")

    await slack.command("/patient", "@bob how is he?", user="U1", response="other")
    await slack.command("/patient", "@nobody how is he?", user="U1", response="none")
    await slack.command("/patient", "@bob how is he?", user="U777", response="stranger")
    await slack.fake.wait_for(lambda f: len(f.responses()) == 3)

    other, none, stranger = (
        slack.fake.responses(n)[0]["text"] for n in ("other", "none", "stranger")
    )
    assert other == stranger == refusal("@bob") and none == refusal("@nobody")
    assert all(r["response_type"] == "ephemeral" for r in slack.fake.responses())
    rows = await audit(slack)
    assert sorted((r.slack_user_id, r.outcome, r.patient_id) for r in rows) == [
        ("U1", "refused", None), ("U1", "refused", None), ("U777", "refused", None),
    ]  # fmt: skip


async def test_a_name_matching_two_patients_asks_for_the_username(slack: SlackWorld) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await add_patient(slack.services.sessions, mentor, "Sam Lee", "samlee")
    await add_patient(slack.services.sessions, mentor, "Sam Lee", "sam_l")

    await slack.command("/patient", "Sam Lee how is the week?")
    await slack.fake.wait_for(lambda f: f.responses("r1"))

    text = slack.fake.responses("r1")[0]["text"]
    assert "@samlee" in text and "@sam_l" in text and "More than one" in text
    assert [(r.action, r.outcome) for r in await audit(slack)] == [("patient", "clarify")]


async def test_patients_lists_riskiest_first_with_the_dashboard_figures(slack: SlackWorld) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    calm = await add_patient(slack.services.sessions, mentor, "Calm Carl", "carl")
    risky = await add_patient(slack.services.sessions, mentor, "Risky Rita", "rita")
    slack.warehouse.figures[calm.id] = Figures(calm.id, risk_score=0.1, adherence_7d=95.0)
    slack.warehouse.figures[risky.id] = Figures(
        risky.id, risk_level="high", risk_score=0.9, adherence_7d=20.0, missed_count_7d=5,
        last_checkin_days_ago=4,
    )  # fmt: skip

    await slack.command("/patients", "")
    await slack.fake.wait_for(lambda f: f.responses("r1"))

    body = texts(slack.fake.responses("r1")[0])
    assert body.index("Risky Rita") < body.index("Calm Carl")
    assert "risk high (0.90) · 7-day adherence 20% · missed (7 d) 5 · last check-in 4 d ago" in body
    assert [(r.action, r.outcome) for r in await audit(slack)] == [("patients", "answered")]


async def test_note_stores_a_note_for_an_own_patient(slack: SlackWorld) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")

    await slack.command("/note", "@anna knee injury, keep runs short")
    await slack.fake.wait_for(lambda f: f.responses("r1"))

    assert slack.fake.responses("r1")[0]["text"] == "Noted for Anna Smith."
    async with slack.services.sessions() as session:
        (note,) = await session.scalars(select(MentorNote))
    assert note.text == "knee injury, keep runs short"
    assert [(r.action, r.outcome) for r in await audit(slack)] == [("note", "answered")]


async def test_app_home_shows_the_dashboard_when_opened(slack: SlackWorld) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    anna = await add_patient(slack.services.sessions, mentor, "Anna Smith", "anna")
    slack.warehouse.figures[anna.id] = Figures(anna.id, risk_level="medium", risk_score=0.5)

    reply = await slack.event(
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    )
    assert reply.status == 200
    await slack.fake.wait_for(lambda f: f.calls("views.publish"))

    (publish,) = slack.fake.calls("views.publish")
    assert publish["user_id"] == "U1" and publish["view"]["type"] == "home"
    assert "*Anna Smith* (@anna) — risk medium (0.50)" in texts(publish["view"])
    assert slack.fake.calls("auth.test")  # Bolt checked its token against the fake once
    assert [(r.action, r.outcome) for r in await audit(slack)] == [("home", "answered")]


async def test_patients_without_the_warehouse_lists_by_name_and_strangers_are_told(
    slack: SlackWorld,
) -> None:
    mentor = await add_mentor(slack.services.sessions, "U1", "Dr Rivera")
    await add_patient(slack.services.sessions, mentor, "Zed Last", "zed")
    await add_patient(slack.services.sessions, mentor, "Amy First", "amy")
    slack.warehouse.down = True

    await slack.command("/patients", "")
    await slack.command("/patients", "", user="U404", response="stranger")
    await slack.fake.wait_for(lambda f: len(f.responses()) == 2)

    body = texts(slack.fake.responses("r1")[0])
    assert body.index("Amy First") < body.index("Zed Last")
    assert "Analytics unavailable: the analytics warehouse is unreachable. Listed by name." in body
    assert "risk unknown · 7-day adherence n/a" in body
    assert slack.fake.responses("stranger")[0]["text"].startswith(
        "You are not registered as a goalbot mentor"
    )
    rows = await audit(slack)
    assert sorted((r.slack_user_id, r.outcome) for r in rows) == [
        ("U1", "answered"),
        ("U404", "refused"),
    ]


async def test_slack_can_verify_the_request_url(slack: SlackWorld) -> None:
    body = '{"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}'
    reply = await slack.post(body, content_type="application/json")
    assert reply.status == 200
    assert await reply.json() == {
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    }
