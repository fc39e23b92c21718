"""A press says what it did (toast, replies, erased) as data; no transport reads the replies."""

from __future__ import annotations

from pathlib import Path

from coach import members
from handlers.present import Pressed
from storage.db import Sessions
from tests.handlers.telegram.harness import (
    Clock,
    ConsoleChat,
    console_chat,
    make_services,
    run_dialog,
    telegram_chat,
)

SAVED = [("/start", "time zone"), ("Berlin", "Europe/Berlin"),
         ("/goal read 20 pages every day", "Read 20 pages")]  # fmt: skip


async def press(chat: ConsoleChat, label: str) -> Pressed:
    """Press the console's choice labelled `label` straight on the dialog; its typed result."""
    console = chat.console
    (data,) = [console.choices[n] for n, text in console.labels.items() if label in text]
    member = await members.get(console.services, user_id=console.member_id)  # type: ignore[arg-type]
    assert member is not None
    return await console.dialog.press(member, data, sent_at=None)


async def test_each_press_carries_its_own_short_answer(sessions: Sessions, tmp_path: Path) -> None:
    chat = console_chat(make_services(sessions, Clock()), tmp_path)
    await run_dialog(chat, SAVED)
    saved = await press(chat, "Save")
    assert saved.toast.startswith("Saved “") and not saved.erased
    await chat.say("/checkin")
    done = await press(chat, "Done")
    assert (
        done.toast.endswith("Read 20 pages: done. Streak 1 · strength 5%")
        or "Streak 1" in done.toast
    )
    assert done.replies[0].edit and "Undo" in str(done.replies[0].buttons)
    assert (await press(chat, "Skip")).toast.startswith("⏭ Read 20 pages: skipped.")


async def test_an_erasure_is_a_flag_the_console_acts_on(sessions: Sessions, tmp_path: Path) -> None:
    chat = console_chat(make_services(sessions, Clock()), tmp_path)
    await run_dialog(chat, [*SAVED[:2], ("/forget", "Are you sure")])
    kept = await press(chat, "No, keep it")
    assert (kept.toast, kept.erased) == ("Kept.", False)
    await chat.say("/forget")
    assert "Everything you told me is erased" in await chat.press("Yes, erase everything")
    assert chat.console.member_id is None  # from the press's `erased`, not a second lookup
    assert "Send /start" in await chat.say("/checkin")


async def test_telegram_answers_the_press_with_the_toast(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [*SAVED, ("[Save]", "Saved"), ("/checkin", "Read 20 pages")])
    shown = await chat.press("Done")
    assert "answerCallbackQuery: ✅ Read 20 pages: done. Streak 1" in shown
    await chat.say("/forget")
    erased = await chat.press("Yes, erase everything")
    assert "answerCallbackQuery: Everything is erased." in erased
    assert "/start first" in await chat.say("/checkin")  # the press cache dropped the member
    await chat.app.shutdown()
