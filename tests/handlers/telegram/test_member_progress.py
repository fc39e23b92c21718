"""/progress and measurable habits through the real PTB Application (#15)."""

from __future__ import annotations

import pytest

from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat

TWO_GOALS = [
    ("/start", r"time zone"),
    ("Berlin", r"Europe/Berlin"),
    ("I want to read 20 pages every day", r"plan.*Read 20 pages"),
    ("[Save]", r"Saved"),
    ("I want to play guitar 3 times a week", r"plan.*guitar"),
    ("[Save]", r"Saved"),
]


@pytest.mark.slow
async def test_progress_shows_every_habit_and_zooms_into_one(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, TWO_GOALS)
    everything, guitar, unknown = await run_dialog(chat, [
        ("/progress", r"Read 20 pages.*guitar.*Zoom into one habit: /progress"),
        ("/progress guitar", r"Your progress.*guitar"),
        ("/progress banjo", r"no habit called “banjo”.*Read 20 pages.*guitar"),
    ])  # fmt: skip
    assert all("sendPhoto" in a and "[photo]" in a for a in (everything, guitar, unknown))
    assert "Read 20 pages" not in guitar  # zoomed: the one habit only
    photos = [p for m, p in chat.request.calls if m == "sendPhoto"]
    assert len(photos) == 3


async def test_a_measurable_habit_shows_its_target_and_partial_progress(
    sessions: Sessions,
) -> None:
    clock = Clock()
    services = make_services(sessions, clock)
    chat = await telegram_chat(services, clock)
    await run_dialog(chat, TWO_GOALS[:4])
    await run_dialog(chat, [("/checkin", r"Read 20 pages"), ("[Done]", r"done")])
    await run_dialog(chat, [("/progress", r"Read 20 pages: streak 1.*today 20/20 pages")])


async def test_the_done_button_gives_the_target_and_a_number_reply_corrects_it(
    sessions: Sessions,
) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, TWO_GOALS[:4])
    await run_dialog(chat, [("/checkin", r"Read 20 pages")])
    assert "Done 20 pages: Read 20 pages" in str(chat.keyboard)
    await run_dialog(chat, [
        ("[Done 20 pages]", r"today: 20/20 pages.*reply with the number"),
        ("12", r"Read 20 pages: done.*today: 12/20 pages"),
        ("/progress", r"today 12/20 pages"),
    ])  # fmt: skip


async def test_an_amount_in_words_is_partial_progress_with_its_share(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, TWO_GOALS[:4])
    await run_dialog(chat, [
        ("read 12 pages", r"Read 20 pages: done.*strength 3%.*today: 12/20 pages"),
        ("/progress", r"7-day 60%.*today 12/20 pages"),  # 0.6 of a check-in; Loop: 0.6 × 5.19 %
    ])  # fmt: skip
