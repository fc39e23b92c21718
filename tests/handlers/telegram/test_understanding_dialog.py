"""Members' own words through the real PTB Application, the console and the fake Gemini: every
path routes through the one understanding step (coach.understanding)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from coach.config import GeminiSettings
from storage.db import Sessions
from storage.models import Checkin, Habit, SafetyEvent
from tests.fakes.gemini import FakeGemini
from tests.fakes.gemini import Reply as GeminiReply
from tests.handlers.telegram.harness import (
    Clock,
    console_chat,
    make_services,
    run_dialog,
    telegram_chat,
)

GOALS = [
    ("/start", "time zone"), ("Berlin", "Berlin"),
    ("run 3x a week", r"Run.*3 times a week"), ("[Save]", "Saved"),
    ("read 20 pages daily", r"Read 20 pages.*every day"), ("[Save]", "Saved"),
]  # fmt: skip


async def _checkins(sessions: Sessions) -> list[tuple[str, str, float | None, str]]:
    async with sessions() as session:
        rows = await session.execute(
            select(Habit.title, Checkin.status, Checkin.amount, Checkin.source)
            .join(Habit, Habit.id == Checkin.habit_id)
            .order_by(Habit.title)
        )
        return [tuple(r) for r in rows]


async def test_telegram_check_ins_in_words_never_invent_a_done(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [
        *GOALS,
        ("gonna read tonight", r"^(?!.*Shall I mark)(?!.*✅)"),
        ("should i run today", r"^(?!.*Shall I mark)"),
        ("no run today", "Shall I mark “Run” as missed"),
        ("[Yes, missed]", "Run: missed"),
        ("ran 7k and read 12 pages", r"Run: done.*Read 20 pages: done"),
    ])  # fmt: skip
    assert await _checkins(sessions) == [
        ("Read 20 pages", "done", 12.0, "message"),
        ("Run", "done", 7.0, "message"),
    ]


async def test_a_correction_in_words_revises_the_open_plan(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [
        *GOALS[:3],
        ("make it 4 times a week", r"Run 4x a week.*Changed how often: 4 times a week"),
        ("mornings only please", r"\(morning\).*Changed the time of day: morning"),
        ("[Save]", "Saved “Run 4x a week”"),
    ])  # fmt: skip


async def test_the_console_routes_through_the_same_step(sessions: Sessions, tmp_path: Path) -> None:
    clock = Clock()
    chat = console_chat(make_services(sessions, clock), tmp_path)
    await run_dialog(chat, [
        *GOALS,
        ("bought a new running bag today", r"^(?!.*Shall I mark)(?!.*Run: done)"),
        ("read 20 pages last night", "before this habit started"),  # saved today
        ("read 15 pages this morning", "Read 20 pages: done"),
    ])  # fmt: skip
    assert await _checkins(sessions) == [("Read 20 pages", "done", 15.0, "message")]


async def test_with_gemini_one_call_understands_and_answers(sessions: Sessions) -> None:
    clock = Clock()
    async with FakeGemini() as fake:
        gemini = GeminiSettings(api_key="k", api_url=fake.url, timeout_seconds=2, max_retries=0)
        services = make_services(sessions, clock, gemini=gemini)
        chat = await telegram_chat(services, clock)
        plan = {"title": "Run 3x a week", "category": "fitness", "frequency": "3 times a week",
                "habits": [{"title": "Run", "frequency": "weekly:3"}], "start_date": "2026-11-25"}  # fmt: skip
        fake.script(GeminiReply.json(plan))
        await run_dialog(chat, GOALS[:4])
        async with sessions() as session:
            run_id = str(await session.scalar(select(Habit.id)))
        fake.script(
            GeminiReply.json({"intent": "checkin", "reply": "Great run!",
                              "checkins": [{"habit_id": run_id, "status": "done", "amount": 6}]}),
            GeminiReply.json({"intent": "chat", "risk": True, "reply": "model words"}),
        )  # fmt: skip
        asked = len(fake.requests)
        await run_dialog(chat, [
            ("did the thing this morning", r"Run: done.*Great run!"),
            ("i'm just so tired of everything lately", r"^(?!.*model words)"),
        ])  # fmt: skip
        assert len(fake.requests) == asked + 2  # one model call per message
        assert "habit_ids" in fake.requests[asked].user and run_id in fake.requests[asked].user
        await services.engine.aclose()
    assert await _checkins(sessions) == [("Run", "done", 6.0, "message")]
    async with sessions() as session:
        categories = (await session.scalars(select(SafetyEvent.category))).all()
    assert categories == ["model_risk"]
