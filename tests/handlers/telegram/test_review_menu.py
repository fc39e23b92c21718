"""README, BotFather step 2: "goalbot also registers this menu itself at start" — the same menu."""

from __future__ import annotations

import re
from pathlib import Path

from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, make_services, telegram_chat

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_menu() -> list[dict[str, str]]:
    """The `/setcommands` block of the README as Bot API BotCommand objects."""
    block = re.search(r"`/setcommands`.*?```\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block is not None, "the README lost its /setcommands block"
    pairs = [line.strip().split(" - ", 1) for line in block.group(1).strip().splitlines()]
    return [{"command": name, "description": text} for name, text in pairs]


async def test_the_registered_menu_is_the_one_the_readme_tells_botfather(
    sessions: Sessions,
) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await chat.app.post_init(chat.app)
    calls = [p for m, p in chat.request.calls if m == "setMyCommands" and "scope" not in p]
    (params,) = [p for p in calls if "language_code" not in p]  # the default, English menu
    assert [dict(c) for c in params["commands"]] == readme_menu()
