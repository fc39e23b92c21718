"""The /patient copilot: own patients only, context from PostgreSQL and the warehouse, audit."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import select

from mentor import copilot, notes, patients
from mentor.analytics import bounded_read
from mentor.context import gather
from storage.db import Sessions
from storage.models import MentorInteraction
from tests.fakes.mentoring import (
    Figures,
    WarehouseDouble,
    add_checkins,
    add_journal,
    add_mentor,
    add_patient,
    add_plan,
    services,
)


async def audit_rows(sessions: Sessions) -> list[MentorInteraction]:
    async with sessions() as session:
        rows = await session.scalars(
            select(MentorInteraction).order_by(MentorInteraction.created_at)
        )
        return list(rows)


async def test_an_answer_uses_postgresql_and_fresh_warehouse_figures_and_is_audited(
    sessions: Sessions,
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    _, (run,) = await add_plan(sessions, anna, "Run a 5k", [("Run", "weekly:3")])
    await add_checkins(sessions, anna, run, ["missed", "missed", "done", "done"])
    warehouse = WarehouseDouble({anna.id: Figures(anna.id, "Anna Smith", adherence_7d=30.0,
                                                  risk_level="high", risk_score=0.8)})  # fmt: skip
    svc = services(sessions, analytics=warehouse)

    result = await copilot.ask(svc, slack_user_id="U1", text="Anna Smith risk what now?")

    assert result.outcome == "answered" and result.mode == "risk_intervention"
    assert result.patient_name == "Anna Smith" and result.answer is not None
    assert any("Adherence 30%" in p for p in result.answer.risk_patterns)
    assert result.sources["used"] == ["postgresql", "snowflake"]
    assert result.sources["postgresql"]["checkins"] == 4
    assert result.sources["snowflake"]["age_minutes"] == 12
    assert result.sources["engine"]["source"] == "offline"
    (row,) = await audit_rows(sessions)
    assert (row.action, row.outcome, row.slack_user_id) == ("patient", "answered", "U1")
    assert row.mentor_id == mentor.id and row.patient_id == anna.id
    assert row.sources_used["snowflake"]["available"] is True
    assert row.ai_reply.startswith(result.answer.reply)
    assert row.id == result.interaction_id


async def test_another_mentors_patient_gets_the_same_refusal_as_nobody(sessions: Sessions) -> None:
    mine = await add_mentor(sessions, "U1", "Dr Rivera")
    theirs = await add_mentor(sessions, "U2", "Dr Chen")
    await add_patient(sessions, mine, "Anna Smith", "anna")
    await add_patient(sessions, theirs, "Bob Jones", "bob")
    svc = services(sessions)

    stranger = await copilot.ask(svc, slack_user_id="U1", text="@bob how is he?")
    nobody = await copilot.ask(svc, slack_user_id="U1", text="@ghost how is he?")
    not_a_mentor = await copilot.ask(svc, slack_user_id="U999", text="@bob how is he?")

    assert stranger.outcome == nobody.outcome == not_a_mentor.outcome == "refused"
    assert stranger.text == patients.refusal("@bob") == not_a_mentor.text
    assert nobody.text == patients.refusal("@ghost")
    assert "Bob" not in stranger.text.replace("@bob", "")
    rows = await audit_rows(sessions)
    assert [(r.outcome, r.patient_id, r.slack_user_id) for r in rows] == [
        ("refused", None, "U1"), ("refused", None, "U1"), ("refused", None, "U999"),
    ]  # fmt: skip
    assert rows[2].mentor_id is None and rows[0].mentor_id == mine.id


async def test_a_name_two_patients_share_asks_for_the_username(sessions: Sessions) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    await add_patient(sessions, mentor, "Alex Kim", "alexk")
    alex_m = await add_patient(sessions, mentor, "Alex Moore", "alexm")
    await add_patient(sessions, None, "Alex Other", "alexo")  # not this mentor's: never listed
    svc = services(sessions)

    ambiguous = await copilot.ask(svc, slack_user_id="U1", text="Alex how is the week?")
    exact = await copilot.ask(svc, slack_user_id="U1", text="@AlexM quick how is the week?")

    assert ambiguous.outcome == "clarify"
    assert "@alexk" in ambiguous.text and "@alexm" in ambiguous.text
    assert "alexo" not in ambiguous.text
    assert exact.outcome == "answered" and exact.patient_name == "Alex Moore"
    rows = await audit_rows(sessions)
    assert [r.outcome for r in rows] == ["clarify", "answered"]
    assert rows[1].patient_id == alex_m.id


async def test_journal_text_reaches_the_copilot_only_with_consent(sessions: Sessions) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    private = await add_patient(sessions, mentor, "Pat Private", "pat")
    open_ = await add_patient(sessions, mentor, "Olly Open", "olly", share_journal_text=True)
    svc = services(sessions)
    await add_journal(svc, private, "my secret worries", -0.6, ["anxious"])
    await add_journal(svc, open_, "a good long run today", 0.7, ["proud"])

    closed = await gather(svc, mentor_id=mentor.id, patient=private, mode="quick_check")
    shared = await gather(svc, mentor_id=mentor.id, patient=open_, mode="quick_check")

    assert closed.context.journal[0].endswith(" sentiment -0.60, tags: anxious")
    assert "my secret worries" not in str(closed.context.model_dump())
    assert "a good long run today" in shared.context.journal[0]
    assert closed.sources["postgresql"]["journal_text"] is False
    assert shared.sources["postgresql"]["journal_text"] is True


async def test_without_the_warehouse_the_answer_comes_from_postgresql_and_says_so(
    sessions: Sessions,
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    await add_patient(sessions, mentor, "Anna Smith", "anna")
    svc = services(sessions, analytics=WarehouseDouble(down=True))

    result = await copilot.ask(svc, slack_user_id="U1", text="@anna")

    assert result.outcome == "answered"
    assert result.sources["used"] == ["postgresql"]
    assert result.sources["snowflake"] == {
        "available": False, "reason": "the analytics warehouse is unreachable",
    }  # fmt: skip


async def test_crisis_language_from_the_mentor_puts_the_safety_message_first(
    sessions: Sessions,
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    await add_patient(sessions, mentor, "Anna Smith", "anna")
    svc = services(sessions)

    result = await copilot.ask(svc, slack_user_id="U1", text="@anna she said she wants to die")

    assert result.outcome == "answered"
    assert result.safety_message == copilot.MENTOR_SAFETY_MESSAGE
    (row,) = await audit_rows(sessions)
    assert row.ai_reply.startswith(copilot.MENTOR_SAFETY_MESSAGE)


async def test_deep_dive_reads_the_full_history_and_quick_check_stays_brief(
    sessions: Sessions,
) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    _, (run,) = await add_plan(sessions, anna, "Run a 5k", [("Run", "daily")])
    await add_checkins(sessions, anna, run, ["done"] * 20)
    svc = services(sessions)

    quick = await gather(svc, mentor_id=mentor.id, patient=anna, mode="quick_check")
    deep = await gather(svc, mentor_id=mentor.id, patient=anna, mode="deep_dive")

    assert len(quick.context.last_checkins) == 7 and quick.context.history == []
    assert len(deep.context.last_checkins) == 7 and len(deep.context.history) == 13
    assert quick.context.plan == ["Goal: Run a 5k (fitness)", "  Habit: Run — daily"]


async def test_a_note_is_stored_and_used_by_later_answers(sessions: Sessions) -> None:
    mentor = await add_mentor(sessions, "U1", "Dr Rivera")
    anna = await add_patient(sessions, mentor, "Anna Smith", "anna")
    svc = services(sessions)

    saved = await notes.add(svc, slack_user_id="U1", text="Anna Smith prefers morning runs")
    refused = await notes.add(svc, slack_user_id="U2", text="Anna Smith anything")
    later = await gather(svc, mentor_id=mentor.id, patient=anna, mode="quick_check")

    assert saved.outcome == "answered" and refused.outcome == "refused"
    (note,) = later.context.mentor_notes
    assert note.endswith(" prefers morning runs")
    assert [(r.action, r.outcome) for r in await audit_rows(sessions)] == [
        ("note", "answered"), ("note", "refused"),
    ]  # fmt: skip


async def test_an_empty_command_gets_the_usage_and_is_audited(sessions: Sessions) -> None:
    svc = services(sessions)
    result = await copilot.ask(svc, slack_user_id="U1", text="   ")
    assert result.outcome == "invalid" and result.text == copilot.USAGE
    assert [r.outcome for r in await audit_rows(sessions)] == ["invalid"]


def test_crisis_language_about_a_patient_is_recognised_in_the_third_person() -> None:
    from mentor.safety import mentions_crisis

    for text in ("she wants to die", "he talked about killing himself", "they self-harm again",
                 "she overdosed last year", "I want to die"):  # fmt: skip
        assert mentions_crisis(text), text
    for text in ("this workout is killing me", "she crushed her run", "he is dead tired"):
        assert not mentions_crisis(text), text


@pytest.mark.parametrize(
    "text",
    ["dijo que quiere morir", "dice que se quiere matar", "mi paciente no quiere seguir viviendo",
     "er will sich umbringen", "sie hat gesagt, dass sie nicht mehr leben will",
     "sie will sterben", "il dit qu'il veut en finir", "elle ne veut plus vivre",
     "ela disse que quer se matar", "ele não quer mais viver"],
)  # fmt: skip
def test_crisis_language_about_a_patient_is_recognised_in_other_languages(text: str) -> None:
    from mentor.safety import mentions_crisis

    assert mentions_crisis(text), text


@pytest.mark.parametrize(
    "text",
    ["quiere correr más", "er will sich mehr bewegen", "sie will nicht mehr laufen",
     "elle veut finir son livre", "ela quer morrer de rir com a série", "se corta el pelo"],
)  # fmt: skip
def test_ordinary_reports_in_other_languages_raise_no_alarm(text: str) -> None:
    from mentor.safety import mentions_crisis

    assert not mentions_crisis(text), text


async def test_a_slow_or_missing_warehouse_is_unavailable_with_its_reason() -> None:
    async def slow(_: object) -> None:
        await asyncio.sleep(5)

    assert await bounded_read(WarehouseDouble(), slow, 0.05) == (
        None, "the analytics warehouse did not answer within 0.05 s",
    )  # fmt: skip
    assert await bounded_read(None, slow, 0.05) == (None, "no analytics warehouse is configured")
    figures = {uuid.uuid4(): None}

    async def fast(warehouse: WarehouseDouble) -> dict:
        return figures

    assert await bounded_read(WarehouseDouble(), fast, 1) == (figures, None)
