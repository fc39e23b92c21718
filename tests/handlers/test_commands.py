"""The command table: Telegram, the menu, /help, the console and docs/commands.md come from it."""

from __future__ import annotations

import inspect
import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from telegram.ext import CommandHandler

from coach import members
from handlers import commands, present
from handlers.dialog import Dialog
from mentor import invites
from storage import mentors as store
from storage.db import Sessions
from storage.models import User
from tests.fakes.mentoring import NOW, add_mentor, add_plan
from tests.handlers.telegram.harness import Clock, console_chat, make_services, telegram_chat

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "commands.md"
DECLARES = re.compile(r"^\s*(?:@commands\.command\(|@command\(|(?:commands\.)?declare\()", re.M)


def test_every_module_that_declares_commands_is_imported_by_the_table() -> None:
    found = {
        ".".join(path.relative_to(REPO).with_suffix("").parts)
        for path in (REPO / "handlers").rglob("*.py")
        if path.name != "commands.py" and DECLARES.search(path.read_text(encoding="utf-8"))
    }
    assert found and found <= set(commands.DECLARING)


def test_docs_commands_page_is_the_generated_table() -> None:
    expected = "\n".join(commands.markdown_table()) + "\n"
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "run `goalbot commands --markdown > docs/commands.md`"
    )


def test_every_declared_handler_is_an_async_function_of_the_dialog_and_the_call() -> None:
    for spec in commands.table():
        if spec.handler is not None:
            assert inspect.iscoroutinefunction(spec.handler), spec.name
            assert len(inspect.signature(spec.handler).parameters) == 2, spec.name
    assert Dialog.cmd_help in [c.handler for c in commands.table()]


def test_help_lists_every_private_command_with_a_help_line() -> None:
    text = commands.help_text()
    shown = [c for c in commands.table() if c.help is not None and c.chat == "private"]
    assert shown and all(f"/{c.name} " in text for c in shown)
    positions = [text.index(f"/{c.name} ") for c in shown]
    assert positions == sorted(positions)  # in declaration order


async def test_telegram_registers_one_handler_per_declared_command(sessions: Sessions) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    registered = [
        h.commands
        for group in chat.app.handlers.values()
        for h in group
        if isinstance(h, CommandHandler)
    ]
    singles = [n for names in registered if len(names) == 1 for n in names]
    declared = [c.name for c in commands.table() if c.handler is not None]
    counts = {name: singles.count(name) for name in declared}
    assert declared and counts == dict.fromkeys(counts, 1)
    await chat.app.shutdown()


async def test_mentor_consent_works_in_the_console(sessions: Sessions, tmp_path: Path) -> None:
    await add_mentor(sessions, "U1", "Dr Rivera")
    code, _ = await invites.create(sessions, slack_user_id="U1", now=NOW, ttl_hours=72)
    chat = console_chat(make_services(sessions, Clock(NOW)), tmp_path)
    await chat.say("/start")

    assert "Dr Rivera would like to be your mentor" in await chat.say(f"/mentor {code}")
    assert "Dr Rivera is now your mentor" in await chat.press("Agree, without journal text")
    assert "no longer sees your data" in await chat.say("/mentor off")
    assert await chat.say(f"/mentor {code}") == f"goalbot> {invites.BAD_CODE}"


async def test_a_plan_suggestion_is_answered_through_the_dialog(
    sessions: Sessions, tmp_path: Path
) -> None:
    chat = console_chat(make_services(sessions, Clock(NOW)), tmp_path)
    await chat.say("/start")
    async with sessions() as session:
        (user,) = await session.scalars(select(User))
    await add_plan(sessions, user, "Walk more", [("Walk", "daily")])
    async with sessions.begin() as session:
        row = await store.add_suggestion(session, user_id=user.id, interaction_id=None,
                                         patch={"habits": [{"match": "Walk", "frequency": "weekdays"}]},
                                         origin="weekly_review")  # fmt: skip
    dialog, member = chat.console.dialog, await members.get(chat.console.services, user_id=user.id)
    assert member is not None
    accept, decline = present.suggestion_row(row.id)

    pressed = await dialog.press(member, accept.data, sent_at=NOW - timedelta(days=5))
    assert pressed.replies[0].text.startswith("Done: your plan is updated.")  # old keyboards count
    again = await dialog.press(member, decline.data, sent_at=None)
    assert again.replies[0].text == "You already answered this suggestion (accepted)."
